// The parts of OpenDocument styles that change how text reads: character formatting (bold, italic,
// struck, monospace), what a paragraph style stands for (title, code, quotation), and whether a
// list level is numbered. Named styles live in styles.xml, automatic ones in both parts.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pugixml.hpp"

namespace quarry::detail::odf {

/// Character formatting bits a text style turns on.
enum text_format : std::uint8_t {
  format_strong = 1,
  format_emphasis = 2,
  format_strike = 4,
  format_code = 8,
};

/// What a paragraph style makes of its paragraphs.
enum class paragraph_role : std::uint8_t { normal, title, code, quotation };

/// The styles of one document. Names are views into the parsed parts, which must outlive this.
class styles {
 public:
  /// Reads the styles under a part's root (office:document-content or office:document-styles, or
  /// a flat office:document). Names read first win, so read content.xml before styles.xml. Counts
  /// the style elements it visits into `entries`.
  void read(pugi::xml_node root, std::uint64_t& entries);
  /// Resolves inherited properties once every part is read.
  void finish();

  /// The formatting bits of a text (or paragraph) style, inherited ones included.
  [[nodiscard]] std::uint8_t format(std::string_view style) const;
  /// The role of a paragraph style (from its own name or an ancestor's: "Title", "Preformatted
  /// Text", "Quotations"...).
  [[nodiscard]] paragraph_role role(std::string_view style) const;
  /// The list style a paragraph style attaches to its paragraphs ("" when none).
  [[nodiscard]] std::string_view paragraph_list_style(std::string_view style) const;
  /// Whether a drawing-page style hides its slides (presentation:visibility="hidden").
  [[nodiscard]] bool hides_page(std::string_view page_style) const;
  /// Whether level `level` (1-based) of list style `list_style` is numbered; false when unknown.
  [[nodiscard]] bool list_numbered(std::string_view list_style, std::size_t level) const;

  /// Inheritance deeper than this is treated as a loop (hostile parent chains).
  static constexpr int max_parent_depth = 16;

 private:
  struct entry {
    std::string_view parent;
    std::string_view list_style;
    std::string_view font;       // style:font-name, for monospace
    std::uint8_t own_set = 0;    // bits this style sets (on or off)
    std::uint8_t own_on = 0;     // ... and their values
    std::uint8_t resolved = 0;   // after finish()
    paragraph_role role = paragraph_role::normal;
    bool hidden_page = false;    // a drawing-page style with presentation:visibility="hidden"
  };
  void read_style(pugi::xml_node style);
  void read_list_style(pugi::xml_node list);

  std::unordered_map<std::string_view, entry> styles_;
  std::unordered_map<std::string_view, std::vector<bool>> lists_;  // level-1 -> numbered
  std::unordered_map<std::string_view, bool> fixed_fonts_;         // font face -> fixed pitch
};

}  // namespace quarry::detail::odf
