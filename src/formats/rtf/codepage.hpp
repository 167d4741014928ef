// How RTF text bytes become characters: the document's code page (\ansi, \ansicpgN, \mac...),
// each font's charset (\fcharsetN) or code page (\cpgN), and the Symbol font's own layout.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/utf8.hpp"

namespace quarry::detail::rtf {

/// How the bytes of one font (or of the document) are decoded.
struct byte_decoder {
  enum class kind : std::uint8_t {
    single,        ///< a single-byte code page (`enc`)
    utf8,          ///< code page 65001
    double_byte,   ///< 932/936/949/950/1361: no tables here, each character becomes U+FFFD
    symbol,        ///< the Symbol font (Greek letters, math and the list bullet)
    pictographs,   ///< another symbol-charset font (Wingdings...): private-use code points
    unsupported,   ///< a code page we cannot decode: bytes above 0x7F become U+FFFD
  };
  kind how = kind::single;
  encoding enc = encoding::windows1252;
  std::uint16_t codepage = 1252;
};

/// The Windows code page of a font charset (\fcharsetN); 0 when the charset means "the
/// document's code page" (DEFAULT_CHARSET) or is unknown. SYMBOL_CHARSET (2) is not a code page
/// and also gives 0; callers check it first.
unsigned codepage_of_charset(int charset) noexcept;

/// The charset number of the symbol fonts.
inline constexpr int symbol_charset = 2;

/// The decoder of a code page; `how` is `unsupported` for code pages we have no table for.
byte_decoder decoder_for_codepage(unsigned codepage) noexcept;

/// The character of one byte in a single-byte encoding (ASCII below 0x80).
char32_t single_byte(encoding enc, unsigned char byte) noexcept;

/// The character of a byte in the Symbol font (Adobe's Symbol encoding); U+FFFD where the font
/// has no character.
char32_t symbol_char(unsigned char byte) noexcept;

/// True when `byte` starts a two-byte character in double-byte code page `codepage`.
bool is_lead_byte(unsigned codepage, unsigned char byte) noexcept;

}  // namespace quarry::detail::rtf
