// The RTF tokenizer: groups, control words, control symbols, hex escapes and runs of text.
// It knows nothing of what words mean, except \bin, whose binary data it must step over so that
// braces inside the data are never taken for groups.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quarry::detail::rtf {

/// What the lexer found.
enum class token_kind : std::uint8_t {
  end,          ///< the input is exhausted
  group_open,   ///< '{'
  group_close,  ///< '}'
  word,         ///< a control word: `text` is its name, `param` its parameter when `has_param`
  symbol,       ///< a control symbol: '\' and one non-letter, in `sym` (a line end becomes '\n')
  hex,          ///< "\'hh": one byte of text in the current code page, in `byte`
  text,         ///< a run of literal text bytes in `text` (never '\', '{', '}', CR or LF)
  binary,       ///< "\binN": `text` holds the N bytes that follow (fewer when the input ends)
};

/// One token. Views point into the input.
struct token {
  token_kind kind = token_kind::end;
  bool has_param = false;
  char sym = 0;
  unsigned char byte = 0;
  std::int32_t param = 0;  ///< clamped to the int32 range
  std::string_view text;
};

/// Splits RTF into tokens, left to right, in one pass with no allocation.
class lexer {
 public:
  explicit lexer(std::string_view input) noexcept : in_(input) {}

  /// The next token; `end` once the input is exhausted. Line ends outside control symbols are
  /// skipped (RTF ignores them).
  token next() noexcept;

  /// Steps over the rest of the current group, through its closing brace, without decoding it
  /// (pictures, objects, destinations we do not read). Returns false when the input ends first.
  bool skip_group() noexcept;

  /// The byte offset of the next token.
  [[nodiscard]] std::size_t offset() const noexcept { return pos_; }

  /// True once a \bin announced more bytes than the input holds.
  [[nodiscard]] bool binary_truncated() const noexcept { return binary_truncated_; }

 private:
  token control() noexcept;
  // Reads an optional signed decimal parameter at pos_; returns false when there is none.
  bool read_param(std::int32_t& value) noexcept;
  std::string_view take_binary(std::int32_t count) noexcept;

  std::string_view in_;
  std::size_t pos_ = 0;
  bool binary_truncated_ = false;
};

}  // namespace quarry::detail::rtf
