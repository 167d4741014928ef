// MIME charset labels (Content-Type charset=, RFC 2047 and RFC 2231) to the encodings core/utf8
// converts. Mail mislabels often: no label or "us-ascii" with 8-bit bytes is read as UTF-8 when
// the bytes are valid UTF-8, else as Windows-1252; a label we cannot decode (Shift_JIS, GB2312...)
// is treated the same way and reported, so the caller can warn once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/utf8.hpp"

namespace quarry::detail::eml {

/// The encoding chosen for some bytes.
struct charset_choice {
  encoding enc = encoding::utf8;
  std::size_t bom = 0;  ///< a byte order mark to skip (UTF-16 and UTF-8 bodies)
  bool known = true;    ///< false: the label names an encoding we cannot decode
  bool declared = false;  ///< a BOM or a usable label decided (not a guess from the bytes)
};

/// Chooses how to decode `bytes` that `label` describes (quotes, blanks and an RFC 2231
/// "*language" suffix are ignored).
[[nodiscard]] charset_choice choose_charset(std::string_view label, std::string_view bytes) noexcept;

/// Appends `bytes` (without the BOM the choice found) converted to UTF-8; returns the number of
/// invalid sequences replaced by U+FFFD.
std::size_t append_converted(std::string_view bytes, const charset_choice& choice, std::string& out);

}  // namespace quarry::detail::eml
