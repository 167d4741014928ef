// What slides inherit from their layout and master: where a placeholder sits when the slide does
// not say (most placeholders have an empty p:spPr), and which paragraph levels carry bullets.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/writer.hpp"
#include "core/zip.hpp"
#include "formats/office/opc.hpp"
#include "formats/pptx/text_body.hpp"

namespace quarry::detail::pptx {

/// A placeholder's family: slide, layout and master placeholders of one family correspond.
enum class ph_family : std::uint8_t { title, body, other };

/// The family of a p:ph type ("title" and "ctrTitle" are titles; "body", "obj", "subTitle" and no
/// type are bodies; dates, footers, slide numbers, pictures... are other).
[[nodiscard]] ph_family family_of(std::string_view ph_type) noexcept;

/// A placeholder of a layout or master.
struct placeholder {
  std::string type;             ///< the p:ph type as written ("" when absent)
  std::int64_t idx = -1;        ///< p:ph idx; -1 when absent
  bool positioned = false;      ///< a:off was given (here or inherited from the master)
  std::int64_t x = 0;           ///< EMU
  std::int64_t y = 0;           ///< EMU
  bullet_levels bullets = no_bullets();  ///< from its a:lstStyle (and the master's)
};

/// A slide layout with what it inherits from its master.
struct layout {
  std::vector<placeholder> placeholders;
  bullet_levels body_bullets = no_bullets();  ///< the master's p:txStyles/p:bodyStyle

  /// The placeholder a slide's p:ph inherits from: the same idx, else the same type, else the same
  /// family; nullptr when none.
  [[nodiscard]] const placeholder* match(std::string_view type, std::int64_t idx) const noexcept;
};

/// The placeholders of a parsed layout or master part (top-level shapes of its p:spTree), at most
/// `limit` of them.
void read_placeholders(pugi::xml_node root, std::vector<placeholder>& out, std::size_t limit);

/// Layouts and their masters, each read once per extraction.
class layout_cache {
 public:
  layout_cache(zip_archive& zip, writer& out) : zip_(zip), out_(out) {}

  /// The layout a slide uses (its slideLayout relationship), or nullptr when it has none or the
  /// part cannot be read (a warning). Errors only for limits.
  [[nodiscard]] result<const layout*> of_slide(const std::vector<office::relationship>& slide_rels);

  /// Layouts are few; a hostile package naming thousands is cut off here.
  static constexpr std::size_t max_parts = 256;
  /// Placeholders read per layout or master (real ones have a dozen): matching a slide's shapes
  /// against them stays cheap.
  static constexpr std::size_t max_placeholders = 256;

 private:
  struct master {
    std::vector<placeholder> placeholders;
    bullet_levels body_bullets = no_bullets();
  };
  // Reads a part into a DOM; false (with a warning) when it is missing or damaged.
  [[nodiscard]] result<bool> load(std::string_view part, std::string& text, pugi::xml_document& doc);
  [[nodiscard]] result<const master*> master_of(std::string_view layout_part);

  zip_archive& zip_;
  writer& out_;
  std::unordered_map<std::string, std::unique_ptr<layout>> layouts_;
  std::unordered_map<std::string, std::unique_ptr<master>> masters_;
};

}  // namespace quarry::detail::pptx
