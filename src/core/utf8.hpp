// UTF-8, UTF-16 and legacy 8-bit text: validation, repair and conversion to UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace quarry::detail {

inline constexpr char32_t replacement_char = 0xFFFD;

/// Appends the UTF-8 encoding of `cp` (surrogates and values past U+10FFFF become U+FFFD).
void append_utf8(char32_t cp, std::string& out);

/// Decodes one code point at `s[i]`, advancing `i`. Invalid or truncated sequences yield U+FFFD and
/// advance by one byte (the WHATWG "maximal subpart" rule is approximated by one byte).
char32_t decode_utf8(std::string_view s, std::size_t& i) noexcept;

/// Length of the longest prefix of `s` that is valid UTF-8.
std::size_t valid_utf8_prefix(std::string_view s) noexcept;

/// True when the whole of `s` is valid UTF-8.
inline bool is_valid_utf8(std::string_view s) noexcept { return valid_utf8_prefix(s) == s.size(); }

/// Appends `s` with invalid sequences replaced by U+FFFD; returns how many were replaced.
std::size_t append_utf8_sanitized(std::string_view s, std::string& out);

/// The largest n <= s.size() such that s[0, n) does not end inside a multi-byte sequence.
std::size_t utf8_boundary(std::string_view s, std::size_t n) noexcept;

/// The code point of one Windows-1252 byte (0x80–0x9F hold the typographic characters; the
/// five unassigned bytes stay C1 controls, as WHATWG decodes them).
char32_t windows1252_char(unsigned char byte) noexcept;

/// The length of `s` without a multi-byte sequence that is cut off at its end (a piece of a
/// stream whose next piece holds the rest).
std::size_t utf8_complete_prefix(std::string_view s) noexcept;

/// Text encodings we convert from.
enum class encoding : std::uint8_t { utf8, utf16le, utf16be, windows1252, latin1 };

/// The WHATWG name of an encoding, e.g. "utf-16le" (the `encoding` metadata value).
std::string_view encoding_name(encoding e) noexcept;

/// The encoding named by a charset label (WHATWG labels: "utf-8", "latin1", "cp1252", "utf-16le"...).
/// Returns false for labels we do not know.
bool encoding_from_label(std::string_view label, encoding& out) noexcept;

/// The encoding given by a byte order mark at the start of `bytes`, and the BOM's length (0 if none).
std::size_t detect_bom(std::string_view bytes, encoding& out) noexcept;

/// Guesses UTF-16 without a BOM from the pattern of zero bytes; returns false when it does not look
/// like UTF-16.
bool guess_utf16(std::string_view bytes, encoding& out) noexcept;

/// Converts `bytes` in `enc` to UTF-8, appending to `out`; returns the number of invalid sequences
/// replaced by U+FFFD (an odd trailing byte of UTF-16 counts as one).
std::size_t convert_to_utf8(std::string_view bytes, encoding enc, std::string& out);

/// The bytes of a span as a string_view (no copy).
inline std::string_view as_chars(std::span<const std::byte> bytes) noexcept {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace quarry::detail
