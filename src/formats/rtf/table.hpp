// RTF tables (\intbl paragraphs, \cell, \row; \nestcell and \nestrow inside them) streamed to the
// writer row by row, so a huge table is never held whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"

namespace quarry::detail::rtf {

/// Collects the cells of the current row and writes each finished row.
class table_builder {
 public:
  /// True from the first cell text or cell end until finish().
  [[nodiscard]] bool active() const noexcept { return open_ || started_; }

  /// Text of the current cell. Whitespace runs become one space; the ends are trimmed.
  void text(std::string_view utf8);
  /// A paragraph end inside a cell: a space, if more text follows.
  void paragraph_break() noexcept { started_ = true; space_ = true; }
  /// \cell: ends the current cell. Tables nested in it are reported (their text is in the cell).
  void end_cell(writer& out);
  /// \row: writes the row (the first row opens the table). Returns false when there was no row
  /// to write (no cells, or only empty ones: spacer rows carry no text).
  bool end_row(writer& out);
  /// \nestcell and \nestrow: a table inside the current cell (deeper levels join it).
  void nested_cell();
  void nested_row();
  /// Ends the table: a row left without \row is written, then the table is closed.
  void finish(writer& out);

 private:
  std::string cell_;
  std::vector<std::string> cells_;
  std::size_t nested_start_ = 0;  // where the current nested cell's text begins in cell_
  std::vector<std::string> nested_cells_;
  std::vector<std::vector<std::string>> nested_rows_;
  std::vector<std::string_view> views_;
  bool space_ = false;    // a space is owed before the next text of the cell
  bool started_ = false;  // table content has been seen
  bool open_ = false;     // the writer's table is open
};

}  // namespace quarry::detail::rtf
