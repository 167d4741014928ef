// The PDF token syntax of content streams and CMaps (PDF 32000-1 §7.2–7.3): numbers, strings,
// names, keywords, array and dictionary brackets. Decoded bytes of strings and names go to a pool
// the caller owns and clears, so lexing allocates nothing once the pool has grown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quarry::detail::pdf {

/// What a token is.
enum class token_kind : std::uint8_t {
  eof,
  number,
  string,       ///< literal or hex string; bytes in the pool
  name,         ///< without the slash, #xx decoded; bytes in the pool
  keyword,      ///< an operator or true/false/null; bytes in the pool
  array_open,
  array_close,
  dict_open,
  dict_close,
};

/// One token; string, name and keyword bytes are pool[off, off + len).
struct token {
  token_kind kind = token_kind::eof;
  double number = 0;
  std::uint32_t off = 0;
  std::uint32_t len = 0;
};

/// Reads tokens from a byte string. Malformed input never fails: stray bytes are skipped, an
/// unterminated string ends at the end of the data.
class lexer {
 public:
  explicit lexer(std::string_view data) noexcept : data_(data) {}

  /// The next token; appends decoded bytes to `pool` for strings, names and keywords.
  token next(std::string& pool);

  /// After the ID operator of an inline image: skips the image data and the EI that ends it.
  void skip_inline_image() noexcept;

  /// Byte offset of the next unread byte.
  [[nodiscard]] std::size_t position() const noexcept { return pos_; }

 private:
  void skip_space() noexcept;
  void literal_string(std::string& pool);
  void hex_string(std::string& pool);

  std::string_view data_;
  std::size_t pos_ = 0;
};

/// The text of a pooled token.
inline std::string_view token_text(const std::string& pool, const token& t) noexcept {
  return std::string_view(pool).substr(t.off, t.len);
}

/// True for PDF white-space bytes.
constexpr bool is_pdf_space(unsigned char c) noexcept {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

/// True for PDF delimiter bytes.
constexpr bool is_pdf_delimiter(unsigned char c) noexcept {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '/' || c == '%';
}

}  // namespace quarry::detail::pdf
