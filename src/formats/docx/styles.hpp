// The style sheet (word/styles.xml) as far as extraction needs it: which paragraph styles are
// headings (w:outlineLvl, or the built-in "heading N" / "Title" names), quotes or code, which carry
// list numbering, and which character styles are bold, italic, struck, hidden or code. Styles
// inherit through w:basedOn; every style is resolved once, with a bounded walk up the chain.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pugixml.hpp"

namespace quarry::detail::docx {

/// What a paragraph style makes of its paragraphs.
enum class block_role : std::uint8_t { normal, quote, code };

/// A style with its inheritance applied.
struct style_info {
  int heading = 0;              ///< 1..9 for headings, 0 otherwise
  block_role role = block_role::normal;
  std::int64_t num_id = -1;     ///< list numbering (w:numPr/w:numId); -1 none given, 0 removed
  int ilvl = -1;                ///< list level from w:numPr/w:ilvl; -1 none given
  // Run properties (character styles): -1 not set, 0 off, 1 on.
  int bold = -1;
  int italic = -1;
  int strike = -1;
  int hidden = -1;
  bool code = false;            ///< a "Verbatim Char"-like character style
};

/// The styles of one document, looked up by w:styleId.
class style_table {
 public:
  /// Reads the w:style elements under `root` (w:styles); a missing part leaves the table empty.
  void load(pugi::xml_node root);

  /// The paragraph style `id`, the default paragraph style when `id` is empty, or — for an id the
  /// table does not have — what the id alone says ("Heading2" is a heading even without styles.xml).
  [[nodiscard]] style_info paragraph(std::string_view id) const;
  /// The character style `id` (a neutral style when unknown).
  [[nodiscard]] style_info character(std::string_view id) const;
  /// The w:numId a numbering style (w:type="numbering") carries, for w:numStyleLink; -1 if none.
  [[nodiscard]] std::int64_t numbering_style_num(std::string_view id) const;

  /// Styles read (for tests).
  [[nodiscard]] std::size_t size() const noexcept { return styles_.size(); }

 private:
  enum class kind : std::uint8_t { paragraph, character, numbering, other };
  struct entry {
    std::string id;
    kind type = kind::other;
    style_info info;
  };
  [[nodiscard]] const entry* find(std::string_view id) const;

  std::vector<entry> styles_;  // sorted by id
  style_info default_paragraph_;
};

/// The heading level a style name or id implies: "heading 1".."heading 9", "Heading1", "Title"
/// (ASCII case-insensitive); 0 otherwise.
[[nodiscard]] int heading_from_name(std::string_view name) noexcept;

}  // namespace quarry::detail::docx
