#include "formats/json/json_parser.hpp"

#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string describe(char c) {
  const auto u = static_cast<unsigned char>(c);
  std::string s;
  if (u >= 0x21 && u < 0x7F) {
    s.assign(3, '\'');
    s[1] = c;
    return s;
  }
  static constexpr char digits[] = "0123456789ABCDEF";
  s = "byte 0x00";
  s[7] = digits[u >> 4];
  s[8] = digits[u & 15];
  return s;
}

class parser {
 public:
  parser(std::string_view in, const limits& lim) : in_(in), lim_(lim) {}

  result<json_tape> run() {
    if (in_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
    skip_ws();
    if (pos_ == in_.size()) return fail(pos_, "empty document: expected a JSON value");
    for (;;) {
      if (!parse_value()) return std::move(err_);
      ++tape_.values;
      // After a top-level value: the end, or another value on a later line (JSON Lines).
      const std::size_t before = pos_;
      skip_ws();
      if (pos_ == in_.size()) break;
      const bool new_line = in_.substr(before, pos_ - before).find('\n') != std::string_view::npos;
      if (!new_line || !starts_value(in_[pos_])) return fail(pos_, "unexpected " + describe(in_[pos_]) + " after the JSON value");
    }
    return std::move(tape_);
  }

 private:
  static bool starts_value(char c) noexcept {
    return c == '{' || c == '[' || c == '"' || c == '-' || is_digit(c) || c == 't' || c == 'f' || c == 'n';
  }

  bool fail_bool(std::size_t offset, std::string why) {
    err_ = error{error_code::corrupt, offset, std::move(why)};
    return false;
  }
  error fail(std::size_t offset, std::string why) { return error{error_code::corrupt, offset, std::move(why)}; }

  void skip_ws() noexcept {
    while (pos_ < in_.size() && is_ws(in_[pos_])) ++pos_;
  }

  // The end of the input where more was needed: says which container is still open.
  bool fail_eof(std::string_view expected) {
    std::string why = "unexpected end of input: expected " + std::string(expected);
    if (!open_.empty()) {
      const json_token& t = tape_.tokens[open_.back()];
      why += t.kind == json_kind::object_begin ? " (the object opened at offset " : " (the array opened at offset ";
      why += std::to_string(t.offset) + " is not closed)";
    }
    return fail_bool(in_.size(), std::move(why));
  }

  bool count_value(std::size_t offset) {
    if (++tape_.value_count > lim_.max_entries) {
      err_ = error{error_code::limit_exceeded, offset,
                   "more than limits.max_entries (" + std::to_string(lim_.max_entries) + ") values"};
      return false;
    }
    return true;
  }

  // Parses one complete value (with everything nested in it) starting at pos_ (after spaces).
  bool parse_value() {
    bool need_value = true;  // else: a value just ended inside the innermost open container
    for (;;) {
      if (need_value) {
        if (pos_ == in_.size()) return fail_eof("a value");
        const char c = in_[pos_];
        if (c == '{' || c == '[') {
          if (!count_value(pos_)) return false;
          if (open_.size() >= lim_.max_depth) {
            err_ = error{error_code::limit_exceeded, pos_,
                         "nesting deeper than limits.max_depth (" + std::to_string(lim_.max_depth) + ")"};
            return false;
          }
          open_.push_back(tape_.tokens.size());
          if (open_.size() > tape_.max_depth) tape_.max_depth = open_.size();
          tape_.tokens.push_back({c == '{' ? json_kind::object_begin : json_kind::array_begin, false, pos_, 0});
          ++pos_;
          skip_ws();
          if (pos_ < in_.size() && in_[pos_] == (c == '{' ? '}' : ']')) {
            close();
            need_value = false;
            continue;
          }
          if (c == '{') {
            if (!parse_key(false)) return false;
          }
          continue;  // the first element or member value
        }
        if (!count_value(pos_)) return false;
        if (c == '"') {
          if (!parse_string(json_kind::string)) return false;
        } else if (c == '-' || is_digit(c)) {
          if (!parse_number()) return false;
        } else if (c == 't') {
          if (!parse_literal("true", json_kind::true_value)) return false;
        } else if (c == 'f') {
          if (!parse_literal("false", json_kind::false_value)) return false;
        } else if (c == 'n') {
          if (!parse_literal("null", json_kind::null_value)) return false;
        } else {
          return fail_bool(pos_, "expected a JSON value, found " + describe(c));
        }
        need_value = false;
        continue;
      }
      // A value ended: what may follow it depends on the innermost open container.
      if (open_.empty()) return true;
      skip_ws();
      const bool in_object = tape_.tokens[open_.back()].kind == json_kind::object_begin;
      if (pos_ == in_.size()) return fail_eof(in_object ? "',' or '}'" : "',' or ']'");
      const char c = in_[pos_];
      if (c == ',') {
        ++pos_;
        skip_ws();
        if (pos_ < in_.size() && in_[pos_] == (in_object ? '}' : ']')) {
          return fail_bool(pos_, in_object ? "a trailing comma before '}' is not allowed"
                                           : "a trailing comma before ']' is not allowed");
        }
        if (in_object && !parse_key(true)) return false;
        need_value = true;
      } else if (c == (in_object ? '}' : ']')) {
        close();
      } else {
        return fail_bool(pos_, in_object ? "expected ',' or '}' after an object member, found " + describe(c)
                                         : "expected ',' or ']' after an array element, found " + describe(c));
      }
    }
  }

  void close() {
    const std::size_t begin = open_.back();
    open_.pop_back();
    json_token& b = tape_.tokens[begin];
    b.length = tape_.tokens.size();
    tape_.tokens.push_back(
        {b.kind == json_kind::object_begin ? json_kind::object_end : json_kind::array_end, false, pos_, 0});
    ++pos_;
  }

  // A member name and its ':' (pos_ at the name's quote, after spaces).
  bool parse_key(bool after_comma) {
    if (pos_ == in_.size()) return fail_eof("a member name");
    if (in_[pos_] != '"') {
      return fail_bool(pos_, std::string(after_comma ? "expected a member name in double quotes after ','"
                                                     : "expected a member name in double quotes") +
                                 ", found " + describe(in_[pos_]));
    }
    if (!parse_string(json_kind::key)) return false;
    ++tape_.key_count;
    skip_ws();
    if (pos_ == in_.size()) return fail_eof("':'");
    if (in_[pos_] != ':') return fail_bool(pos_, "expected ':' after a member name, found " + describe(in_[pos_]));
    ++pos_;
    skip_ws();
    return true;
  }

  bool parse_literal(std::string_view word, json_kind kind) {
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (pos_ + i == in_.size() || in_[pos_ + i] != word[i]) {
        std::string quoted(word.size() + 2, '\'');
        word.copy(quoted.data() + 1, word.size());
        if (pos_ + i == in_.size()) return fail_eof(quoted);
        return fail_bool(pos_ + i, "invalid literal: expected " + quoted);
      }
    }
    tape_.tokens.push_back({kind, false, pos_, word.size()});
    pos_ += word.size();
    return true;
  }

  bool parse_number() {
    const std::size_t start = pos_;
    std::size_t i = pos_;
    const std::size_t n = in_.size();
    if (in_[i] == '-') ++i;
    if (i == n) return fail_eof("a digit after '-'");
    if (!is_digit(in_[i])) return fail_bool(i, "expected a digit after '-', found " + describe(in_[i]));
    if (in_[i] == '0') {
      ++i;
      if (i < n && is_digit(in_[i])) return fail_bool(i, "a number cannot have leading zeros");
    } else {
      while (i < n && is_digit(in_[i])) ++i;
    }
    if (i < n && in_[i] == '.') {
      ++i;
      if (i == n) return fail_eof("a digit after '.'");
      if (!is_digit(in_[i])) return fail_bool(i, "expected a digit after '.', found " + describe(in_[i]));
      while (i < n && is_digit(in_[i])) ++i;
    }
    if (i < n && (in_[i] == 'e' || in_[i] == 'E')) {
      ++i;
      if (i < n && (in_[i] == '+' || in_[i] == '-')) ++i;
      if (i == n) return fail_eof("a digit in the exponent");
      if (!is_digit(in_[i])) return fail_bool(i, "expected a digit in the exponent, found " + describe(in_[i]));
      while (i < n && is_digit(in_[i])) ++i;
    }
    tape_.tokens.push_back({json_kind::number, false, start, i - start});
    pos_ = i;
    return true;
  }

  // Reads four hex digits at in_[i]; returns -1 (and sets the error) when they are not there.
  long read_hex4(std::size_t i) {
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      if (i + k == in_.size()) {
        (void)fail_eof("four hex digits after \\u");
        return -1;
      }
      const int h = hex_value(in_[i + k]);
      if (h < 0) {
        (void)fail_bool(i + k, "invalid \\u escape: expected four hex digits, found " + describe(in_[i + k]));
        return -1;
      }
      v = v * 16 + h;
    }
    return v;
  }

  bool parse_string(json_kind kind) {
    const std::size_t open = pos_;
    std::size_t i = pos_ + 1;
    const std::size_t n = in_.size();
    // Fast path: plain ASCII up to the closing quote is used in place.
    while (i < n) {
      const auto u = static_cast<unsigned char>(in_[i]);
      if (u == '"' || u == '\\' || u < 0x20 || u >= 0x80) break;
      ++i;
    }
    if (i < n && in_[i] == '"') {
      tape_.tokens.push_back({kind, false, open + 1, i - open - 1});
      pos_ = i + 1;
      return true;
    }
    // Slow path: valid UTF-8 without escapes is still used in place; otherwise decode.
    bool decoded = false;
    std::size_t out_start = tape_.strings.size();
    auto switch_to_decoded = [&](std::size_t upto) {
      if (decoded) return;
      decoded = true;
      out_start = tape_.strings.size();
      tape_.strings.append(in_.data() + open + 1, upto - open - 1);
    };
    std::size_t run = i;  // start of text not yet copied (decoded mode)
    while (i < n) {
      const auto u = static_cast<unsigned char>(in_[i]);
      if (u == '"') break;
      if (u < 0x20) {
        return fail_bool(i, "a control character (" + describe(in_[i]) + ") must be escaped in a string");
      }
      if (u < 0x80 && u != '\\') {
        ++i;
        continue;
      }
      if (u >= 0x80) {
        std::size_t j = i;
        const char32_t cp = decode_utf8(in_, j);
        const bool bad = cp == replacement_char && !(j - i == 3 && in_.substr(i, 3) == "\xEF\xBF\xBD");
        if (!bad) {
          i = j;
          continue;
        }
        switch_to_decoded(run);
        if (decoded && run != i) tape_.strings.append(in_.data() + run, i - run);
        append_utf8(replacement_char, tape_.strings);
        ++tape_.invalid_utf8;
        i = j;
        run = i;
        continue;
      }
      // An escape.
      switch_to_decoded(run);
      if (run != i) tape_.strings.append(in_.data() + run, i - run);
      if (i + 1 == n) return fail_eof("an escape sequence");
      const char e = in_[i + 1];
      switch (e) {
        case '"': tape_.strings += '"'; break;
        case '\\': tape_.strings += '\\'; break;
        case '/': tape_.strings += '/'; break;
        case 'b': tape_.strings += '\b'; break;
        case 'f': tape_.strings += '\f'; break;
        case 'n': tape_.strings += '\n'; break;
        case 'r': tape_.strings += '\r'; break;
        case 't': tape_.strings += '\t'; break;
        case 'u': {
          const long hi = read_hex4(i + 2);
          if (hi < 0) return false;
          auto cp = static_cast<char32_t>(hi);
          std::size_t used = 6;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            // A high surrogate pairs with an immediately following \uDC00-\uDFFF.
            long lo = -1;
            if (i + 7 < n && in_[i + 6] == '\\' && in_[i + 7] == 'u') {
              lo = read_hex4(i + 8);
              if (lo < 0) return false;
            }
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(lo) - 0xDC00);
              used = 12;
            } else {
              cp = replacement_char;
              ++tape_.lone_surrogates;
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = replacement_char;
            ++tape_.lone_surrogates;
          }
          if (cp != 0) append_utf8(cp, tape_.strings);  // a NUL is never text
          i += used;
          run = i;
          continue;
        }
        default:
          std::string why = "invalid escape sequence '\\?' in a string";
          why[26] = e;
          return fail_bool(i, std::move(why));
      }
      i += 2;
      run = i;
    }
    if (i == n) {
      return fail_bool(n, "unexpected end of input: the string opened at offset " + std::to_string(open) +
                              " is not closed");
    }
    if (decoded) {
      if (run != i) tape_.strings.append(in_.data() + run, i - run);
      tape_.tokens.push_back({kind, true, out_start, tape_.strings.size() - out_start});
    } else {
      tape_.tokens.push_back({kind, false, open + 1, i - open - 1});
    }
    pos_ = i + 1;
    return true;
  }

  std::string_view in_;
  const limits& lim_;
  std::size_t pos_ = 0;
  json_tape tape_;
  std::vector<std::size_t> open_;  // tape indices of the open containers
  error err_;
};

}  // namespace

result<json_tape> parse_json(std::string_view input, const limits& lim) { return parser(input, lim).run(); }

}  // namespace quarry::detail
