#include "formats/rtf/table.hpp"

#include <algorithm>

namespace quarry::detail::rtf {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

void table_builder::text(std::string_view s) {
  started_ = true;
  for (const char c : s) {
    if (is_space(c)) {
      space_ = true;
      continue;
    }
    if (space_ && !cell_.empty()) cell_ += ' ';
    space_ = false;
    cell_ += c;
  }
}

void table_builder::nested_cell() {
  started_ = true;
  nested_cells_.push_back(trimmed(std::string_view(cell_).substr(std::min(nested_start_, cell_.size()))));
  space_ = true;
  nested_start_ = cell_.size();
}

void table_builder::nested_row() {
  if (nested_cells_.empty()) return;
  nested_rows_.push_back(std::move(nested_cells_));
  nested_cells_.clear();
}

void table_builder::end_cell(writer& out) {
  started_ = true;
  nested_row();
  if (!nested_rows_.empty()) {
    out.add_table(std::move(nested_rows_), false);
    nested_rows_.clear();
  }
  cells_.push_back(std::move(cell_));
  cell_.clear();
  space_ = false;
  nested_start_ = 0;
}

bool table_builder::end_row(writer& out) {
  if (!cell_.empty() || !nested_cells_.empty()) end_cell(out);
  const bool any = std::any_of(cells_.begin(), cells_.end(), [](const std::string& c) { return !c.empty(); });
  if (!any) {
    cells_.clear();
    return false;
  }
  if (!open_) {
    out.begin_table(cells_.size());
    open_ = true;
  }
  views_.assign(cells_.begin(), cells_.end());
  out.table_row(views_);
  cells_.clear();
  return true;
}

void table_builder::finish(writer& out) {
  if (!cells_.empty() || !cell_.empty() || !nested_cells_.empty()) (void)end_row(out);
  if (open_) out.end_table();
  cell_.clear();
  cells_.clear();
  nested_cells_.clear();
  nested_rows_.clear();
  nested_start_ = 0;
  space_ = false;
  started_ = false;
  open_ = false;
}

}  // namespace quarry::detail::rtf
