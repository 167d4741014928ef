#include "formats/rtf/codepage.hpp"

#include <array>

namespace quarry::detail::rtf {

unsigned codepage_of_charset(int charset) noexcept {
  // The charset numbers of Windows' CreateFont (wingdi.h), as the RTF specification lists them.
  switch (charset) {
    case 0: return 1252;    // ANSI
    case 77: return 10000;  // Mac Roman
    case 128: return 932;   // Shift JIS
    case 129: return 949;   // Hangul
    case 130: return 1361;  // Johab
    case 134: return 936;   // GB2312 / GBK
    case 136: return 950;   // Big5
    case 161: return 1253;  // Greek
    case 162: return 1254;  // Turkish
    case 163: return 1258;  // Vietnamese
    case 177: return 1255;  // Hebrew
    case 178: return 1256;  // Arabic
    case 186: return 1257;  // Baltic
    case 204: return 1251;  // Cyrillic
    case 222: return 874;   // Thai
    case 238: return 1250;  // Eastern European
    case 254: return 437;   // PC 437
    case 255: return 850;   // OEM
    default: return 0;      // 1 (DEFAULT_CHARSET) and unknown numbers
  }
}

byte_decoder decoder_for_codepage(unsigned codepage) noexcept {
  byte_decoder d;
  d.codepage = static_cast<std::uint16_t>(codepage > 0xFFFF ? 0 : codepage);
  switch (codepage) {
    case 932: case 936: case 949: case 950: case 1361:
      d.how = byte_decoder::kind::double_byte;
      return d;
    default:
      break;
  }
  encoding enc = encoding::windows1252;
  if (!encoding_from_codepage(codepage, enc)) {
    d.how = byte_decoder::kind::unsupported;
  } else if (enc == encoding::utf8) {
    d.how = byte_decoder::kind::utf8;
  } else if (!is_single_byte(enc)) {
    d.how = byte_decoder::kind::unsupported;  // UTF-16 code pages cannot carry RTF's 8-bit text
  } else {
    d.enc = enc;
  }
  return d;
}

char32_t single_byte(encoding enc, unsigned char byte) noexcept { return single_byte_char(enc, byte); }

namespace {

// Adobe's Symbol encoding from 0x20 (0 where the font has no character). Bytes 0x20-0x7E that are
// not listed keep their ASCII meaning.
constexpr std::array<char16_t, 224> symbol_table = [] {
  std::array<char16_t, 224> t{};
  for (unsigned b = 0x20; b < 0x7F; ++b) t[b - 0x20] = static_cast<char16_t>(b);
  const auto set = [&t](unsigned b, char16_t cp) { t[b - 0x20] = cp; };
  set(0x22, 0x2200); set(0x24, 0x2203); set(0x27, 0x220B); set(0x2A, 0x2217); set(0x2D, 0x2212);
  set(0x40, 0x2245); set(0x5C, 0x2234); set(0x5E, 0x22A5); set(0x60, 0x203E); set(0x7E, 0x223C);
  // Greek, in the order of the Latin letters that share their keys.
  constexpr char16_t upper[26] = {0x391, 0x392, 0x3A7, 0x394, 0x395, 0x3A6, 0x393, 0x397, 0x399,
                                  0x3D1, 0x39A, 0x39B, 0x39C, 0x39D, 0x39F, 0x3A0, 0x398, 0x3A1,
                                  0x3A3, 0x3A4, 0x3A5, 0x3C2, 0x3A9, 0x39E, 0x3A8, 0x396};
  constexpr char16_t lower[26] = {0x3B1, 0x3B2, 0x3C7, 0x3B4, 0x3B5, 0x3C6, 0x3B3, 0x3B7, 0x3B9,
                                  0x3D5, 0x3BA, 0x3BB, 0x3BC, 0x3BD, 0x3BF, 0x3C0, 0x3B8, 0x3C1,
                                  0x3C3, 0x3C4, 0x3C5, 0x3D6, 0x3C9, 0x3BE, 0x3C8, 0x3B6};
  for (unsigned i = 0; i < 26; ++i) {
    set(0x41 + i, upper[i]);
    set(0x61 + i, lower[i]);
  }
  constexpr char16_t high[] = {
      0x20AC, 0x03D2, 0x2032, 0x2264, 0x2044, 0x221E, 0x0192, 0x2663,  // A0-A7
      0x2666, 0x2665, 0x2660, 0x2194, 0x2190, 0x2191, 0x2192, 0x2193,  // A8-AF
      0x00B0, 0x00B1, 0x2033, 0x2265, 0x00D7, 0x221D, 0x2202, 0x2022,  // B0-B7
      0x00F7, 0x2260, 0x2261, 0x2248, 0x2026, 0x23D0, 0x23AF, 0x21B5,  // B8-BF
      0x2135, 0x2111, 0x211C, 0x2118, 0x2297, 0x2295, 0x2205, 0x2229,  // C0-C7
      0x222A, 0x2283, 0x2287, 0x2284, 0x2282, 0x2286, 0x2208, 0x2209,  // C8-CF
      0x2220, 0x2207, 0x00AE, 0x00A9, 0x2122, 0x220F, 0x221A, 0x22C5,  // D0-D7
      0x00AC, 0x2227, 0x2228, 0x21D4, 0x21D0, 0x21D1, 0x21D2, 0x21D3,  // D8-DF
      0x25CA, 0x2329, 0x00AE, 0x00A9, 0x2122, 0x2211, 0x239B, 0x239C,  // E0-E7
      0x239D, 0x23A1, 0x23A2, 0x23A3, 0x23A7, 0x23A8, 0x23A9, 0x23AA,  // E8-EF
      0x0000, 0x232A, 0x222B, 0x2320, 0x23AE, 0x2321, 0x239E, 0x239F,  // F0-F7
      0x23A0, 0x23A4, 0x23A5, 0x23A6, 0x23AB, 0x23AC, 0x23AD, 0x0000,  // F8-FF
  };
  for (unsigned i = 0; i < 96; ++i) set(0xA0 + i, high[i]);
  return t;
}();

}  // namespace

char32_t symbol_char(unsigned char byte) noexcept {
  if (byte < 0x20) return byte;
  const char16_t c = symbol_table[byte - 0x20u];
  return c == 0 ? replacement_char : c;
}

bool is_lead_byte(unsigned codepage, unsigned char byte) noexcept {
  switch (codepage) {
    case 932: return (byte >= 0x81 && byte <= 0x9F) || (byte >= 0xE0 && byte <= 0xFC);
    case 1361: return (byte >= 0x84 && byte <= 0xD3) || (byte >= 0xD8 && byte <= 0xF9);
    default: return byte >= 0x81 && byte <= 0xFE;
  }
}

}  // namespace quarry::detail::rtf
