// One sheet's cells, gathered in any order and rendered as one table. Shared by the XLSX and ODS
// readers: both reduce a sheet to (row, column, display text) and merged ranges.
//
// The grid is sparse: it holds only cells with text, never the rectangle their references span,
// so a sheet whose one cell sits at row 1,000,000 costs one cell. Rendering trims empty leading
// rows and columns and shrinks long runs of empty rows or columns inside the sheet to
// `max_kept_gap`, so hostile coordinates cannot blow up the output either.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"

namespace quarry::detail {

/// The largest row and column indexes a sheet may use (0-based; Excel's 1,048,576 × 16,384).
inline constexpr std::uint32_t max_sheet_row = 1048575;
inline constexpr std::uint32_t max_sheet_col = 16383;

/// Appends a cell reference such as "C7" for a 0-based row and column.
void append_cell_reference(std::uint32_t row, std::uint32_t col, std::string& out);

/// Parses a cell reference ("C7", "$C$7", case-insensitive) into 0-based row and column; false
/// when it is not one or lies outside the sheet. A reference of letters only ("C") or digits
/// only ("7") sets what it has and reports it through the flags.
bool parse_cell_reference(std::string_view ref, std::uint32_t& row, std::uint32_t& col, bool* has_row = nullptr,
                          bool* has_col = nullptr) noexcept;

/// A comment (annotation) attached to a cell.
struct sheet_comment {
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  std::string author;
  std::string text;
};

/// The cells of one sheet.
class sheet_grid {
 public:
  /// Empty rows or columns kept between filled ones; longer runs shrink to this many.
  static constexpr std::uint32_t max_kept_gap = 4;

  /// Adds a cell's display text (0-based coordinates; outside the sheet's bounds, or with empty
  /// text, it is ignored). A later cell at the same place replaces an earlier one. Invalid
  /// UTF-8 is repaired (counted in repaired()).
  void add(std::uint32_t row, std::uint32_t col, std::string_view text);
  /// A merged range (inclusive): its top-left cell keeps its text, the others show none.
  void add_merge(std::uint32_t row0, std::uint32_t col0, std::uint32_t row1, std::uint32_t col1);
  /// Cells with text added so far.
  [[nodiscard]] std::size_t size() const noexcept { return cells_.size(); }
  /// Cells whose text held invalid UTF-8.
  [[nodiscard]] std::size_t repaired() const noexcept { return repaired_; }
  /// Forgets everything (keeps the memory for the next sheet).
  void clear();

  /// Writes the sheet to `out` as one table (rows streamed, the first row as the header); nothing
  /// when no cell has text.
  void render(writer& out);

 private:
  struct cell {
    std::uint32_t row;
    std::uint32_t col;
    std::uint32_t seq;     // order of addition: the later of two cells at one place wins
    std::uint32_t length;
    std::size_t offset;    // into arena_
  };
  struct merge {
    std::uint32_t row0, col0, row1, col1;
  };
  void apply_merges();

  std::vector<cell> cells_;
  std::vector<merge> merges_;
  std::string arena_;
  std::string scratch_;
  std::size_t repaired_ = 0;
};

/// Writes a sheet's comments after its table as a list of "B2: text (author)" items.
void render_sheet_comments(const std::vector<sheet_comment>& comments, writer& out);

}  // namespace quarry::detail
