#include "formats/toml/toml_reader.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

// Warnings past this many say nothing new about a damaged file.
constexpr int max_warnings = 50;

bool is_ws(char c) noexcept { return c == ' ' || c == '\t'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool is_bare_key_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;  // TOML 1.1 allows Unicode letters; accept them all
}

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// What a bare token (no quotes, no brackets) is.
toml_kind classify(std::string_view t) noexcept {
  if (t == "true" || t == "false") return toml_kind::boolean;
  if (t.size() >= 10 && is_digit(t[0]) && is_digit(t[1]) && is_digit(t[2]) && is_digit(t[3]) && t[4] == '-') {
    return toml_kind::datetime;
  }
  if (t.size() >= 8 && is_digit(t[0]) && is_digit(t[1]) && t[2] == ':') return toml_kind::datetime;
  std::string_view n = t;
  if (!n.empty() && (n.front() == '+' || n.front() == '-')) n.remove_prefix(1);
  if (n == "inf" || n == "nan") return toml_kind::floating;
  if (n.size() > 2 && n[0] == '0' && (n[1] == 'x' || n[1] == 'o' || n[1] == 'b')) {
    const bool ok = std::all_of(n.begin() + 2, n.end(), [](char c) { return hex_digit(c) >= 0 || c == '_'; });
    return ok ? toml_kind::integer : toml_kind::bare;
  }
  if (n.empty() || !is_digit(n.front())) return toml_kind::bare;
  bool fraction = false;
  for (char c : n) {
    if (is_digit(c) || c == '_') continue;
    if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
      fraction = true;
      continue;
    }
    return toml_kind::bare;
  }
  return fraction ? toml_kind::floating : toml_kind::integer;
}

class parser {
 public:
  parser(std::string_view src, toml_handler& h, const toml_limits& lim) : src_(src), h_(h), lim_(lim) {}

  status run();

 private:
  struct frame {
    std::size_t node;
    bool table;
    bool expect_value;  // after '[' / '{' / ',': a value (or the close) comes next
  };

  [[nodiscard]] bool halted() const noexcept { return stopped_ || failed_; }
  [[nodiscard]] bool at_eol() const noexcept {
    return i_ >= src_.size() || src_[i_] == '\n' || (src_[i_] == '\r' && (i_ + 1 >= src_.size() || src_[i_ + 1] == '\n'));
  }
  [[nodiscard]] bool at_comment_or_eol() const noexcept { return at_eol() || src_[i_] == '#'; }
  [[nodiscard]] std::size_t line_end(std::size_t p) const noexcept {
    const std::size_t nl = src_.find('\n', p);
    return nl == std::string_view::npos ? src_.size() : nl;
  }
  void skip_ws() noexcept {
    while (i_ < src_.size() && is_ws(src_[i_])) ++i_;
  }
  void next_line() noexcept {
    i_ = line_end(i_);
    if (i_ < src_.size()) ++i_;
  }
  std::size_t line_number(std::size_t offset);
  void warn(std::string_view code, std::size_t at, std::string_view what);
  bool count_node(std::size_t at);

  bool parse_key(std::string& out, std::size_t& parts);
  bool read_escape(std::string& out);
  bool read_basic(std::string& out);
  bool read_literal(std::string& out);
  bool read_multiline(std::string& out, char quote);
  void parse_value();
  std::size_t new_node(toml_kind kind);
  void scalar_value(bool statement_level);
  void invalid_line(std::size_t line_start);
  void header(std::size_t line_start);
  void key_value(std::size_t line_start);

  std::string_view src_;
  toml_handler& h_;
  toml_limits lim_;
  std::size_t i_ = 0;
  toml_value v_;
  std::vector<frame> stack_;
  std::string key_;
  std::string member_key_;
  bool member_key_pending_ = false;
  std::uint64_t nodes_ = 0;
  bool stopped_ = false;
  bool failed_ = false;
  error err_;
  int warnings_ = 0;
  std::size_t line_pos_ = 0;
  std::size_t line_no_ = 1;
};

std::size_t parser::line_number(std::size_t offset) {
  if (offset < line_pos_) {
    line_pos_ = 0;
    line_no_ = 1;
  }
  offset = std::min(offset, src_.size());
  line_no_ += static_cast<std::size_t>(std::count(src_.begin() + static_cast<std::ptrdiff_t>(line_pos_),
                                                  src_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  line_pos_ = offset;
  return line_no_;
}

void parser::warn(std::string_view code, std::size_t at, std::string_view what) {
  if (++warnings_ > max_warnings) return;
  h_.on_warning(code, "line " + std::to_string(line_number(at)) + ": " + std::string(what));
}

bool parser::count_node(std::size_t at) {
  if (++nodes_ <= lim_.max_nodes) return true;
  if (!failed_) {
    failed_ = true;
    err_ = error{error_code::limit_exceeded, at,
                 "TOML has more than limits.max_entries (" + std::to_string(lim_.max_nodes) + ") values"};
  }
  return false;
}

// A dotted key ("a.b", "site.\"google.com\"", 'x'); the parts are joined with '.', unquoted.
bool parser::parse_key(std::string& out, std::size_t& parts) {
  out.clear();
  parts = 0;
  for (;;) {
    skip_ws();
    if (i_ >= src_.size()) return false;
    const char c = src_[i_];
    if (c == '"') {
      if (!read_basic(out)) return false;
    } else if (c == '\'') {
      if (!read_literal(out)) return false;
    } else if (is_bare_key_char(c)) {
      const std::size_t s = i_;
      while (i_ < src_.size() && is_bare_key_char(src_[i_])) ++i_;
      out.append(src_.substr(s, i_ - s));
    } else {
      return false;
    }
    ++parts;
    skip_ws();
    if (i_ < src_.size() && src_[i_] == '.') {
      out += '.';
      ++i_;
      continue;
    }
    return true;
  }
}

// One escape; i_ is at the backslash.
bool parser::read_escape(std::string& out) {
  const std::size_t at = i_;
  ++i_;
  if (i_ >= src_.size()) return false;
  const char e = src_[i_++];
  int digits = 0;
  switch (e) {
    case 'b': out += '\b'; return true;
    case 't': out += '\t'; return true;
    case 'n': out += '\n'; return true;
    case 'f': out += '\f'; return true;
    case 'r': out += '\r'; return true;
    case 'e': out += '\x1b'; return true;
    case '"': out += '"'; return true;
    case '\\': out += '\\'; return true;
    case 'x': digits = 2; break;
    case 'u': digits = 4; break;
    case 'U': digits = 8; break;
    default:
      warn("toml_escape", at, "unknown escape sequence kept as written");
      out += '\\';
      out += e;
      return true;
  }
  char32_t cp = 0;
  int n = 0;
  for (; n < digits && i_ < src_.size() && hex_digit(src_[i_]) >= 0; ++n, ++i_) {
    cp = (cp << 4) | static_cast<char32_t>(hex_digit(src_[i_]));
  }
  if (n < digits) warn("toml_escape", at, "a truncated \\x, \\u or \\U escape");
  append_utf8(n < digits || cp == 0 ? replacement_char : cp, out);
  return true;
}

// "..." on one line; i_ at the opening quote. Unterminated: false, i_ at the line end.
bool parser::read_basic(std::string& out) {
  ++i_;
  while (i_ < src_.size()) {
    const char c = src_[i_];
    if (c == '"') {
      ++i_;
      return true;
    }
    if (c == '\n' || (c == '\r' && at_eol())) break;
    if (c == '\\') {
      if (!read_escape(out)) break;
      continue;
    }
    out += c;
    ++i_;
  }
  return false;
}

bool parser::read_literal(std::string& out) {
  ++i_;
  const std::size_t s = i_;
  while (i_ < src_.size() && src_[i_] != '\'' && !at_eol()) ++i_;
  out.append(src_.substr(s, i_ - s));
  if (i_ < src_.size() && src_[i_] == '\'') {
    ++i_;
    return true;
  }
  return false;
}

// """...""" or '''...'''; i_ at the first of the three quotes. Unterminated: reads to the end.
bool parser::read_multiline(std::string& out, char quote) {
  i_ += 3;
  // A line break right after the opening quotes is not part of the string.
  if (i_ < src_.size() && src_[i_] == '\r' && i_ + 1 < src_.size() && src_[i_ + 1] == '\n') i_ += 2;
  else if (i_ < src_.size() && src_[i_] == '\n') ++i_;
  while (i_ < src_.size()) {
    const char c = src_[i_];
    if (c == quote && i_ + 2 < src_.size() && src_[i_ + 1] == quote && src_[i_ + 2] == quote) {
      // Up to two more quotes right before the closing three belong to the content.
      std::size_t run = 3;
      while (run < 5 && i_ + run < src_.size() && src_[i_ + run] == quote) ++run;
      out.append(run - 3, quote);
      i_ += run;
      return true;
    }
    if (c == '\r' && i_ + 1 < src_.size() && src_[i_ + 1] == '\n') {
      ++i_;
      continue;
    }
    if (quote == '"' && c == '\\') {
      // A backslash ending a line joins it to the next non-blank text.
      std::size_t k = i_ + 1;
      while (k < src_.size() && is_ws(src_[k])) ++k;
      if (k < src_.size() && (src_[k] == '\n' || src_[k] == '\r')) {
        i_ = k;
        while (i_ < src_.size() && (is_ws(src_[i_]) || src_[i_] == '\n' || src_[i_] == '\r')) ++i_;
        continue;
      }
      read_escape(out);
      continue;
    }
    out += c;
    ++i_;
  }
  return false;
}

std::size_t parser::new_node(toml_kind kind) {
  if (!count_node(i_)) return toml_value::none;
  const std::size_t id = v_.nodes.size();
  v_.nodes.emplace_back();
  toml_value::node& n = v_.nodes.back();
  n.kind = kind;
  if (member_key_pending_) {
    n.key_begin = v_.text.size();
    v_.text.append(member_key_);
    n.key_size = member_key_.size();
    member_key_pending_ = false;
  }
  if (!stack_.empty()) {
    toml_value::node& parent = v_.nodes[stack_.back().node];
    if (parent.first == toml_value::none) parent.first = id;
    else v_.nodes[parent.last].next = id;
    parent.last = id;
  }
  return id;
}

// A string or bare value at i_. At the statement level, text that is no TOML value runs to the
// end of the line (so "name = John Smith" keeps both words).
void parser::scalar_value(bool statement_level) {
  const std::size_t at = i_;
  const char c = i_ < src_.size() ? src_[i_] : '\n';
  const std::size_t begin = v_.text.size();
  toml_kind kind = toml_kind::string;
  bool multiline = false;
  if (c == '"' || c == '\'') {
    const bool triple = i_ + 2 < src_.size() && src_[i_ + 1] == c && src_[i_ + 2] == c;
    bool ok = false;
    if (triple) {
      multiline = true;
      ok = read_multiline(v_.text, c);
    } else {
      ok = c == '"' ? read_basic(v_.text) : read_literal(v_.text);
    }
    if (!ok) warn("toml_unterminated_string", at, "a string has no closing quote; read to the line end");
  } else {
    std::size_t e = i_;
    while (e < src_.size()) {
      const char ch = src_[e];
      if (is_ws(ch) || ch == ',' || ch == ']' || ch == '}' || ch == '[' || ch == '{' || ch == '#' || ch == '\n' ||
          ch == '\r') {
        break;
      }
      ++e;
    }
    // "1979-05-27 07:32:00": a date and a time separated by a space.
    if (e - i_ == 10 && classify(src_.substr(i_, e - i_)) == toml_kind::datetime && e + 3 < src_.size() &&
        src_[e] == ' ' && is_digit(src_[e + 1]) && is_digit(src_[e + 2]) && src_[e + 3] == ':') {
      ++e;
      while (e < src_.size() && !is_ws(src_[e]) && src_[e] != ',' && src_[e] != ']' && src_[e] != '}' &&
             src_[e] != '#' && src_[e] != '\n' && src_[e] != '\r') {
        ++e;
      }
    }
    kind = classify(src_.substr(i_, e - i_));
    if (kind == toml_kind::bare) {
      if (statement_level) {
        e = line_end(i_);
        for (std::size_t k = i_; k < e; ++k) {
          if (src_[k] == '#' && (k == i_ || is_ws(src_[k - 1]))) {
            e = k;
            break;
          }
        }
        while (e > i_ && (is_ws(src_[e - 1]) || src_[e - 1] == '\r')) --e;
      }
      if (e == i_) warn("toml_syntax", at, "a key without a value");
      else warn("toml_syntax", at, "text that is not a TOML value was kept as written");
    }
    v_.text.append(src_.substr(i_, e - i_));
    i_ = e;
  }
  const std::size_t size = v_.text.size() - begin;  // before new_node() appends a member key
  const std::size_t id = new_node(kind);
  if (id == toml_value::none) return;
  v_.nodes[id].text_begin = begin;
  v_.nodes[id].text_size = size;
  v_.nodes[id].multiline = multiline;
}

void parser::parse_value() {
  v_.nodes.clear();
  v_.text.clear();
  stack_.clear();
  member_key_pending_ = false;
  bool mismatch_warned = false;
  for (;;) {
    if (halted()) return;
    if (!stack_.empty()) {
      // Inside an array or inline table: spaces, line breaks and comments separate values.
      while (i_ < src_.size()) {
        const char c = src_[i_];
        if (is_ws(c) || c == '\r') {
          ++i_;
        } else if (c == '\n') {
          v_.nodes[stack_.back().node].multiline = true;
          ++i_;
        } else if (c == '#') {
          i_ = line_end(i_);
        } else {
          break;
        }
      }
      if (i_ >= src_.size()) {
        warn("toml_unterminated", i_, "an array or inline table has no closing bracket");
        stack_.clear();
        return;
      }
      frame& f = stack_.back();
      const char c = src_[i_];
      if (c == ']' || c == '}') {
        if ((c == '}') != f.table && !mismatch_warned) {
          warn("toml_syntax", i_, "an array or inline table closed with the wrong bracket");
          mismatch_warned = true;
        }
        ++i_;
        stack_.pop_back();
        if (stack_.empty()) return;
        stack_.back().expect_value = false;
        continue;
      }
      if (c == ',') {
        if (f.expect_value) warn("toml_syntax", i_, "an empty value between commas");
        f.expect_value = true;
        ++i_;
        continue;
      }
      if (!f.expect_value) warn("toml_syntax", i_, "a missing ',' between values");
      f.expect_value = false;
      if (f.table) {
        std::size_t parts = 0;
        const std::size_t at = i_;
        if (!parse_key(member_key_, parts)) {
          warn("toml_syntax", at, "an inline table entry without a valid key");
          member_key_.clear();
          if (i_ == at) ++i_;  // always make progress
        }
        skip_ws();
        if (i_ < src_.size() && src_[i_] == '=') {
          ++i_;
          skip_ws();
        } else {
          warn("toml_syntax", at, "an inline table key without '='");
        }
        if (!count_node(at)) return;
        member_key_pending_ = true;
        if (i_ >= src_.size() || at_eol() || src_[i_] == ',' || src_[i_] == '}') {
          scalar_value(false);  // "{a = }": an empty bare value
          continue;
        }
      }
    }
    // A value starts here.
    const char c = i_ < src_.size() ? src_[i_] : '\n';
    if (c == '[' || c == '{') {
      if (stack_.size() + 1 > lim_.max_depth) {
        if (!failed_) {
          failed_ = true;
          err_ = error{error_code::limit_exceeded, i_,
                       "TOML nesting deeper than limits.max_depth (" + std::to_string(lim_.max_depth) + ")"};
        }
        return;
      }
      const std::size_t id = new_node(c == '[' ? toml_kind::array : toml_kind::table);
      if (id == toml_value::none) return;
      stack_.push_back({id, c == '{', true});
      ++i_;
      continue;
    }
    scalar_value(stack_.empty());
    if (stack_.empty()) return;
  }
}

void parser::invalid_line(std::size_t line_start) {
  std::size_t e = line_end(line_start);
  std::size_t s = line_start;
  while (s < e && is_ws(src_[s])) ++s;
  while (e > s && (is_ws(src_[e - 1]) || src_[e - 1] == '\r')) --e;
  warn("toml_syntax", line_start, "a line that is not TOML was kept as written");
  if (!h_.on_invalid_line(src_.substr(s, e - s))) stopped_ = true;
  i_ = line_end(line_start);
  if (i_ < src_.size()) ++i_;
}

void parser::header(std::size_t line_start) {
  const bool array = i_ + 1 < src_.size() && src_[i_ + 1] == '[';
  i_ += array ? 2 : 1;
  std::size_t parts = 0;
  if (!parse_key(key_, parts)) {
    invalid_line(line_start);
    return;
  }
  skip_ws();
  for (int k = array ? 2 : 1; k > 0; --k) {
    if (i_ < src_.size() && src_[i_] == ']') {
      ++i_;
    } else {
      warn("toml_syntax", i_, "a table header without its closing bracket");
      break;
    }
  }
  skip_ws();
  if (!at_comment_or_eol()) warn("toml_syntax", i_, "text after a table header was skipped");
  next_line();
  if (!count_node(line_start)) return;
  if (!h_.on_table(key_, parts, array)) stopped_ = true;
}

void parser::key_value(std::size_t line_start) {
  std::size_t parts = 0;
  if (!parse_key(key_, parts)) {
    invalid_line(line_start);
    return;
  }
  skip_ws();
  if (i_ >= src_.size() || src_[i_] != '=') {
    invalid_line(line_start);
    return;
  }
  ++i_;
  skip_ws();
  if (!count_node(line_start)) return;
  parse_value();
  if (halted()) return;
  skip_ws();
  if (!at_comment_or_eol()) warn("toml_syntax", i_, "text after a value was skipped");
  next_line();
  if (!h_.on_key_value(key_, v_)) stopped_ = true;
}

status parser::run() {
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  while (i_ < src_.size() && !halted()) {
    const std::size_t line_start = i_;
    skip_ws();
    if (at_comment_or_eol()) {
      next_line();
      continue;
    }
    if (src_[i_] == '[') header(line_start);
    else key_value(line_start);
  }
  if (failed_) return err_;
  return std::monostate{};
}

}  // namespace

status parse_toml(std::string_view text, toml_handler& handler, const toml_limits& limits) {
  parser p(text, handler, limits);
  return p.run();
}

}  // namespace quarry::detail
