// One worksheet part (xl/worksheets/sheetN.xml) read in a single streaming pass: each cell's
// value drawn as the cell shows it (shared and inline strings, numbers through their number
// format, booleans, errors, the cached results of formulas), merged ranges, and comments parts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/writer.hpp"
#include "formats/xlsx/sheet_grid.hpp"
#include "formats/xlsx/sheet_numfmt.hpp"
#include "formats/xlsx/xlsx_strings.hpp"
#include "formats/xlsx/xlsx_styles.hpp"

namespace quarry::detail {

/// What every sheet of one workbook shares.
struct xlsx_context {
  const shared_strings* strings = nullptr;
  xlsx_styles* styles = nullptr;
  date_system dates = date_system::d1900;
  std::uint64_t rows = 0;  ///< rows with a value read so far in the workbook (limits.max_entries)
};

/// Reads a worksheet into `grid`. A damaged part keeps the cells before the damage (a warning
/// says so); more rows with values than limits.max_entries in the workbook (rows are the records
/// of a sheet, as lines are of a CSV file), or nesting past limits.max_depth, is a
/// LIMIT_EXCEEDED error. Every cell is written out in the part, so cells are bounded by its size.
[[nodiscard]] status read_worksheet(std::string_view xml, std::string_view part_name, xlsx_context& ctx,
                                    sheet_grid& grid, writer& out);

/// Reads a comments part (xl/commentsN.xml): each comment's cell, author and text, appended to
/// `comments` in the part's order. A damaged part keeps what came before the damage.
[[nodiscard]] status read_comments(std::string_view xml, std::vector<sheet_comment>& comments, writer& out);

/// Reads the people of a workbook's threaded comments (xl/persons/person.xml): id → display name.
[[nodiscard]] status read_persons(std::string_view xml, std::unordered_map<std::string, std::string>& persons,
                                  writer& out);

/// Reads a threaded comments part (xl/threadedComments/threadedCommentN.xml, Excel 365): each
/// comment and reply, with its author's display name from `persons`, appended to `comments`.
[[nodiscard]] status read_threaded_comments(std::string_view xml,
                                            const std::unordered_map<std::string, std::string>& persons,
                                            std::vector<sheet_comment>& comments, writer& out);

}  // namespace quarry::detail
