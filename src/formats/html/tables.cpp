#include "formats/html/tables.hpp"

#include <algorithm>

namespace quarry::detail::html {

namespace {

constexpr std::size_t max_columns = 1000;

bool is_ws(char c) noexcept { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }

// A cell holding only spaces and no-break spaces (&nbsp; fillers) is empty.
bool blank(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') continue;
    if (s.substr(i, 2) == "\xC2\xA0") {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace

void append_collapsed(std::string& dst, bool& pending_space, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_ws(s[i])) {
      while (i < s.size() && is_ws(s[i])) ++i;
      if (!dst.empty()) pending_space = true;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !is_ws(s[j])) ++j;
    if (pending_space && !dst.empty()) dst += ' ';
    pending_space = false;
    dst.append(s.data() + i, j - i);
    i = j;
  }
}

void table_collector::retarget() noexcept {
  target_ = -1;
  for (std::size_t k = tables_.size(); k-- > 0;) {
    if (tables_[k].cell_open) {
      target_ = static_cast<std::int64_t>(k);
      return;
    }
  }
}

void table_collector::begin_table() {
  tables_.emplace_back();
  retarget();
}

table_rows table_collector::end_table() {
  if (tables_.empty()) return {};
  end_row();
  table_rows rows = std::move(tables_.back().rows);
  tables_.pop_back();
  retarget();
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const auto& r) { return r.empty(); }), rows.end());
  return rows;
}

void table_collector::pad(table_state& t) {
  if (pad_budget_ == 0) {
    budget_exhausted_ = true;
    return;
  }
  --pad_budget_;
  t.rows.back().emplace_back();
}

void table_collector::begin_row() {
  if (tables_.empty()) return;
  end_row();
  table_state& t = tables_.back();
  const std::size_t width = t.rows.empty() ? 4 : t.rows.back().size();
  t.rows.emplace_back();
  t.rows.back().reserve(width);
  t.col = 0;
  t.row_open = true;
}

void table_collector::end_row() {
  if (tables_.empty()) return;
  end_cell();
  table_state& t = tables_.back();
  if (!t.row_open) return;
  t.row_open = false;
  // Slots still covered by rowspans from above, up to the last one, keep the row aligned.
  std::size_t last = t.span_left.size();
  while (last > t.col && t.span_left[last - 1] == 0) --last;
  for (std::size_t c = t.col; c < last; ++c) {
    pad(t);
    if (t.span_left[c] > 0) --t.span_left[c];
  }
  t.col = std::max(t.col, last);
}

void table_collector::begin_cell(std::uint32_t colspan, std::uint32_t rowspan) {
  if (tables_.empty()) return;
  table_state& t = tables_.back();
  if (!t.row_open) begin_row();
  end_cell();
  while (t.col < t.span_left.size() && t.span_left[t.col] > 0) {
    pad(t);
    --t.span_left[t.col];
    ++t.col;
  }
  t.cell = t.rows.back().size();
  t.rows.back().emplace_back();
  for (std::uint32_t k = 1; k < colspan; ++k) pad(t);
  // Rowspans are tracked on the first max_columns columns only, so rows of spanning cells cannot
  // widen the grid without bound (each row would walk all of it).
  const std::size_t end = std::min<std::size_t>(t.col + colspan, max_columns);
  if (t.col < end && (rowspan > 1 || end <= t.span_left.size())) {
    if (t.span_left.size() < end) t.span_left.resize(end, 0);
    for (std::size_t c = t.col; c < end; ++c) t.span_left[c] = rowspan - 1;
  }
  t.col += colspan;
  t.cell_open = true;
  t.pending_space = false;
  retarget();
}

void table_collector::end_cell() {
  if (tables_.empty()) return;
  table_state& t = tables_.back();
  if (!t.cell_open) return;
  t.cell_open = false;
  std::string& c = t.rows.back()[t.cell];
  if (blank(c)) c.clear();
  retarget();
}

void table_collector::append_text(std::string_view s) {
  if (target_ < 0) return;
  table_state& t = tables_[static_cast<std::size_t>(target_)];
  append_collapsed(t.rows.back()[t.cell], t.pending_space, s);
}

void table_collector::append_space() noexcept {
  if (target_ < 0) return;
  table_state& t = tables_[static_cast<std::size_t>(target_)];
  if (!t.rows.back()[t.cell].empty()) t.pending_space = true;
}

}  // namespace quarry::detail::html
