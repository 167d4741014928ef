#include "formats/xlsx/sheet_grid.hpp"

#include <algorithm>
#include <map>
#include <queue>

#include "core/utf8.hpp"

namespace quarry::detail {

void append_cell_reference(std::uint32_t row, std::uint32_t col, std::string& out) {
  char letters[8];
  int n = 0;
  std::uint32_t c = col + 1;
  while (c > 0 && n < 8) {
    const std::uint32_t rem = (c - 1) % 26;
    letters[n++] = static_cast<char>('A' + rem);
    c = (c - 1) / 26;
  }
  while (n > 0) out += letters[--n];
  out += std::to_string(static_cast<std::uint64_t>(row) + 1);
}

bool parse_cell_reference(std::string_view ref, std::uint32_t& row, std::uint32_t& col, bool* has_row,
                          bool* has_col) noexcept {
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::uint64_t c = 0;
  std::size_t letters = 0;
  while (i < ref.size()) {
    char ch = ref[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    c = c * 26 + static_cast<std::uint64_t>(ch - 'A' + 1);
    if (c > max_sheet_col + 1) return false;
    ++letters;
    ++i;
  }
  if (i < ref.size() && ref[i] == '$') ++i;
  std::uint64_t r = 0;
  std::size_t digits = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    r = r * 10 + static_cast<std::uint64_t>(ref[i] - '0');
    if (r > max_sheet_row + 1) return false;
    ++digits;
    ++i;
  }
  if (i != ref.size() || (letters == 0 && digits == 0)) return false;
  if (digits > 0 && r == 0) return false;
  if (has_row) *has_row = digits > 0;
  if (has_col) *has_col = letters > 0;
  if (!has_row && digits == 0) return false;
  if (!has_col && letters == 0) return false;
  if (digits > 0) row = static_cast<std::uint32_t>(r - 1);
  if (letters > 0) col = static_cast<std::uint32_t>(c - 1);
  return true;
}

void sheet_grid::add(std::uint32_t row, std::uint32_t col, std::string_view text) {
  if (text.empty() || row > max_sheet_row || col > max_sheet_col) return;
  const std::size_t offset = arena_.size();
  if (is_valid_utf8(text)) {
    arena_.append(text);
  } else {
    (void)append_utf8_sanitized(text, arena_);
    ++repaired_;
  }
  const std::size_t len = std::min<std::size_t>(arena_.size() - offset, UINT32_MAX);
  cells_.push_back({row, col, static_cast<std::uint32_t>(std::min<std::size_t>(cells_.size(), UINT32_MAX)),
                    static_cast<std::uint32_t>(len), offset});
}

void sheet_grid::add_merge(std::uint32_t row0, std::uint32_t col0, std::uint32_t row1, std::uint32_t col1) {
  if (row1 < row0) std::swap(row0, row1);
  if (col1 < col0) std::swap(col0, col1);
  if (row0 == row1 && col0 == col1) return;
  merges_.push_back({row0, col0, row1, col1});
}

void sheet_grid::clear() {
  cells_.clear();
  merges_.clear();
  arena_.clear();
  repaired_ = 0;
}

void sheet_grid::apply_merges() {
  // A sweep over the rows (cells are sorted): merges become active at their first row and expire
  // after their last; the active ones are looked up by column. Valid merges never overlap, so one
  // lookup per cell suffices: O((cells + merges) log merges).
  if (merges_.empty()) return;
  std::sort(merges_.begin(), merges_.end(), [](const merge& a, const merge& b) { return a.row0 < b.row0; });
  std::multimap<std::uint32_t, const merge*> active;  // by first column
  using expiry = std::pair<std::uint32_t, std::multimap<std::uint32_t, const merge*>::iterator>;
  auto later = [](const expiry& a, const expiry& b) { return a.first > b.first; };
  std::priority_queue<expiry, std::vector<expiry>, decltype(later)> expiring(later);
  std::size_t next = 0;
  std::size_t w = 0;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const cell c = cells_[i];
    while (next < merges_.size() && merges_[next].row0 <= c.row) {
      const merge& m = merges_[next++];
      if (m.row1 < c.row) continue;
      expiring.push({m.row1, active.emplace(m.col0, &m)});
    }
    while (!expiring.empty() && expiring.top().first < c.row) {
      active.erase(expiring.top().second);
      expiring.pop();
    }
    bool covered = false;
    auto it = active.upper_bound(c.col);
    if (it != active.begin()) {
      const merge& m = *std::prev(it)->second;
      covered = c.col <= m.col1 && !(c.row == m.row0 && c.col == m.col0);
    }
    if (!covered) cells_[w++] = c;
  }
  cells_.resize(w);
}

void sheet_grid::render(writer& out) {
  if (cells_.empty()) return;
  std::sort(cells_.begin(), cells_.end(), [](const cell& a, const cell& b) {
    if (a.row != b.row) return a.row < b.row;
    if (a.col != b.col) return a.col < b.col;
    return a.seq < b.seq;
  });
  // Of several cells at one place the last added wins.
  std::size_t w = 0;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    if (w > 0 && cells_[w - 1].row == cells_[i].row && cells_[w - 1].col == cells_[i].col) {
      cells_[w - 1] = cells_[i];
    } else {
      cells_[w++] = cells_[i];
    }
  }
  cells_.resize(w);
  apply_merges();
  if (cells_.empty()) return;

  // Columns: each used column gets an output position; gaps shrink to max_kept_gap.
  // (Columns are bounded by the sheet's width: marking them costs less than sorting cells.)
  std::vector<bool> marked(static_cast<std::size_t>(max_sheet_col) + 1);
  for (const cell& c : cells_) marked[c.col] = true;
  std::vector<std::uint32_t> used;
  for (std::uint32_t col = 0; col <= max_sheet_col; ++col) {
    if (marked[col]) used.push_back(col);
  }
  std::vector<std::uint32_t> position(used.size());
  std::uint32_t pos = 0;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (i > 0) pos += 1 + std::min(used[i] - used[i - 1] - 1, max_kept_gap);
    position[i] = pos;
  }
  const std::size_t width = static_cast<std::size_t>(pos) + 1;
  auto column_of = [&](std::uint32_t col) {
    return position[static_cast<std::size_t>(std::lower_bound(used.begin(), used.end(), col) - used.begin())];
  };

  std::vector<std::string_view> row(width);
  out.begin_table(width);
  std::size_t i = 0;
  std::uint32_t prev_row = cells_.front().row;
  while (i < cells_.size() && !out.stopped()) {
    const std::uint32_t r = cells_[i].row;
    const std::uint32_t gap = std::min(r - prev_row - (i == 0 ? 0 : 1), max_kept_gap);
    std::fill(row.begin(), row.end(), std::string_view());
    for (std::uint32_t g = 0; g < gap && !out.stopped() && i > 0; ++g) out.table_row(row);
    for (; i < cells_.size() && cells_[i].row == r; ++i) {
      row[column_of(cells_[i].col)] = std::string_view(arena_).substr(cells_[i].offset, cells_[i].length);
    }
    out.table_row(row);
    prev_row = r;
  }
  out.end_table();
}

void render_sheet_comments(const std::vector<sheet_comment>& comments, writer& out) {
  if (comments.empty() || out.stopped()) return;
  out.begin_list(false);
  std::string line;
  for (const auto& c : comments) {
    if (out.stopped()) break;
    out.begin_item();
    line.clear();
    append_cell_reference(c.row, c.col, line);
    line += ':';
    out.text_collapsed(line);
    out.space();
    out.text_collapsed(c.text);
    if (!c.author.empty()) {
      out.space();
      out.text_collapsed("(" + c.author + ")");
    }
    out.end_item();
  }
  out.end_list();
}

}  // namespace quarry::detail
