#include "formats/csv/csv_sniff.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

namespace quarry::detail {

namespace {

// Records sniffing looks at: enough to see the shape, few enough to stay cheap.
constexpr std::size_t sample_records = 100;

bool is_delimiter_candidate(char c) noexcept { return c == ',' || c == '\t' || c == ';' || c == '|'; }

// Counts fields quoted with `q`: the quote opens a field (at a line start or after a candidate
// delimiter, spaces allowed) and its partner closes it (followed by a delimiter or a line end).
// Apostrophes inside words never open a field, so "Dutchman's" is no evidence.
std::size_t quoted_fields(std::string_view s, char q) noexcept {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != q) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (b > 0 && s[b - 1] == ' ') --b;
    const bool opens = b == 0 || s[b - 1] == '\n' || s[b - 1] == '\r' || is_delimiter_candidate(s[b - 1]);
    if (!opens) {
      ++i;
      continue;
    }
    // Find the closing quote (doubled quotes are content).
    std::size_t j = i + 1;
    for (;;) {
      j = s.find(q, j);
      if (j == std::string_view::npos || j + 1 >= s.size() || s[j + 1] != q) break;
      j += 2;
    }
    if (j == std::string_view::npos) break;
    std::size_t k = j + 1;
    while (k < s.size() && s[k] == ' ') ++k;
    if (k == s.size() || s[k] == '\n' || s[k] == '\r' || is_delimiter_candidate(s[k])) ++count;
    i = j + 1;
  }
  return count;
}

// Field counts of the sample's records under one dialect.
class width_counter final : public csv_record_sink {
 public:
  bool on_record(std::span<const std::string_view> fields) override {
    widths.push_back(fields.size());
    return widths.size() < sample_records + 1;
  }
  std::vector<std::size_t> widths;
};

struct candidate_score {
  double consistency = 0;   // share of records with the most common width
  std::size_t width = 1;    // the most common width
  std::size_t widest = 1;
};

candidate_score score(std::string_view sample, bool complete, csv_dialect d) {
  csv_parser p(d);
  width_counter widths;
  if (p.feed(sample, widths) && complete) (void)p.finish(widths);
  std::vector<std::size_t>& w = widths.widths;
  // A sample cut in the middle ends with a partial record; a full 101st record is not counted.
  if (!complete && !w.empty() && w.size() <= sample_records) w.pop_back();
  if (w.size() > sample_records) w.resize(sample_records);
  candidate_score s;
  if (w.empty()) return s;
  std::vector<std::size_t> sorted = w;
  std::sort(sorted.begin(), sorted.end());
  std::size_t best_run = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    if (j - i > best_run || (j - i == best_run && sorted[i] > s.width)) {
      best_run = j - i;
      s.width = sorted[i];
    }
    i = j;
  }
  s.widest = sorted.back();
  s.consistency = static_cast<double>(best_run) / static_cast<double>(w.size());
  return s;
}

enum class cell_kind : std::uint8_t { empty, number, text };

// Numbers, amounts, percentages, dates and times: digits with a little punctuation.
cell_kind classify(std::string_view c) noexcept {
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  if (c.empty()) return cell_kind::empty;
  bool digit = false;
  for (const char ch : c) {
    if (ch >= '0' && ch <= '9') {
      digit = true;
    } else if (std::string_view("+-.,:/ $%()").find(ch) == std::string_view::npos &&
               static_cast<unsigned char>(ch) < 0x80) {
      return cell_kind::text;
    } else if (static_cast<unsigned char>(ch) >= 0x80) {
      // Currency signs (€ £ ¥) are multi-byte; anything else non-ASCII is text. Cheap check: the
      // cell is mostly digits.
      continue;
    }
  }
  if (!digit) return cell_kind::text;
  std::size_t digits = 0;
  for (const char ch : c) digits += ch >= '0' && ch <= '9';
  return digits * 2 >= c.size() ? cell_kind::number : cell_kind::text;
}

}  // namespace

csv_sniffed sniff_csv(std::string_view sample, bool complete) {
  csv_sniffed out;
  if (sample.size() >= 5 && sample.starts_with("sep=") &&
      (sample.size() == 5 || sample[5] == '\n' || sample[5] == '\r')) {
    const char d = sample[4];
    std::size_t rest = 5;
    while (rest < sample.size() && (sample[rest] == '\n' || sample[rest] == '\r')) ++rest;
    out = sniff_csv(sample.substr(rest), complete);
    out.dialect.delimiter = d;
    out.columns = std::max<std::size_t>(1, score(sample.substr(rest), complete, out.dialect).widest);
    out.sep_line = true;
    return out;
  }
  const std::size_t double_quoted = quoted_fields(sample, '"');
  const std::size_t single_quoted = double_quoted == 0 ? quoted_fields(sample, '\'') : 0;
  const char quote = single_quoted >= 2 ? '\'' : '"';

  static constexpr std::array<char, 4> candidates = {'\t', ',', ';', '|'};  // tie order
  candidate_score best;
  char best_delimiter = ',';
  bool found = false;
  for (const char d : candidates) {
    const candidate_score s = score(sample, complete, {d, quote});
    if (s.width < 2) continue;
    // Consistency first; a clearly wider split wins a near tie (a comma inside every tab-separated
    // line gives 2 fields where tabs give 12).
    if (!found || s.consistency > best.consistency + 0.05 ||
        (s.consistency > best.consistency - 0.05 && s.width > best.width * 2)) {
      best = s;
      best_delimiter = d;
      found = true;
    }
  }
  out.dialect = {best_delimiter, quote};
  out.columns = found ? best.widest : 1;
  return out;
}

bool csv_has_header(const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return false;
  const auto& first = rows.front();
  std::size_t text_cells = 0, long_cells = 0;
  for (const auto& c : first) {
    switch (classify(c)) {
      case cell_kind::number: return false;
      case cell_kind::text: ++text_cells; break;
      case cell_kind::empty: break;
    }
    long_cells += c.size() > 60;
  }
  if (text_cells == 0 || long_cells == text_cells) return false;
  if (rows.size() > 1) {
    // A first row narrower than most rows below is a title line, not a header.
    std::size_t narrower = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) narrower += first.size() < rows[r].size();
    if (narrower * 2 > rows.size() - 1) return false;
  }
  return true;
}

}  // namespace quarry::detail
