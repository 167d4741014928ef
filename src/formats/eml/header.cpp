#include "formats/eml/header.hpp"

#include "core/mime.hpp"
#include "core/utf8.hpp"
#include "formats/eml/charset.hpp"
#include "formats/eml/lines.hpp"
#include "formats/eml/transfer.hpp"

namespace quarry::detail::eml {

std::size_t field_name_length(std::string_view line) noexcept {
  // As Python's feedparser: printable ASCII but ':' and then the colon (an empty name included).
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ':') return i;
    if (c <= ' ' || c > '~') return std::string_view::npos;
  }
  return std::string_view::npos;
}

bool field_reader::next(field& f) noexcept {
  while (!rest_.empty()) {
    line_end le = find_line_end(rest_, 0);
    const std::string_view line = rest_.substr(0, le.end);
    const std::size_t colon = field_name_length(line);
    if (colon == std::string_view::npos) {  // a stray continuation or junk line
      rest_.remove_prefix(le.next);
      continue;
    }
    // The value runs over the continuation lines (those starting with a blank).
    std::size_t end = le.end;
    std::size_t next = le.next;
    while (next < rest_.size() && is_blank(rest_[next])) {
      le = find_line_end(rest_, next);
      end = le.end;
      next = le.next;
    }
    f.name = line.substr(0, colon);
    f.value = rest_.substr(colon + 1, end - colon - 1);
    rest_.remove_prefix(next);
    return true;
  }
  return false;
}

bool find_field(std::string_view block, std::string_view name, std::string_view& value) noexcept {
  field_reader r(block);
  field f;
  while (r.next(f)) {
    if (iequals_ascii(f.name, name)) {
      value = f.value;
      return true;
    }
  }
  return false;
}

namespace {

bool is_space_or_control(unsigned char c) noexcept { return c <= ' ' || c == 0x7F; }

// Raw (not encoded) header bytes: UTF-8 when valid (RFC 6532 allows it), else Windows-1252.
void append_raw(std::string_view s, std::string& out, text_issues& issues) {
  if (is_valid_utf8(s)) {
    out.append(s);
    return;
  }
  issues.invalid += convert_to_utf8(s, encoding::windows1252, out);
}

// An RFC 2047 encoded word "=?charset?Q|B?text?=" starting at raw[i], found leniently (the text
// may hold blanks, as Python's decoder allows). The end of the text is the next "?=", kept in a
// cache that only moves forward, so a header full of "=?" without an end costs linear time.
class word_finder {
 public:
  explicit word_finder(std::string_view raw) noexcept : raw_(raw) {}

  struct word {
    std::string_view charset;
    char kind = 'Q';
    std::string_view text;
    std::size_t end = 0;  // just past "?="
  };

  bool at(std::size_t i, word& w) {
    const std::size_t n = raw_.size();
    if (i + 1 >= n || raw_[i] != '=' || raw_[i + 1] != '?') return false;
    std::size_t q = i + 2;
    const std::size_t cs_begin = q;
    while (q < n && q - cs_begin <= max_charset && raw_[q] != '?' && !is_space_or_control(static_cast<unsigned char>(raw_[q]))) ++q;
    if (q >= n || raw_[q] != '?' || q == cs_begin) return false;
    w.charset = raw_.substr(cs_begin, q - cs_begin);
    if (q + 2 >= n || raw_[q + 2] != '?') return false;
    const char k = raw_[q + 1];
    if (k != 'q' && k != 'Q' && k != 'b' && k != 'B') return false;
    w.kind = static_cast<char>(k & ~0x20);
    const std::size_t t = q + 3;
    const std::size_t close = next_close(t);
    if (close == std::string_view::npos) return false;
    w.text = raw_.substr(t, close - t);
    w.end = close + 2;
    return true;
  }

 private:
  static constexpr std::size_t max_charset = 64;

  // The first "?=" at or after t.
  std::size_t next_close(std::size_t t) {
    if (searched_ && t >= from_ && (close_ == std::string_view::npos || close_ >= t)) return close_;
    if (searched_ && t < from_) {
      // Only the few bytes before the cached search start are new (t moves back at most the
      // length of a charset name).
      const std::size_t hit = raw_.substr(0, from_ + 1).find("?=", t);
      if (hit != std::string_view::npos) return hit;
      return close_;
    }
    from_ = t;
    close_ = raw_.find("?=", t);
    searched_ = true;
    return close_;
  }

  std::string_view raw_;
  bool searched_ = false;
  std::size_t from_ = 0;
  std::size_t close_ = std::string_view::npos;
};

// Whitespace runs and controls to one space, trimmed: for display on one line.
void collapse_spaces(std::string& s, std::size_t from) {
  std::size_t w = from;
  bool space = true;  // drop leading spaces
  for (std::size_t r = from; r < s.size(); ++r) {
    const auto c = static_cast<unsigned char>(s[r]);
    if (is_space_or_control(c)) {
      if (!space) s[w++] = ' ';
      space = true;
    } else {
      s[w++] = static_cast<char>(c);
      space = false;
    }
  }
  if (w > from && s[w - 1] == ' ') --w;
  s.resize(w);
}

}  // namespace

void decode_header_text(std::string_view raw, std::string& out, text_issues& issues) {
  const std::size_t start = out.size();
  word_finder finder(raw);
  std::string pending;           // bytes of consecutive encoded words in one charset
  std::string_view pending_cs;
  auto flush = [&] {
    if (pending_cs.empty()) return;
    const charset_choice c = choose_charset(pending_cs, pending);
    if (!c.known && issues.unknown_charset.empty()) issues.unknown_charset.assign(pending_cs);
    issues.invalid += append_converted(pending, c, out);
    pending.clear();
    pending_cs = {};
  };
  std::size_t i = 0;
  std::size_t gap_begin = 0;     // blanks after the last encoded word, dropped if another follows
  bool after_word = false;
  const std::size_t n = raw.size();
  while (i < n) {
    word_finder::word w;
    if (raw[i] == '=' && finder.at(i, w)) {
      if (!(after_word && iequals_ascii(w.charset, pending_cs))) {
        flush();
        if (!after_word && gap_begin < i) out.push_back(' ');  // text, blanks, then a word
      }
      pending_cs = w.charset;
      if (w.kind == 'B') (void)decode_base64(w.text, pending, UINT64_MAX);
      else decode_q(w.text, pending);
      i = w.end;
      after_word = true;
      gap_begin = i;
      continue;
    }
    if (is_space_or_control(static_cast<unsigned char>(raw[i]))) {
      ++i;
      continue;  // blanks are written with the text that follows them
    }
    // Plain text up to the next blank or possible encoded word.
    std::size_t j = i + 1;
    while (j < n && !is_space_or_control(static_cast<unsigned char>(raw[j])) && raw[j] != '=') ++j;
    flush();
    after_word = false;
    if (gap_begin < i) out.push_back(' ');  // only blanks lie between: they become one space
    append_raw(raw.substr(i, j - i), out, issues);
    i = j;
    gap_begin = i;
  }
  flush();
  collapse_spaces(out, start);
}

std::string decode_header_text(std::string_view raw, text_issues& issues) {
  std::string s;
  decode_header_text(raw, s, issues);
  return s;
}

}  // namespace quarry::detail::eml
