#include "core/writer.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

// Content goes to the sink in pieces of about this size: small enough for a bounded streaming
// window, large enough that the per-piece cost disappears.
constexpr std::size_t flush_threshold = 32 * 1024;

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_word_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
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
  buf_.append(s);
  last_char_ = s.back();
  if (buf_.size() >= flush_threshold) flush();
}

void writer::flush() {
  std::string_view rest = buf_;
  while (!rest.empty() && !stopped_) {
    std::size_t n = utf8_boundary(rest, std::min(rest.size(), 2 * flush_threshold));
    if (n == 0) n = rest.size();
    if (!sink_.on_content(rest.substr(0, n))) stopped_ = true;
    rest.remove_prefix(n);
  }
  buf_.clear();
}

void writer::want_newlines(int n) {
  pending_space_ = false;
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
        // The blank line that separates a quote from what precedes it is not part of the quote.
        if (markdown() && !(blank_line && f.marker_pending)) prefix += "> ";
        if (!blank_line) f.marker_pending = false;
        break;
      case frame_kind::item:
        if (blank_line) {
          prefix.append(f.marker.size(), ' ');
        } else if (f.marker_pending) {
          prefix += f.marker;
          f.marker_pending = false;
        } else {
          prefix.append(f.marker.size(), ' ');
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
  }
  if (blank_line) {
    while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
  }
  put(prefix);
}

void writer::start_text() {
  if (owed_newlines_ > 0) {
    for (int i = 0; i < owed_newlines_; ++i) {
      put("\n");
      if (i + 1 < owed_newlines_) write_line_prefix(true);
    }
    owed_newlines_ = 0;
    at_line_start_ = true;
    pending_space_ = false;
  }
  if (at_line_start_) {
    write_line_prefix(false);
    at_line_start_ = false;
    pending_space_ = false;
  }
  if (pending_space_) {
    put(" ");
    pending_space_ = false;
  }
  if (markdown()) {
    for (auto& s : spans_) {
      if (s.opened) continue;
      s.opened = true;
      switch (s.kind) {
        case span_kind::strong: put("**"); break;
        case span_kind::emphasis: put("*"); break;
        case span_kind::code: put("`"); break;
        case span_kind::strike: put("~~"); break;
        case span_kind::link: put("["); break;
      }
    }
  }
  wrote_any_ = true;
}

void writer::put_escaped(std::string_view s) {
  const bool code = in_code() || std::any_of(spans_.begin(), spans_.end(),
                                             [](const open_span& sp) { return sp.kind == span_kind::code; });
  if (!markdown() || code) {
    put(s);
    return;
  }
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    bool escape = false;
    switch (c) {
      case '\\': case '`': case '*': case '[': case ']': case '<':
        escape = true;
        break;
      case '_': {
        // Intraword underscores never make emphasis in CommonMark; leave snake_case readable.
        const char before = i > 0 ? s[i - 1] : last_char_;
        const char after = i + 1 < s.size() ? s[i + 1] : ' ';
        escape = !(is_word_char(before) && is_word_char(after));
        break;
      }
      case '#':
        escape = i == 0 && (last_char_ == '\n' || last_char_ == ' ') && run == 0 && at_line_start_;
        break;
      default:
        break;
    }
    if (escape) {
      put(s.substr(run, i - run));
      put("\\");
      run = i;
    }
  }
  put(s.substr(run));
}

void writer::paragraph() { want_newlines(2); }

void writer::new_line() { want_newlines(1); }

void writer::line_break() {
  pending_space_ = false;
  if (!wrote_any_) return;
  if (markdown() && owed_newlines_ == 0 && !in_code()) {
    put("\\");  // CommonMark hard line break
  }
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
  frame f{frame_kind::quote};
  f.marker_pending = true;
  frames_.push_back(std::move(f));
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
  while (!frames_.empty() && frames_.back().kind == frame_kind::item) frames_.pop_back();
  if (!frames_.empty() && frames_.back().kind == frame_kind::list) frames_.pop_back();
  const bool nested = std::any_of(frames_.begin(), frames_.end(), [](const frame& f) { return f.kind == frame_kind::item; });
  if (nested) new_line();
  else paragraph();
}

void writer::begin_item() {
  if (!frames_.empty() && frames_.back().kind == frame_kind::item) frames_.pop_back();  // implied end
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
    // An item that produced no text still shows its marker, so numbering stays visible.
    if (frames_.back().marker_pending) {
      start_text();
    }
    frames_.pop_back();
  }
  new_line();
}

void writer::begin_code_block(std::string_view language) {
  paragraph();
  if (markdown()) {
    start_text();
    put("```");
    put(language);
    want_newlines(1);
  }
  frames_.push_back({frame_kind::code});
}

void writer::end_code_block() {
  if (in_code()) frames_.pop_back();
  if (markdown()) {
    owed_newlines_ = 1;
    start_text();
    put("```");
  }
  paragraph();
}

void writer::rule() {
  paragraph();
  if (markdown()) {
    start_text();
    put("---");
  }
  paragraph();
}

void writer::text(std::string_view s) { put_lines(s, true); }

void writer::raw(std::string_view s) { put_lines(s, false); }

void writer::put_lines(std::string_view s, bool escape) {
  // Newlines become line boundaries (so prefixes repeat); everything else is kept.
  while (!s.empty() && !stopped_) {
    const std::size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      start_text();
      if (escape) put_escaped(line);
      else put(line);
    }
    if (nl == std::string_view::npos) break;
    if (wrote_any_) ++owed_newlines_;
    s.remove_prefix(nl + 1);
  }
}

void writer::text_collapsed(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && !stopped_) {
    if (is_space(s[i])) {
      while (i < s.size() && is_space(s[i])) ++i;
      space();
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    start_text();
    put_escaped(s.substr(i, j - i));
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
      switch (s.kind) {
        case span_kind::strong: put("**"); break;
        case span_kind::emphasis: put("*"); break;
        case span_kind::code: put("`"); break;
        case span_kind::strike: put("~~"); break;
        case span_kind::link:
          put("](");
          put(s.href);
          put(")");
          break;
      }
      pending_space_ = space_owed;
    }
    spans_.pop_back();
  }
}

void writer::image(std::string_view alt, std::string_view src) {
  if (markdown()) {
    start_text();
    put("![");
    put_escaped(alt);
    put("](");
    put(src);
    put(")");
  } else if (!alt.empty()) {
    text_collapsed(alt);
  }
}

void writer::render_table_markdown(const std::vector<std::vector<std::string>>& rows, std::string& out) const {
  std::size_t cols = 0;
  for (const auto& r : rows) cols = std::max(cols, r.size());
  if (cols == 0) return;
  auto cell = [&](std::string_view c) {
    out += ' ';
    for (char ch : c) {
      if (ch == '|') out += "\\|";
      else if (ch == '\n' || ch == '\r') out += ' ';
      else out += ch;
    }
    out += " |";
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += '|';
    for (std::size_t c = 0; c < cols; ++c) cell(c < rows[r].size() ? std::string_view(rows[r][c]) : std::string_view());
    out += '\n';
    if (r == 0) {
      out += '|';
      for (std::size_t c = 0; c < cols; ++c) out += " --- |";
      out += '\n';
    }
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
}

void writer::add_table(std::vector<std::vector<std::string>> rows) {
  // Drop rows with no cells; a table with no cells at all is not a table.
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const auto& r) { return r.empty(); }), rows.end());
  if (rows.empty() || stopped_) return;
  std::string md;
  render_table_markdown(rows, md);
  paragraph();
  if (markdown()) {
    text(md);
  } else {
    for (const auto& row : rows) {
      new_line();
      bool first = true;
      for (const auto& c : row) {
        if (!first) {
          start_text();
          put("\t");
        }
        first = false;
        text_collapsed(c);
      }
    }
  }
  paragraph();
  if (opts_.extract_tables && !stopped_) {
    // Table text counts towards the output limit too.
    if (produced_ + md.size() > opts_.limits.max_output_bytes) {
      fail({error_code::limit_exceeded, error::no_offset, "tables exceed limits.max_output_bytes"});
      return;
    }
    produced_ += md.size();
    table t;
    t.cells = std::move(rows);
    t.markdown = std::move(md);
    sink_.on_table(std::move(t));
  }
}

void writer::metadata(std::string_view key, value v) { sink_.on_metadata(key, std::move(v)); }

void writer::warn(std::string_view code, std::string message) {
  // A hostile document could produce millions; the first hundred say enough.
  if (++warnings_ > 100) return;
  sink_.on_warning({std::string(code), std::move(message)});
}

void writer::end_page(std::uint32_t number) {
  flush();
  if (!stopped_) sink_.on_page_end(number);
  frames_.clear();
  spans_.clear();
  want_newlines(2);
  at_line_start_ = true;
}

status writer::finish() {
  while (!spans_.empty()) end_span(spans_.back().kind);
  if (in_code() && markdown()) end_code_block();
  flush();
  if (failed_) return error_;
  return std::monostate{};
}

}  // namespace quarry::detail
