// The cell formats of a workbook (xl/styles.xml): which number format each cell style index
// (a cell's s="N") uses, custom format codes (<numFmts>) by id, and parsed formats cached so a
// million cells of one style parse its code once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/writer.hpp"
#include "formats/xlsx/sheet_numfmt.hpp"

namespace quarry::detail {

/// Number formats by cell style.
class xlsx_styles {
 public:
  /// Reads styles.xml; a damaged part keeps what was read before the damage (a warning says so).
  /// Only the depth limit is an error.
  [[nodiscard]] status read(std::string_view xml, writer& out);

  /// The number format of cell style `xf` (General when unknown).
  [[nodiscard]] const number_format& format_of(std::uint32_t xf);
  /// True when style `xf` shows numbers in General (the common case, drawn without a lookup).
  [[nodiscard]] bool is_general(std::uint32_t xf) const noexcept {
    return xf >= xf_general_.size() || xf_general_[xf] != 0;
  }

 private:
  std::vector<std::uint32_t> xf_format_;                     // cellXfs index → numFmtId
  std::vector<std::uint8_t> xf_general_;                     // cellXfs index → shows General
  std::vector<const number_format*> xf_parsed_;              // cellXfs index → its format, once asked
  std::unordered_map<std::uint32_t, std::string> codes_;     // custom numFmtId → code
  std::unordered_map<std::uint32_t, std::unique_ptr<number_format>> parsed_;
  number_format general_;
};

/// Parses an unsigned decimal attribute value; false when it is not one (or overflows 32 bits).
bool parse_u32(std::string_view s, std::uint32_t& out) noexcept;

}  // namespace quarry::detail
