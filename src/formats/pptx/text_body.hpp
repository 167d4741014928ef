// DrawingML text (a:txBody / p:txBody: paragraphs of runs, line breaks, fields) and tables (a:tbl),
// as PowerPoint shapes, table cells and notes hold them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"
#include "pugixml.hpp"

namespace quarry::detail::pptx {

/// The bullet of one paragraph level.
enum class bullet : std::int8_t { unknown = -1, none = 0, symbol = 1, number = 2 };

/// Bullets per paragraph level (lvl 0..8), as a list style (a:lstStyle, p:bodyStyle) sets them;
/// `unknown` where it says nothing and the level inherits.
using bullet_levels = std::array<bullet, 9>;

/// Every level unknown.
[[nodiscard]] constexpr bullet_levels no_bullets() noexcept {
  bullet_levels b{};
  b.fill(bullet::unknown);
  return b;
}

/// Fills the levels `list_style` (a:lstStyle or p:bodyStyle: a:lvl1pPr..a:lvl9pPr) decides and
/// `levels` does not know yet: the nearest style wins, so read from the shape outwards.
void read_list_style(pugi::xml_node list_style, bullet_levels& levels);

/// Where a hyperlink's relationship id (a:hlinkClick r:id) points: the URL, or "" when it is not
/// an external link (a jump to another slide, a missing relationship).
class link_resolver {
 public:
  virtual ~link_resolver() = default;
  /// The URL relationship `relationship_id` points to, or "".
  [[nodiscard]] virtual std::string_view url(std::string_view relationship_id) const = 0;
};

/// Renders a text body to the writer: each a:p a paragraph, or a list item when it has a bullet
/// (its own, else its level's in `inherited`); `body_placeholder` makes indented paragraphs
/// (lvl > 0) whose bullet nothing decides list items. Runs keep bold, italic, strike-through and
/// hyperlinks (Markdown). Empty paragraphs are skipped.
void render_text_body(pugi::xml_node tx_body, const bullet_levels& inherited, bool body_placeholder,
                      const link_resolver* links, writer& out);

/// The text of a text body as one string: paragraphs and line breaks as '\n', no markup.
void text_body_string(pugi::xml_node tx_body, std::string& out);

/// The cells of a DrawingML table (a:tbl), row by row. Cells covered by a merge (hMerge, vMerge)
/// are empty, so columns stay aligned. Counts the cells into `entries`; false when that passes
/// `max_entries`.
[[nodiscard]] bool table_rows(pugi::xml_node tbl, std::vector<std::vector<std::string>>& rows,
                              std::uint64_t& entries, std::uint64_t max_entries);

}  // namespace quarry::detail::pptx
