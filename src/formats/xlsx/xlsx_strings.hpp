// The shared string table of a workbook (xl/sharedStrings.xml): every <si> item's text, rich text
// runs joined, phonetic guides (<rPh>) left out, and OOXML's "_xHHHH_" escapes decoded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"

namespace quarry::detail {

/// Strings stored end to end in one buffer, addressed by index.
class shared_strings {
 public:
  /// The string at `index`, or nullptr when there is none.
  [[nodiscard]] const std::string_view* get(std::size_t index) const noexcept {
    return index < views_.size() ? &views_[index] : nullptr;
  }
  /// How many strings the table holds.
  [[nodiscard]] std::size_t size() const noexcept { return views_.size(); }

  /// Reads the part's text. Past limits.max_entries items the rest is left out with a warning;
  /// a part damaged half-way keeps the items before the damage (a warning says so). Only the
  /// depth limit is an error.
  [[nodiscard]] status read(std::string_view xml, writer& out);

 private:
  std::string text_;
  std::vector<std::size_t> ends_;
  std::vector<std::string_view> views_;
};

/// Decodes OOXML's escapes for characters XML cannot carry ("_x000D_" is a carriage return;
/// "_x005F_" an underscore) in place.
void decode_ooxml_escapes(std::string& s);

}  // namespace quarry::detail
