// Which encoding an HTML document is in: a byte order mark, else a <meta> charset declaration in
// the first 1024 bytes (the WHATWG prescan, simplified: other tags' attributes are not skipped), else UTF-16 by its zero bytes, else UTF-8
// when the bytes are valid UTF-8, else Windows-1252.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/utf8.hpp"

namespace quarry::detail::html {

/// How the encoding was decided.
enum class charset_source : std::uint8_t { bom, meta, utf16_guess, valid_utf8, fallback };

/// The outcome of charset detection.
struct charset_result {
  encoding enc = encoding::utf8;
  std::size_t bom_length = 0;              ///< bytes to skip at the start
  charset_source source = charset_source::fallback;
  bool validated = false;                  ///< UTF-8 and already checked valid as a whole
  std::string unsupported_label;           ///< a declared charset we cannot decode (e.g. "shift_jis")
};

/// Detects the encoding of a whole document.
[[nodiscard]] charset_result detect_charset(std::string_view bytes);

/// The charset label declared by a <meta> element in `head` (the first 1024 bytes are read), lower
/// case, or empty. Labels are returned whether or not we support them.
[[nodiscard]] std::string prescan_meta_charset(std::string_view head);

/// The label from a Content-Type-like value ("text/html; charset=utf-8"), or empty.
[[nodiscard]] std::string_view charset_from_content(std::string_view content) noexcept;

/// The length of the longest valid UTF-8 prefix of `s`, skipping ASCII eight bytes at a time.
[[nodiscard]] std::size_t valid_utf8_prefix_fast(std::string_view s) noexcept;


}  // namespace quarry::detail::html
