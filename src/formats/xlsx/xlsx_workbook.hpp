// The workbook part (xl/workbook.xml): the sheets in their tab order, with names, relationship
// ids and visibility, and the date system.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"
#include "formats/xlsx/sheet_numfmt.hpp"

namespace quarry::detail {

/// One <sheet> of the workbook.
struct xlsx_sheet_entry {
  std::string name;
  std::string rel_id;   ///< r:id: the worksheet part through the workbook's relationships
  bool hidden = false;  ///< state="hidden" or "veryHidden"
};

/// What the workbook part says.
struct xlsx_workbook {
  std::vector<xlsx_sheet_entry> sheets;
  date_system dates = date_system::d1900;
};

/// Reads the workbook part. A damaged part keeps the sheets listed before the damage (a warning
/// says so); the depth limit is an error.
[[nodiscard]] status read_workbook(std::string_view xml, xlsx_workbook& wb, writer& out);

}  // namespace quarry::detail
