#include "core/writer.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

// Content goes to the sink in pieces of about this size: small enough for a bounded streaming
// window, large enough that the per-piece cost disappears. A piece is at most twice this.
constexpr std::size_t flush_threshold = std::size_t{32} * 1024;

// Verbatim whitespace is held until text follows it on the same line (so lines never end with
// spaces); a longer run is written out instead, so hostile input cannot make us hold a copy of it.
constexpr std::size_t max_held_whitespace = 4096;

// The longest digit run CommonMark accepts before an ordered list delimiter ("123456789.").
constexpr std::size_t max_list_number_digits = 9;

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool is_alnum_ascii(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c); }

bool is_word_char(char c) noexcept { return is_alnum_ascii(c) || static_cast<unsigned char>(c) >= 0x80; }

// Characters a Markdown reader may take as markup anywhere in a line...
constexpr std::string_view inline_specials = "\\`*[]<_&~";
// ...and those that only matter at the start of a line (block markers, "1." list items).
constexpr std::string_view line_start_specials = "#>-+=0123456789";

// True when s[i] (an '&') begins something a Markdown reader would decode as a character
// reference ("&amp;", "&#35;"); a lone '&' as in "AT&T" needs no escape.
bool looks_like_reference(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#') ++j;
  const std::size_t name = j;
  while (j < s.size() && j - name < 32 && is_alnum_ascii(s[j])) ++j;
  return j > name && j < s.size() && s[j] == ';';
}

// True when every character of s is c (a setext underline or thematic break such as "---").
bool all_of_char(std::string_view s, char c) noexcept {
  return std::all_of(s.begin(), s.end(), [c](char x) { return x == c; });
}

// Whether s[i] must be backslash-escaped so that Markdown shows it literally. `before` is the
// character written just before s; `line_start` says s begins a line (after any line prefix);
// `in_table` escapes the cell separator too.
bool needs_escape(std::string_view s, std::size_t i, char before, bool line_start, bool in_table) noexcept {
  const char c = s[i];
  const char prev = i > 0 ? s[i - 1] : before;
  const char next = i + 1 < s.size() ? s[i + 1] : ' ';
  switch (c) {
    case '\\': case '`': case '*': case '[': case ']': case '<':
      return true;
    case '_':
      // Intraword underscores never make emphasis in CommonMark; leave snake_case readable.
      return !(is_word_char(prev) && is_word_char(next));
    case '&':
      return looks_like_reference(s, i);
    case '~':
      // Strikethrough and fences need two tildes; a lone one (~/path) means nothing.
      return prev == '~' || next == '~';
    case '|':
      return in_table;
    default:
      break;
  }
  if (!line_start) return false;
  switch (c) {
    case '#': {
      // "# x" up to "###### x" (or a bare "#") is a heading; "#tag" is not.
      if (i != 0) return false;
      std::size_t n = 0;
      while (n < s.size() && s[n] == '#') ++n;
      return n <= 6 && (n == s.size() || is_blank(s[n]));
    }
    case '>':
      return i == 0;
    case '-':
    case '+':
      return i == 0 && (is_blank(next) || (c == '-' && all_of_char(s, '-')));
    case '=':
      return i == 0 && all_of_char(s, '=');
    case '.':
    case ')':
      // "12. " or "3) " starts an ordered list item.
      return i > 0 && i <= max_list_number_digits && is_blank(next) &&
             std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(i), is_digit);
    default:
      return false;
  }
}

// Appends s to out with every character Markdown would read as markup escaped.
void append_markdown_escaped(std::string_view s, char before, bool line_start, bool in_table, std::string& out) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (needs_escape(s, i, before, line_start, in_table)) {
      out.append(s.substr(run, i - run));
      out += '\\';
      run = i;
    }
  }
  out.append(s.substr(run));
}

// Appends s with every run of whitespace made one space and no space at either end.
void append_collapsed(std::string_view s, std::string& out) {
  bool space = false;
  bool any = false;
  for (char c : s) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && any) out += ' ';
    space = false;
    any = true;
    out += c;
  }
}

// One row of a pipe table, padded to `columns` cells. Cells are one line of inline Markdown:
// whitespace collapses, markup and '|' are escaped.
void render_markdown_row(std::span<const std::string_view> cells, std::size_t columns, std::string& out) {
  std::string collapsed;
  out += '|';
  const std::size_t n = std::max(cells.size(), columns);
  for (std::size_t c = 0; c < n; ++c) {
    out += ' ';
    if (c < cells.size()) {
      collapsed.clear();
      append_collapsed(cells[c], collapsed);
      append_markdown_escaped(collapsed, ' ', false, true, out);
    }
    out += " |";
  }
}

// A table as a Markdown pipe table: the first row is the header; short rows are padded.
void render_table_markdown(const std::vector<std::vector<std::string>>& rows, std::string& out) {
  std::size_t cols = 0;
  for (const auto& r : rows) cols = std::max(cols, r.size());
  if (cols == 0) return;
  std::vector<std::string_view> views;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (r) out += '\n';
    views.assign(rows[r].begin(), rows[r].end());
    render_markdown_row(views, cols, out);
    if (r == 0) {
      out += "\n|";
      for (std::size_t c = 0; c < cols; ++c) out += " --- |";
    }
  }
}

}  // namespace

writer::writer(sink& out, const options& opts) : sink_(out), opts_(opts) { buf_.reserve(flush_threshold + 1024); }

void writer::fail(error err) {
  if (!failed_) {
    failed_ = true;
    error_ = std::move(err);
  }
  stopped_ = true;
}

void writer::put(std::string_view s) {
  if (stopped_ || s.empty()) return;
  if (produced_ + s.size() > opts_.limits.max_output_bytes) {
    fail({error_code::limit_exceeded, error::no_offset,
          "output exceeds limits.max_output_bytes (" + std::to_string(opts_.limits.max_output_bytes) + ")"});
    return;
  }
  produced_ += s.size();
  content_ += s.size();
  buf_.append(s);
  last_char_ = s.back();
  if (buf_.size() >= flush_threshold) flush();
}

void writer::flush() {
  std::string_view rest = buf_;
  while (!rest.empty() && !stopped_) {
    const std::size_t most = std::min(rest.size(), 2 * flush_threshold);
    std::size_t n = utf8_boundary(rest, most);
    if (n == 0) n = most;
    delivered_ += n;
    if (!sink_.on_content(rest.substr(0, n))) stopped_ = true;
    rest.remove_prefix(n);
  }
  buf_.clear();
}

void writer::want_newlines(int n) {
  pending_space_ = false;
  pending_ws_.clear();
  if (wrote_any_) owed_newlines_ = std::max(owed_newlines_, n);
}

bool writer::in_code() const noexcept {
  return !frames_.empty() && frames_.back().kind == frame_kind::code;
}

void writer::write_line_prefix(bool blank_line) {
  // Quotes contribute "> " (Markdown only); list items their marker once, then its width in spaces.
  std::string prefix;
  for (auto& f : frames_) {
    switch (f.kind) {
      case frame_kind::quote:
        // The blank line that separates a new quote from what precedes it is not part of it.
        if (markdown() && (!blank_line || f.started)) prefix += "> ";
        break;
      case frame_kind::item:
        if (blank_line || !f.marker_pending) {
          prefix.append(f.marker.size(), ' ');
        } else {
          prefix += f.marker;
          f.marker_pending = false;
        }
        break;
      case frame_kind::heading:
        if (!blank_line && f.marker_pending) {
          prefix += f.marker;
          f.marker_pending = false;
        }
        break;
      default:
        break;
    }
    if (!blank_line) f.started = true;
  }
  if (blank_line) {
    while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
  }
  put(prefix);
}

void writer::put_close_mark(const open_span& s) {
  switch (s.kind) {
    case span_kind::strong: put("**"); break;
    case span_kind::emphasis: put("*"); break;
    case span_kind::code: put("`"); break;
    case span_kind::strike: put("~~"); break;
    case span_kind::link:
      if (s.href.empty()) break;
      put("](");
      put_destination(s.href);
      put(")");
      break;
  }
}

void writer::close_span_marks() {
  // Marks are reopened by the next text, so a span that spans paragraphs is marked in each.
  for (std::size_t k = spans_.size(); k-- > 0;) {  // innermost first
    if (!spans_[k].opened) continue;
    put_close_mark(spans_[k]);
    spans_[k].opened = false;
  }
}

void writer::start_text(bool open_marks) {
  if (owed_newlines_ > 0) {
    if (owed_newlines_ >= 2 && markdown()) close_span_marks();
    // A single line_break() owes one newline; Markdown needs the break marked or it is a space.
    if (owed_newlines_ == 1 && hard_break_ && markdown() && !in_code()) put("\\");
    for (int i = 0; i < owed_newlines_; ++i) {
      put("\n");
      if (i + 1 < owed_newlines_) write_line_prefix(true);
    }
    owed_newlines_ = 0;
    at_line_start_ = true;
    pending_space_ = false;
  }
  hard_break_ = false;
  bool fresh = false;
  if (at_line_start_) {
    write_line_prefix(false);
    at_line_start_ = false;
    pending_space_ = false;
    fresh = true;
  }
  if (!pending_ws_.empty()) {
    put(pending_ws_);
    pending_ws_.clear();
    pending_space_ = false;
  } else if (pending_space_) {
    put(" ");
    pending_space_ = false;
  }
  // Fences, table rows and code are not inline text: spans stay unopened until text follows.
  if (markdown() && open_marks && !in_code()) {
    for (auto& s : spans_) {
      if (s.opened) continue;
      s.opened = true;
      switch (s.kind) {
        case span_kind::strong: put("**"); break;
        case span_kind::emphasis: put("*"); break;
        case span_kind::code: put("`"); break;
        case span_kind::strike: put("~~"); break;
        case span_kind::link:
          if (s.href.empty()) continue;  // a link to nowhere is just its text
          put("[");
          break;
      }
      fresh = false;
    }
  }
  wrote_any_ = true;
  line_fresh_ = fresh;
}

void writer::put_escaped(std::string_view s) {
  const bool line_start = line_fresh_;
  line_fresh_ = false;
  const bool code = in_code() || std::any_of(spans_.begin(), spans_.end(),
                                             [](const open_span& sp) { return sp.kind == span_kind::code; });
  if (!markdown() || code || s.empty()) {
    put(s);
    return;
  }
  if (s.find_first_of(inline_specials) == std::string_view::npos &&
      !(line_start && line_start_specials.find(s.front()) != std::string_view::npos)) {
    put(s);
    return;
  }
  scratch_.clear();
  append_markdown_escaped(s, last_char_, line_start, false, scratch_);
  put(scratch_);
}

void writer::put_destination(std::string_view url) {
  // Link destinations end at a space or an unbalanced ')': percent-encode or escape what would.
  scratch_.clear();
  for (char c : url) {
    switch (c) {
      case ' ': scratch_ += "%20"; break;
      case '<': scratch_ += "%3C"; break;
      case '>': scratch_ += "%3E"; break;
      case '(': scratch_ += "\\("; break;
      case ')': scratch_ += "\\)"; break;
      case '\n': case '\r': case '\t': case '\f': case '\v': break;
      default: scratch_ += c; break;
    }
  }
  put(scratch_);
}

void writer::hold_whitespace(std::string_view ws) {
  if (ws.empty()) return;
  if (pending_ws_.size() + ws.size() > max_held_whitespace) {
    start_text();  // writes what is held
    put(ws);
    return;
  }
  pending_ws_.append(ws);
}

void writer::paragraph() { want_newlines(2); }

void writer::new_line() { want_newlines(1); }

void writer::line_break() {
  pending_space_ = false;
  pending_ws_.clear();
  if (!wrote_any_) return;
  if (owed_newlines_ == 0) hard_break_ = true;
  owed_newlines_ = std::min(owed_newlines_ + 1, 2);
}

void writer::begin_heading(int level) {
  level = std::clamp(level, 1, 6);
  paragraph();
  frame f{frame_kind::heading};
  if (markdown()) {
    f.marker.assign(static_cast<std::size_t>(level), '#');
    f.marker += ' ';
    f.marker_pending = true;
  }
  frames_.push_back(std::move(f));
}

void writer::end_heading() {
  if (!frames_.empty() && frames_.back().kind == frame_kind::heading) frames_.pop_back();
  paragraph();
}

void writer::begin_quote() {
  paragraph();
  frames_.emplace_back(frame_kind::quote);
}

void writer::end_quote() {
  if (!frames_.empty() && frames_.back().kind == frame_kind::quote) frames_.pop_back();
  paragraph();
}

void writer::begin_list(bool ordered, std::int64_t start) {
  // A nested list starts on the next line of its item; a top-level list is its own paragraph.
  const bool nested = std::any_of(frames_.begin(), frames_.end(), [](const frame& f) { return f.kind == frame_kind::item; });
  if (nested) new_line();
  else paragraph();
  frame f{frame_kind::list};
  f.ordered = ordered;
  f.next_number = start;
  frames_.push_back(std::move(f));
}

void writer::end_list() {
  while (!frames_.empty() && frames_.back().kind == frame_kind::item) end_item();
  if (!frames_.empty() && frames_.back().kind == frame_kind::list) frames_.pop_back();
  const bool nested = std::any_of(frames_.begin(), frames_.end(), [](const frame& f) { return f.kind == frame_kind::item; });
  if (nested) new_line();
  else paragraph();
}

void writer::begin_item() {
  if (!frames_.empty() && frames_.back().kind == frame_kind::item) end_item();  // implied end
  frame item{frame_kind::item};
  if (!frames_.empty() && frames_.back().kind == frame_kind::list && frames_.back().ordered) {
    item.marker = std::to_string(frames_.back().next_number++) + ". ";
  } else {
    item.marker = "- ";
  }
  item.marker_pending = true;
  new_line();
  frames_.push_back(std::move(item));
}

void writer::end_item() {
  if (!frames_.empty() && frames_.back().kind == frame_kind::item) {
    frame& f = frames_.back();
    if (f.marker_pending) {
      // An item that produced no text still shows its marker, so numbering stays visible; without
      // the marker's trailing space, so no line ends with one.
      while (!f.marker.empty() && f.marker.back() == ' ') f.marker.pop_back();
      pending_space_ = false;
      pending_ws_.clear();
      start_text(false);
    }
    frames_.pop_back();
  }
  new_line();
}

void writer::begin_code_block(std::string_view language) {
  paragraph();
  if (markdown()) {
    start_text(false);
    put("```");
    // The info string ends at whitespace and may not contain a backtick.
    for (char c : language) {
      if (is_space(c)) break;
      if (c != '`') put(std::string_view(&c, 1));
    }
    want_newlines(1);
  }
  frames_.emplace_back(frame_kind::code);
}

void writer::end_code_block() {
  if (in_code()) {
    frames_.pop_back();
    if (markdown()) {
      owed_newlines_ = 1;
      hard_break_ = false;
      pending_space_ = false;
      pending_ws_.clear();
      start_text(false);
      put("```");
    }
  }
  paragraph();
}

void writer::rule() {
  paragraph();
  if (markdown()) {
    start_text(false);
    put("---");
  }
  paragraph();
}

void writer::text(std::string_view utf8) { verbatim(utf8, false); }

void writer::raw(std::string_view utf8) { verbatim(utf8, markdown()); }

void writer::verbatim(std::string_view s, bool raw) {
  // Newlines become line boundaries (so prefixes repeat); spaces and tabs at either end of a line
  // are held until text follows them on that line; everything else is kept.
  while (!s.empty() && !stopped_) {
    const std::size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t b = 0;
    while (b < line.size() && is_blank(line[b])) ++b;
    std::size_t e = line.size();
    while (e > b && is_blank(line[e - 1])) --e;
    hold_whitespace(line.substr(0, b));
    if (e > b) {
      start_text(!raw);
      if (raw) put(line.substr(b, e - b));
      else put_escaped(line.substr(b, e - b));
      hold_whitespace(line.substr(e));
    }
    if (nl == std::string_view::npos) break;
    pending_ws_.clear();
    if (wrote_any_) ++owed_newlines_;
    s.remove_prefix(nl + 1);
  }
}

void writer::text_collapsed(std::string_view utf8) {
  std::size_t i = 0;
  while (i < utf8.size() && !stopped_) {
    if (is_space(utf8[i])) {
      while (i < utf8.size() && is_space(utf8[i])) ++i;
      space();
      continue;
    }
    std::size_t j = i;
    while (j < utf8.size() && !is_space(utf8[j])) ++j;
    start_text();
    put_escaped(utf8.substr(i, j - i));
    i = j;
  }
}

void writer::space() {
  if (wrote_any_ && owed_newlines_ == 0 && !at_line_start_) pending_space_ = true;
}

void writer::begin_span(span_kind kind, std::string_view href) {
  spans_.push_back({kind, std::string(href), false});
}

void writer::end_span(span_kind kind) {
  // Close the innermost span of this kind; inner ones left open are closed with it.
  auto it = std::find_if(spans_.rbegin(), spans_.rend(), [&](const open_span& s) { return s.kind == kind; });
  if (it == spans_.rend()) return;
  const auto first = static_cast<std::size_t>(spans_.rend() - it) - 1;
  for (std::size_t k = spans_.size(); k-- > first;) {
    const open_span& s = spans_[k];
    if (markdown() && s.opened) {
      const bool space_owed = pending_space_;
      pending_space_ = false;  // the closing mark hugs the text
      put_close_mark(s);
      pending_space_ = space_owed;
    }
    spans_.pop_back();
  }
}

void writer::image(std::string_view alt, std::string_view src) {
  if (markdown()) {
    std::string collapsed;
    append_collapsed(alt, collapsed);
    start_text();
    put("![");
    line_fresh_ = false;
    put_escaped(collapsed);
    put("](");
    put_destination(src);
    put(")");
  } else if (!alt.empty()) {
    text_collapsed(alt);
  }
}

void writer::add_table(std::vector<std::vector<std::string>> rows, bool in_content) {
  // Drop rows with no cells; a table with no cells at all is not a table.
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const auto& r) { return r.empty(); }), rows.end());
  if (rows.empty() || stopped_) return;
  if (!in_content) {
    // Only reported: its text is already in the content (a table nested in a cell).
    if (!opts_.extract_tables) return;
    std::string md;
    render_table_markdown(rows, md);
    if (produced_ + md.size() > opts_.limits.max_output_bytes) {
      fail({error_code::limit_exceeded, error::no_offset, "tables exceed limits.max_output_bytes"});
      return;
    }
    produced_ += md.size();
    table t;
    t.cells = std::move(rows);
    t.markdown = std::move(md);
    sink_.on_table(std::move(t));
    return;
  }
  std::size_t cols = 0;
  for (const auto& r : rows) cols = std::max(cols, r.size());
  begin_table(cols);
  std::vector<std::string_view> views;
  for (const auto& r : rows) {
    views.assign(r.begin(), r.end());
    table_row(views);
  }
  end_table();
}

void writer::begin_table(std::size_t columns) {
  if (table_.open) end_table();
  table_ = table_state{};
  table_.open = true;
  table_.columns = columns;
  if (outline_depth_ > 0 && in_code()) {
    end_code_block();
  }
  paragraph();
}

void writer::table_row(std::span<const std::string_view> cells) {
  if (!table_.open || cells.empty() || stopped_) return;
  const bool header = table_.rows == 0;
  if (header) table_.columns = std::max(table_.columns, cells.size());
  ++table_.rows;
  const bool report = opts_.extract_tables;
  const bool keep = report && table_.cells.size() < max_reported_table_rows;
  if (report && !keep) ++table_.left_out;
  if (markdown() || keep) {
    row_.clear();
    render_markdown_row(cells, table_.columns, row_);
    if (header) {
      row_ += "\n|";
      for (std::size_t c = 0; c < table_.columns; ++c) row_ += " --- |";
    }
  }
  new_line();
  if (markdown()) {
    // The row is already escaped: it goes out as it is, line by line (the prefix of an enclosing
    // quote or list item is repeated).
    verbatim(row_, true);
  } else {
    bool first = true;
    for (const std::string_view c : cells) {
      // Tabs between cells are held like verbatim whitespace: empty trailing cells leave none.
      if (!first) hold_whitespace("\t");
      first = false;
      text_collapsed(c);
    }
  }
  if (keep && !stopped_) {
    // Table text counts towards the output limit too.
    if (produced_ + row_.size() + 1 > opts_.limits.max_output_bytes) {
      fail({error_code::limit_exceeded, error::no_offset, "tables exceed limits.max_output_bytes"});
      return;
    }
    produced_ += row_.size() + 1;
    if (!table_.markdown.empty()) table_.markdown += '\n';
    table_.markdown += row_;
    table_.cells.emplace_back(cells.begin(), cells.end());
  }
}

void writer::end_table() {
  if (!table_.open) return;
  table_.open = false;
  paragraph();
  if (opts_.extract_tables && !stopped_ && !table_.cells.empty()) {
    table t;
    t.cells = std::move(table_.cells);
    t.markdown = std::move(table_.markdown);
    sink_.on_table(std::move(t));
    if (table_.left_out > 0) {
      warn("table_truncated", "a table of " + std::to_string(table_.rows) + " rows reports its first " +
                                  std::to_string(max_reported_table_rows) +
                                  " in tables; the content has all of them");
    }
  }
  table_ = table_state{};
}

void writer::begin_outline() {
  // The code block opens with the first line (and again after a table), so an outline of no
  // lines, or one ending in a table, leaves no empty fence.
  ++outline_depth_;
}

void writer::end_outline() {
  if (outline_depth_ == 0) return;
  if (--outline_depth_ == 0 && in_code()) end_code_block();
}

void writer::outline_line(std::size_t depth, bool item, std::string_view key, std::string_view value) {
  if (stopped_) return;
  depth = std::min(depth, max_outline_indent);
  row_.assign(2 * depth, ' ');
  if (item) row_ += "- ";
  const std::size_t indent = row_.size() + 2;  // continuation lines: one level past the key
  for (char c : key) row_ += (c == '\n' || c == '\r') ? ' ' : c;
  if (!key.empty()) {
    row_ += ':';
    if (!value.empty()) row_ += ' ';
  } else if (markdown() && row_.empty() && value.starts_with("```")) {
    row_.assign(4, ' ');  // a line that would close the Markdown fence moves right
  }
  // The value's line breaks (LF, CR LF or CR) continue one level deeper.
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c != '\n' && c != '\r') {
      row_ += c;
      continue;
    }
    if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') ++i;
    row_ += '\n';
    const std::string_view next = value.substr(i + 1);
    if (next.empty() || next.front() == '\n' || next.front() == '\r') continue;
    // A line that would close the Markdown fence (``` after at most three spaces) moves right.
    row_.append(markdown() && indent < 4 && next.starts_with("```") ? 4 : indent, ' ');
  }
  if (outline_depth_ > 0 && !in_code()) begin_code_block();
  new_line();
  text(row_);
}

void writer::metadata(std::string_view key, value v) { sink_.on_metadata(key, std::move(v)); }

void writer::add_image(image_info image) {
  if (!opts_.extract_images || images_ >= opts_.limits.max_entries) return;
  ++images_;
  sink_.on_image(std::move(image));
}

void writer::warn(std::string_view code, std::string message) {
  // A hostile document could produce millions; the first hundred say enough.
  if (++warnings_ > 100) return;
  sink_.on_warning({std::string(code), std::move(message)});
}

void writer::close_markup() {
  while (!spans_.empty()) end_span(spans_.back().kind);
  if (in_code() && markdown()) end_code_block();
}

void writer::end_page(std::uint32_t number) {
  close_markup();
  flush();
  if (!stopped_) sink_.on_page_end(number);
  frames_.clear();
  spans_.clear();
  want_newlines(2);
  at_line_start_ = true;
}

status writer::finish() {
  close_markup();
  flush();
  if (failed_) return error_;
  return std::monostate{};
}

}  // namespace quarry::detail
