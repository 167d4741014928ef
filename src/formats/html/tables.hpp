// Tables: cells collected while the tree builder walks <table>/<tr>/<td>, with colspan and rowspan
// laid out on the HTML table grid (spanned slots become empty cells so columns stay aligned).
// Tables nest: text goes to the open cell of the innermost table that has one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail::html {

/// Rows of cell texts, the first row being the header.
using table_rows = std::vector<std::vector<std::string>>;

/// Collects the cells of the tables being parsed.
class table_collector {
 public:
  /// `pad_budget` bounds the empty cells made for colspan/rowspan across the document, so a few
  /// bytes of `<td colspan=1000>` cannot make gigabytes of cells.
  explicit table_collector(std::uint64_t pad_budget) : pad_budget_(pad_budget) {}

  /// Starts a table, inside the open cell of the current one if any.
  void begin_table();
  /// Ends the innermost table and returns its rows (empty rows removed).
  [[nodiscard]] table_rows end_table();
  /// Starts a row (ending an open one).
  void begin_row();
  /// Ends the open row, padding the slots that rowspans from above still cover.
  void end_row();
  /// Starts a cell spanning `colspan` columns and `rowspan` rows (both at least 1), in the open row
  /// (one is started when none is open).
  void begin_cell(std::uint32_t colspan, std::uint32_t rowspan);
  /// Ends the open cell (a cell of only spaces and no-break spaces becomes empty).
  void end_cell();

  /// Tables being collected.
  [[nodiscard]] std::size_t depth() const noexcept { return tables_.size(); }
  /// True when character data belongs to a cell.
  [[nodiscard]] bool has_target() const noexcept { return target_ >= 0; }
  /// Appends character data to the target cell, collapsing whitespace.
  void append_text(std::string_view s);
  /// A word boundary in the target cell (block elements, <br>, images inside a cell).
  void append_space() noexcept;
  /// True once the padding budget ran out (some spans were not padded).
  [[nodiscard]] bool budget_exhausted() const noexcept { return budget_exhausted_; }

 private:
  struct table_state {
    table_rows rows;
    std::vector<std::uint32_t> span_left;  // per column: rows still covered by a rowspan above
    std::size_t col = 0;                   // next free column of the open row
    std::size_t cell = 0;                  // index of the open cell in rows.back()
    bool row_open = false;
    bool cell_open = false;
    bool pending_space = false;
  };

  void pad(table_state& t);  // one empty cell for a spanned slot, within the budget
  void retarget() noexcept;

  std::vector<table_state> tables_;
  std::int64_t target_ = -1;
  std::uint64_t pad_budget_;
  bool budget_exhausted_ = false;
};

/// Appends `s` to `dst` with runs of ASCII whitespace as one space; `pending_space` carries a space
/// owed across calls (never leading, never trailing).
void append_collapsed(std::string& dst, bool& pending_space, std::string_view s);

}  // namespace quarry::detail::html
