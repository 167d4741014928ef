// Byte scanning eight bytes at a time (SWAR), for the long runs of text, attribute values and
// comments that make up most of a page. Portable C++ (no intrinsics), so WebAssembly gets it too.
#pragma once

#include <cstdint>
#include <cstring>

namespace quarry::detail::html {

inline constexpr std::uint64_t swar_ones = 0x0101010101010101ull;
inline constexpr std::uint64_t swar_highs = 0x8080808080808080ull;

/// Eight bytes at `p`, whatever their alignment.
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

/// Non-zero exactly when one of the eight bytes of `w` equals `c`.
inline std::uint64_t has_byte(std::uint64_t w, char c) noexcept {
  const std::uint64_t x = w ^ (swar_ones * static_cast<unsigned char>(c));
  return (x - swar_ones) & ~x & swar_highs;
}

/// The first byte in [p, end) equal to one of `Cs`, or `end`.
template <char... Cs>
const char* find_any(const char* p, const char* end) noexcept {
  while (end - p >= 8) {
    const std::uint64_t w = load8(p);
    if ((has_byte(w, Cs) | ...)) break;
    p += 8;
  }
  while (p < end && ((*p != Cs) && ...)) ++p;
  return p;
}

/// True for the HTML whitespace bytes: space, tab, LF, FF, CR.
inline bool is_html_space(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/// The first byte in [p, end) that is not HTML whitespace, or `end`. Runs of spaces (indentation)
/// go eight at a time.
inline const char* skip_space(const char* p, const char* end) noexcept {
  constexpr std::uint64_t spaces = 0x2020202020202020ull;
  while (true) {
    while (end - p >= 8 && load8(p) == spaces) p += 8;
    if (p < end && is_html_space(*p)) {
      ++p;
      continue;
    }
    return p;
  }
}

}  // namespace quarry::detail::html
