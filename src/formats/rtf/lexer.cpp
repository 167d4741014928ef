#include "formats/rtf/lexer.hpp"

#include <array>

namespace quarry::detail::rtf {

namespace {

constexpr bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bytes that end a run of text.
constexpr std::array<bool, 256> text_stops = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>('\\')] = true;
  t[static_cast<unsigned char>('{')] = true;
  t[static_cast<unsigned char>('}')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  return t;
}();

// Bytes that matter while skipping a group.
constexpr std::array<bool, 256> skip_stops = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>('\\')] = true;
  t[static_cast<unsigned char>('{')] = true;
  t[static_cast<unsigned char>('}')] = true;
  return t;
}();

token make(token_kind kind) noexcept {
  token t;
  t.kind = kind;
  return t;
}

token make_text(token_kind kind, std::string_view text) noexcept {
  token t;
  t.kind = kind;
  t.text = text;
  return t;
}

}  // namespace

token lexer::next() noexcept {
  const std::size_t n = in_.size();
  while (pos_ < n) {
    const char c = in_[pos_];
    switch (c) {
      case '{':
        ++pos_;
        return make(token_kind::group_open);
      case '}':
        ++pos_;
        return make(token_kind::group_close);
      case '\r':
      case '\n':
        ++pos_;
        continue;
      case '\\':
        return control();
      default: {
        const std::size_t start = pos_;
        while (pos_ < n && !text_stops[static_cast<unsigned char>(in_[pos_])]) ++pos_;
        return make_text(token_kind::text, in_.substr(start, pos_ - start));
      }
    }
  }
  return {};
}

bool lexer::read_param(std::int32_t& value) noexcept {
  const std::size_t n = in_.size();
  std::size_t p = pos_;
  bool negative = false;
  if (p < n && in_[p] == '-' && p + 1 < n && is_digit(in_[p + 1])) {
    negative = true;
    ++p;
  }
  if (p >= n || !is_digit(in_[p])) return false;
  // Saturate: a parameter of a hundred digits is still one parameter.
  std::int64_t v = 0;
  while (p < n && is_digit(in_[p])) {
    if (v <= INT32_MAX) v = v * 10 + (in_[p] - '0');
    ++p;
  }
  if (negative) v = -v;
  if (v > INT32_MAX) v = INT32_MAX;
  if (v < INT32_MIN) v = INT32_MIN;
  value = static_cast<std::int32_t>(v);
  pos_ = p;
  return true;
}

std::string_view lexer::take_binary(std::int32_t count) noexcept {
  const std::size_t want = count > 0 ? static_cast<std::size_t>(count) : 0;
  const std::size_t have = in_.size() - pos_;
  if (want > have) binary_truncated_ = true;
  const std::size_t take = want < have ? want : have;
  const std::string_view data = in_.substr(pos_, take);
  pos_ += take;
  return data;
}

token lexer::control() noexcept {
  const std::size_t n = in_.size();
  ++pos_;  // the backslash
  if (pos_ >= n) return {};
  const char c = in_[pos_];
  if (is_letter(c)) {
    const std::size_t start = pos_;
    while (pos_ < n && is_letter(in_[pos_])) ++pos_;
    token t = make_text(token_kind::word, in_.substr(start, pos_ - start));
    t.has_param = read_param(t.param);
    if (pos_ < n && in_[pos_] == ' ') ++pos_;  // the delimiter belongs to the word
    if (t.text == "bin" && t.has_param) {
      t.kind = token_kind::binary;
      t.text = take_binary(t.param);
    }
    return t;
  }
  if (c == '\'') {
    const int hi = pos_ + 1 < n ? hex_value(in_[pos_ + 1]) : -1;
    const int lo = pos_ + 2 < n ? hex_value(in_[pos_ + 2]) : -1;
    if (hi >= 0 && lo >= 0) {
      pos_ += 3;
      token t = make(token_kind::hex);
      t.byte = static_cast<unsigned char>(hi * 16 + lo);
      return t;
    }
    ++pos_;
    token t = make(token_kind::symbol);
    t.sym = '\'';
    return t;
  }
  ++pos_;
  token t = make(token_kind::symbol);
  t.sym = (c == '\r' || c == '\n') ? '\n' : c;
  return t;
}

bool lexer::skip_group() noexcept {
  const std::size_t n = in_.size();
  std::size_t depth = 1;
  while (pos_ < n) {
    while (pos_ < n && !skip_stops[static_cast<unsigned char>(in_[pos_])]) ++pos_;
    if (pos_ >= n) break;
    const char c = in_[pos_++];
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) return true;
    } else {  // a backslash
      if (pos_ >= n) break;
      if (!is_letter(in_[pos_])) {
        ++pos_;  // \{ \} \\ and the other symbols: the next byte is not structure
        continue;
      }
      const std::size_t start = pos_;
      while (pos_ < n && is_letter(in_[pos_])) ++pos_;
      if (in_.substr(start, pos_ - start) != "bin") continue;  // its parameter is plain bytes
      std::int32_t count = 0;
      if (!read_param(count)) continue;
      if (pos_ < n && in_[pos_] == ' ') ++pos_;
      (void)take_binary(count);
    }
  }
  pos_ = n;
  return false;
}

}  // namespace quarry::detail::rtf
