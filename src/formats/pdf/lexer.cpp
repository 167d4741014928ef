#include "formats/pdf/lexer.hpp"

namespace quarry::detail::pdf {

namespace {

int hex_value(unsigned char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_regular(unsigned char c) noexcept { return !is_pdf_space(c) && !is_pdf_delimiter(c); }

}  // namespace

void lexer::skip_space() noexcept {
  while (pos_ < data_.size()) {
    const auto c = static_cast<unsigned char>(data_[pos_]);
    if (is_pdf_space(c)) {
      ++pos_;
    } else if (c == '%') {
      while (pos_ < data_.size() && data_[pos_] != '\n' && data_[pos_] != '\r') ++pos_;
    } else {
      break;
    }
  }
}

void lexer::literal_string(std::string& pool) {
  // pos_ is just past '('. Parentheses nest; backslash escapes (§7.3.4.2).
  int depth = 1;
  while (pos_ < data_.size()) {
    char c = data_[pos_++];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) return;
    } else if (c == '\\') {
      if (pos_ >= data_.size()) return;
      c = data_[pos_++];
      switch (c) {
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case '\r':  // a line continuation
          if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
          continue;
        case '\n':
          continue;
        default:
          if (c >= '0' && c <= '7') {
            int v = c - '0';
            for (int k = 0; k < 2 && pos_ < data_.size() && data_[pos_] >= '0' && data_[pos_] <= '7'; ++k) {
              v = v * 8 + (data_[pos_++] - '0');
            }
            c = static_cast<char>(v & 0xFF);
          }
          break;  // \( \) \\ and unknown escapes: the character itself
      }
    } else if (c == '\r') {
      // An end-of-line inside a string is one '\n' (§7.3.4.2).
      if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
      c = '\n';
    }
    pool.push_back(c);
  }
}

void lexer::hex_string(std::string& pool) {
  // pos_ is just past '<'.
  int high = -1;
  while (pos_ < data_.size()) {
    const auto c = static_cast<unsigned char>(data_[pos_++]);
    if (c == '>') break;
    const int v = hex_value(c);
    if (v < 0) continue;  // white space, or garbage
    if (high < 0) {
      high = v;
    } else {
      pool.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  if (high >= 0) pool.push_back(static_cast<char>(high * 16));
}

token lexer::next(std::string& pool) {
  for (;;) {
    skip_space();
    token t;
    if (pos_ >= data_.size()) return t;
    const auto c = static_cast<unsigned char>(data_[pos_]);
    t.off = static_cast<std::uint32_t>(pool.size());
    switch (c) {
      case '[': ++pos_; t.kind = token_kind::array_open; return t;
      case ']': ++pos_; t.kind = token_kind::array_close; return t;
      case '(':
        ++pos_;
        literal_string(pool);
        t.kind = token_kind::string;
        t.len = static_cast<std::uint32_t>(pool.size() - t.off);
        return t;
      case '<':
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '<') {
          pos_ += 2;
          t.kind = token_kind::dict_open;
          return t;
        }
        ++pos_;
        hex_string(pool);
        t.kind = token_kind::string;
        t.len = static_cast<std::uint32_t>(pool.size() - t.off);
        return t;
      case '>':
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '>') {
          pos_ += 2;
          t.kind = token_kind::dict_close;
          return t;
        }
        ++pos_;  // stray '>'
        continue;
      case ')': case '{': case '}':
        ++pos_;  // stray delimiters, and PostScript procedure braces we do not run
        continue;
      case '/': {
        ++pos_;
        while (pos_ < data_.size() && is_regular(static_cast<unsigned char>(data_[pos_]))) {
          const char ch = data_[pos_++];
          if (ch == '#' && pos_ + 1 < data_.size()) {
            const int h = hex_value(static_cast<unsigned char>(data_[pos_]));
            const int l = hex_value(static_cast<unsigned char>(data_[pos_ + 1]));
            if (h >= 0 && l >= 0) {
              pool.push_back(static_cast<char>(h * 16 + l));
              pos_ += 2;
              continue;
            }
          }
          pool.push_back(ch);
        }
        t.kind = token_kind::name;
        t.len = static_cast<std::uint32_t>(pool.size() - t.off);
        return t;
      }
      default:
        break;
    }
    // A number, or a keyword.
    const std::size_t start = pos_;
    while (pos_ < data_.size() && is_regular(static_cast<unsigned char>(data_[pos_]))) ++pos_;
    const std::string_view word = data_.substr(start, pos_ - start);
    bool numeric = !word.empty();
    bool digits = false;
    for (char ch : word) {
      if (ch >= '0' && ch <= '9') digits = true;
      else if (ch != '+' && ch != '-' && ch != '.') numeric = false;
    }
    if (numeric && digits) {
      // Lenient: signs anywhere but the start and a second point are ignored, as readers do.
      double v = 0, scale = 0;
      bool negative = false;
      for (std::size_t i = 0; i < word.size(); ++i) {
        const char ch = word[i];
        if (ch == '-' && i == 0) negative = true;
        else if (ch == '.') { if (scale == 0) scale = 1; }
        else if (ch >= '0' && ch <= '9') {
          if (scale == 0) v = v * 10 + (ch - '0');
          else { scale /= 10; v += (ch - '0') * scale; }
        }
      }
      t.kind = token_kind::number;
      t.number = negative ? -v : v;
      return t;
    }
    pool.append(word);
    t.kind = token_kind::keyword;
    t.len = static_cast<std::uint32_t>(word.size());
    return t;
  }
}

void lexer::skip_inline_image() noexcept {
  // The data follows one white-space byte after ID and ends at "EI" standing alone between white
  // space (or the end). Binary data can hold such a pattern by chance; readers accept that risk.
  if (pos_ < data_.size()) ++pos_;
  while (pos_ + 1 < data_.size()) {
    const std::size_t at = data_.find("EI", pos_);
    if (at == std::string_view::npos) break;
    const bool before = at == 0 || is_pdf_space(static_cast<unsigned char>(data_[at - 1]));
    const bool after = at + 2 >= data_.size() || is_pdf_space(static_cast<unsigned char>(data_[at + 2])) ||
                       is_pdf_delimiter(static_cast<unsigned char>(data_[at + 2]));
    pos_ = at + 2;
    if (before && after) return;
  }
  pos_ = data_.size();
}

}  // namespace quarry::detail::pdf
