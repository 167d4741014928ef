// A strict RFC 8259 JSON parser that flattens a document into a tape of tokens (no tree, no
// recursion: an explicit stack of open containers), validating everything before anything is
// rendered, so invalid JSON is an error with the exact byte offset of its first fault.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quarry/quarry.hpp"

namespace quarry::detail {

/// What a tape token is.
enum class json_kind : std::uint8_t {
  object_begin,  ///< `end` = index of its object_end
  object_end,
  array_begin,   ///< `end` = index of its array_end
  array_end,
  key,           ///< an object member's name; the member's value follows
  string,
  number,        ///< as written in the input
  true_value,
  false_value,
  null_value,
};

/// One token. Text (keys, strings, numbers) is `length` bytes at `offset` in the input, or in
/// json_tape::strings when `decoded` (strings with escapes or repaired UTF-8).
struct json_token {
  json_kind kind;
  bool decoded = false;
  std::size_t offset = 0;  ///< text position; for containers the byte offset of the bracket
  std::size_t length = 0;  ///< text length; for *_begin the index of the matching *_end
};

/// A parsed document. Several top-level values (JSON Lines / NDJSON: values separated by line
/// breaks) are allowed; `values` counts them.
struct json_tape {
  std::vector<json_token> tokens;
  std::string strings;            ///< decoded text of strings that needed it
  std::size_t values = 0;         ///< top-level values
  std::uint64_t value_count = 0;  ///< every value, nested ones included
  std::uint64_t key_count = 0;
  std::size_t max_depth = 0;
  std::size_t invalid_utf8 = 0;     ///< byte sequences replaced by U+FFFD
  std::size_t lone_surrogates = 0;  ///< \u escapes of unpaired surrogates replaced by U+FFFD

  /// The text of a key, string or number token.
  [[nodiscard]] std::string_view text(std::string_view input, const json_token& t) const noexcept {
    return (t.decoded ? std::string_view(strings) : input).substr(t.offset, t.length);
  }
};

/// Parses `input` (UTF-8; a leading BOM is skipped). Errors: CORRUPT with the offset of the first
/// byte that cannot belong to valid JSON (the input's length when it ends too early), and
/// LIMIT_EXCEEDED past `max_depth` nested containers or `max_entries` values.
[[nodiscard]] result<json_tape> parse_json(std::string_view input, const limits& lim);

}  // namespace quarry::detail
