// List numbering (word/numbering.xml): a paragraph's w:numId names a w:num, which points to a
// w:abstractNum whose w:lvl elements (one per w:ilvl, 0..8) say whether the level is bulleted or
// numbered and where it starts; w:lvlOverride/w:startOverride restart a level for one w:num, and
// w:numStyleLink borrows the definition of a numbering style.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "pugixml.hpp"

namespace quarry::detail::docx {

class style_table;

/// How a level writes its number (w:numFmt); the formats not listed here are written as decimal.
enum class number_format : std::uint8_t { decimal, decimal_zero, lower_letter, upper_letter, lower_roman, upper_roman, bullet, none };

/// One level of a list definition.
struct list_level {
  bool ordered = false;    ///< a number format (decimal, letters, roman...) rather than a bullet
  bool unnumbered = false; ///< w:numFmt "none": the paragraph shows no marker
  bool blank = false;      ///< a marker of only spaces (w:lvlText " "): the paragraph continues an item
  std::int64_t start = 1;  ///< the first number
  number_format format = number_format::decimal;
  std::string text;        ///< w:lvlText, e.g. "%1.%2." (%N: level N's number)
};

/// `n` written in `f` ("iv", "C", "07"); "" for bullets and "none".
[[nodiscard]] std::string format_number(std::int64_t n, number_format f);

/// What a paragraph's numbering resolves to.
struct list_ref {
  std::int64_t abstract_id = -1;   ///< the definition; counters are shared by w:num of one definition
  list_level level;
  bool restart = false;            ///< the w:num overrides this level's start (w:startOverride)
};

/// The numbering definitions of one document.
class numbering_table {
 public:
  /// Reads w:abstractNum and w:num under `root` (w:numbering).
  void load(pugi::xml_node root);

  /// Resolves numId/ilvl; false when the numbering is absent or removed (numId 0, an unknown id).
  [[nodiscard]] bool resolve(std::int64_t num_id, int ilvl, const style_table& styles, list_ref& out) const;

 private:
  static constexpr int levels = 9;
  struct abstract_def {
    std::int64_t id = -1;
    std::array<list_level, levels> lvl{};
    std::array<bool, levels> has{};
    std::string style_link;  // w:numStyleLink
  };
  struct num_def {
    std::int64_t id = -1;
    std::int64_t abstract_id = -1;
    std::array<bool, levels> has_start{};
    std::array<std::int64_t, levels> start{};
    std::array<bool, levels> has_lvl{};
    std::array<list_level, levels> lvl{};
  };
  [[nodiscard]] const abstract_def* find_abstract(std::int64_t id) const;
  [[nodiscard]] const num_def* find_num(std::int64_t id) const;

  std::vector<abstract_def> abstracts_;  // sorted by id
  std::vector<num_def> nums_;            // sorted by id
};

}  // namespace quarry::detail::docx
