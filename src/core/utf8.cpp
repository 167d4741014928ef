// Text encodings → UTF-8.
#include "core/utf8.hpp"

#include <array>

#include "core/json_text.hpp"

namespace quarry::detail {

void append_utf8(char32_t cp, std::string& out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = replacement_char;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// Length of the valid sequence starting at s[i], or 0 if invalid (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF).
std::size_t sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;  // overlong
    if (b0 == 0xED && b1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b1 > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

char32_t decode_utf8(std::string_view s, std::size_t& i) noexcept {
  const std::size_t n = sequence_length(s, i);
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto c = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  char32_t cp = replacement_char;
  switch (n) {
    case 1: cp = b0; break;
    case 2: cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | c(1); break;
    case 3: cp = (static_cast<char32_t>(b0 & 0x0F) << 12) | (c(1) << 6) | c(2); break;
    case 4: cp = (static_cast<char32_t>(b0 & 0x07) << 18) | (c(1) << 12) | (c(2) << 6) | c(3); break;
    default: break;
  }
  i += n ? n : 1;
  return cp;
}

std::size_t valid_utf8_prefix(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII, eight bytes at a time would need alignment care; bytes are enough here.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return i;
}

std::size_t append_utf8_sanitized(std::string_view s, std::string& out) {
  std::size_t replaced = 0;
  while (!s.empty()) {
    const std::size_t good = valid_utf8_prefix(s);
    out.append(s.data(), good);
    if (good == s.size()) break;
    append_utf8(replacement_char, out);
    ++replaced;
    s.remove_prefix(good + 1);
  }
  return replaced;
}

std::size_t utf8_boundary(std::string_view s, std::size_t n) noexcept {
  if (n >= s.size()) return s.size();
  // Step back over continuation bytes so s[n] starts a sequence.
  std::size_t k = n;
  while (k > 0 && n - k < 3 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80 ? n : k;
}

std::size_t utf8_complete_prefix(std::string_view s) noexcept {
  // Look back at most three bytes for the lead byte of the last sequence.
  const std::size_t n = s.size();
  for (std::size_t back = 1; back <= 4 && back <= n; ++back) {
    const auto c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    const std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Windows-1252 bytes 0x80..0x9F; the rest of the range maps to the same code point (Latin-1).
// 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned and map to C1 controls, as WHATWG does.
constexpr std::array<char16_t, 32> cp1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

char32_t windows1252_char(unsigned char byte) noexcept {
  return byte >= 0x80 && byte < 0xA0 ? cp1252_high[byte - 0x80] : byte;
}

namespace {
#include "charset_tables.inc"
constexpr auto first_table = static_cast<std::size_t>(encoding::ibm866);
static_assert(static_cast<std::size_t>(encoding::ibm850) + 1 - first_table == single_byte_encoding_count,
              "tools/gen_charsets.py and enum encoding list the same code pages");
}  // namespace

char32_t single_byte_char(encoding e, unsigned char byte) noexcept {
  if (byte < 0x80) return byte;
  switch (e) {
    case encoding::windows1252: return windows1252_char(byte);
    case encoding::latin1: return byte;
    case encoding::utf8:
    case encoding::utf16le:
    case encoding::utf16be: return replacement_char;
    default: return single_byte_upper[static_cast<std::size_t>(e) - first_table][byte - 0x80];
  }
}

bool encoding_from_codepage(unsigned codepage, encoding& out) noexcept {
  using enum encoding;
  switch (codepage) {
    case 437: out = ibm437; return true;
    case 850: out = ibm850; return true;
    case 866: out = ibm866; return true;
    case 874: out = windows874; return true;
    case 1200: out = utf16le; return true;
    case 1201: out = utf16be; return true;
    case 1250: out = windows1250; return true;
    case 1251: out = windows1251; return true;
    case 1252: out = windows1252; return true;
    case 1253: out = windows1253; return true;
    case 1254: out = windows1254; return true;
    case 1255: out = windows1255; return true;
    case 1256: out = windows1256; return true;
    case 1257: out = windows1257; return true;
    case 1258: out = windows1258; return true;
    case 10000: out = macintosh; return true;
    case 20127: out = windows1252; return true;  // US-ASCII
    case 20866: out = koi8_r; return true;
    case 21866: out = koi8_u; return true;
    case 28591: out = latin1; return true;
    case 28592: out = iso8859_2; return true;
    case 28593: out = iso8859_3; return true;
    case 28594: out = iso8859_4; return true;
    case 28595: out = iso8859_5; return true;
    case 28596: out = iso8859_6; return true;
    case 28597: out = iso8859_7; return true;
    case 28598: out = iso8859_8; return true;
    case 28599: out = windows1254; return true;
    case 28603: out = iso8859_13; return true;
    case 28605: out = iso8859_15; return true;
    case 65001: out = utf8; return true;
    default: return false;
  }
}

std::string_view encoding_name(encoding e) noexcept {
  switch (e) {
    case encoding::utf8: return "utf-8";
    case encoding::utf16le: return "utf-16le";
    case encoding::utf16be: return "utf-16be";
    case encoding::windows1252: return "windows-1252";
    case encoding::latin1: return "iso-8859-1";
    case encoding::ibm866: return "ibm866";
    case encoding::iso8859_2: return "iso-8859-2";
    case encoding::iso8859_3: return "iso-8859-3";
    case encoding::iso8859_4: return "iso-8859-4";
    case encoding::iso8859_5: return "iso-8859-5";
    case encoding::iso8859_6: return "iso-8859-6";
    case encoding::iso8859_7: return "iso-8859-7";
    case encoding::iso8859_8: return "iso-8859-8";
    case encoding::iso8859_10: return "iso-8859-10";
    case encoding::iso8859_13: return "iso-8859-13";
    case encoding::iso8859_14: return "iso-8859-14";
    case encoding::iso8859_15: return "iso-8859-15";
    case encoding::iso8859_16: return "iso-8859-16";
    case encoding::koi8_r: return "koi8-r";
    case encoding::koi8_u: return "koi8-u";
    case encoding::macintosh: return "macintosh";
    case encoding::windows874: return "windows-874";
    case encoding::windows1250: return "windows-1250";
    case encoding::windows1251: return "windows-1251";
    case encoding::windows1253: return "windows-1253";
    case encoding::windows1254: return "windows-1254";
    case encoding::windows1255: return "windows-1255";
    case encoding::windows1256: return "windows-1256";
    case encoding::windows1257: return "windows-1257";
    case encoding::windows1258: return "windows-1258";
    case encoding::ibm437: return "ibm437";
    case encoding::ibm850: return "ibm850";
  }
  return "utf-8";
}

bool encoding_from_label(std::string_view label, encoding& out) noexcept {
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t' || label.front() == '"' ||
                            label.front() == '\''))
    label.remove_prefix(1);
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t' || label.back() == '"' ||
                            label.back() == '\'' || label.back() == ';'))
    label.remove_suffix(1);
  struct entry {
    std::string_view label;
    encoding enc;
  };
  using enum encoding;
  // The WHATWG Encoding Standard's labels; like it, Latin-1 labels mean windows-1252 and ISO-8859-9
  // means windows-1254. IBM437/850 are not WHATWG encodings but ZIP names and RTF use them.
  static constexpr entry table[] = {
      {"utf-8", utf8}, {"utf8", utf8}, {"unicode-1-1-utf-8", utf8}, {"x-unicode20utf8", utf8},
      {"unicode11utf8", utf8}, {"unicode20utf8", utf8},
      {"utf-16le", utf16le}, {"utf-16", utf16le}, {"unicode", utf16le}, {"ucs-2", utf16le},
      {"csunicode", utf16le}, {"iso-10646-ucs-2", utf16le}, {"unicodefeff", utf16le},
      {"utf-16be", utf16be}, {"unicodefffe", utf16be},
      {"windows-1252", windows1252}, {"cp1252", windows1252}, {"x-cp1252", windows1252},
      {"iso-8859-1", windows1252}, {"iso8859-1", windows1252}, {"iso88591", windows1252},
      {"iso_8859-1", windows1252}, {"iso_8859-1:1987", windows1252}, {"latin1", windows1252},
      {"latin-1", windows1252}, {"l1", windows1252}, {"cp819", windows1252}, {"ibm819", windows1252},
      {"us-ascii", windows1252}, {"ascii", windows1252}, {"ansi_x3.4-1968", windows1252},
      {"iso-ir-100", windows1252}, {"csisolatin1", windows1252},
      {"ibm866", ibm866}, {"866", ibm866}, {"cp866", ibm866}, {"csibm866", ibm866},
      {"iso-8859-2", iso8859_2}, {"iso8859-2", iso8859_2}, {"iso88592", iso8859_2},
      {"iso_8859-2", iso8859_2}, {"iso_8859-2:1987", iso8859_2}, {"iso-ir-101", iso8859_2},
      {"csisolatin2", iso8859_2}, {"l2", iso8859_2}, {"latin2", iso8859_2},
      {"iso-8859-3", iso8859_3}, {"iso8859-3", iso8859_3}, {"iso88593", iso8859_3},
      {"iso_8859-3", iso8859_3}, {"iso_8859-3:1988", iso8859_3}, {"iso-ir-109", iso8859_3},
      {"csisolatin3", iso8859_3}, {"l3", iso8859_3}, {"latin3", iso8859_3},
      {"iso-8859-4", iso8859_4}, {"iso8859-4", iso8859_4}, {"iso88594", iso8859_4},
      {"iso_8859-4", iso8859_4}, {"iso_8859-4:1988", iso8859_4}, {"iso-ir-110", iso8859_4},
      {"csisolatin4", iso8859_4}, {"l4", iso8859_4}, {"latin4", iso8859_4},
      {"iso-8859-5", iso8859_5}, {"iso8859-5", iso8859_5}, {"iso88595", iso8859_5},
      {"iso_8859-5", iso8859_5}, {"iso_8859-5:1988", iso8859_5}, {"iso-ir-144", iso8859_5},
      {"csisolatincyrillic", iso8859_5}, {"cyrillic", iso8859_5},
      {"iso-8859-6", iso8859_6}, {"iso8859-6", iso8859_6}, {"iso88596", iso8859_6},
      {"iso_8859-6", iso8859_6}, {"iso_8859-6:1987", iso8859_6}, {"iso-ir-127", iso8859_6},
      {"iso-8859-6-e", iso8859_6}, {"iso-8859-6-i", iso8859_6}, {"csiso88596e", iso8859_6},
      {"csiso88596i", iso8859_6}, {"csisolatinarabic", iso8859_6}, {"arabic", iso8859_6},
      {"asmo-708", iso8859_6}, {"ecma-114", iso8859_6},
      {"iso-8859-7", iso8859_7}, {"iso8859-7", iso8859_7}, {"iso88597", iso8859_7},
      {"iso_8859-7", iso8859_7}, {"iso_8859-7:1987", iso8859_7}, {"iso-ir-126", iso8859_7},
      {"csisolatingreek", iso8859_7}, {"ecma-118", iso8859_7}, {"elot_928", iso8859_7},
      {"greek", iso8859_7}, {"greek8", iso8859_7}, {"sun_eu_greek", iso8859_7},
      {"iso-8859-8", iso8859_8}, {"iso8859-8", iso8859_8}, {"iso88598", iso8859_8},
      {"iso_8859-8", iso8859_8}, {"iso_8859-8:1988", iso8859_8}, {"iso-ir-138", iso8859_8},
      {"iso-8859-8-e", iso8859_8}, {"iso-8859-8-i", iso8859_8}, {"csiso88598e", iso8859_8},
      {"csiso88598i", iso8859_8}, {"csisolatinhebrew", iso8859_8}, {"hebrew", iso8859_8},
      {"visual", iso8859_8}, {"logical", iso8859_8},
      {"iso-8859-10", iso8859_10}, {"iso8859-10", iso8859_10}, {"iso885910", iso8859_10},
      {"iso-ir-157", iso8859_10}, {"csisolatin6", iso8859_10}, {"l6", iso8859_10}, {"latin6", iso8859_10},
      {"iso-8859-13", iso8859_13}, {"iso8859-13", iso8859_13}, {"iso885913", iso8859_13},
      {"iso-8859-14", iso8859_14}, {"iso8859-14", iso8859_14}, {"iso885914", iso8859_14},
      {"iso-8859-15", iso8859_15}, {"iso8859-15", iso8859_15}, {"iso885915", iso8859_15},
      {"iso_8859-15", iso8859_15}, {"csisolatin9", iso8859_15}, {"l9", iso8859_15},
      {"iso-8859-16", iso8859_16},
      {"koi8-r", koi8_r}, {"koi8_r", koi8_r}, {"koi8", koi8_r}, {"koi", koi8_r}, {"cskoi8r", koi8_r},
      {"koi8-u", koi8_u}, {"koi8-ru", koi8_u},
      {"macintosh", macintosh}, {"mac", macintosh}, {"x-mac-roman", macintosh}, {"csmacintosh", macintosh},
      {"windows-874", windows874}, {"dos-874", windows874}, {"iso-8859-11", windows874},
      {"iso8859-11", windows874}, {"iso885911", windows874}, {"tis-620", windows874},
      {"windows-1250", windows1250}, {"cp1250", windows1250}, {"x-cp1250", windows1250},
      {"windows-1251", windows1251}, {"cp1251", windows1251}, {"x-cp1251", windows1251},
      {"windows-1253", windows1253}, {"cp1253", windows1253}, {"x-cp1253", windows1253},
      {"windows-1254", windows1254}, {"cp1254", windows1254}, {"x-cp1254", windows1254},
      {"iso-8859-9", windows1254}, {"iso8859-9", windows1254}, {"iso88599", windows1254},
      {"iso_8859-9", windows1254}, {"iso_8859-9:1989", windows1254}, {"iso-ir-148", windows1254},
      {"csisolatin5", windows1254}, {"l5", windows1254}, {"latin5", windows1254},
      {"windows-1255", windows1255}, {"cp1255", windows1255}, {"x-cp1255", windows1255},
      {"windows-1256", windows1256}, {"cp1256", windows1256}, {"x-cp1256", windows1256},
      {"windows-1257", windows1257}, {"cp1257", windows1257}, {"x-cp1257", windows1257},
      {"windows-1258", windows1258}, {"cp1258", windows1258}, {"x-cp1258", windows1258},
      {"ibm437", ibm437}, {"cp437", ibm437}, {"437", ibm437}, {"cspc8codepage437", ibm437},
      {"ibm850", ibm850}, {"cp850", ibm850}, {"850", ibm850}, {"cspc850multilingual", ibm850},
  };
  for (const auto& e : table) {
    if (iequals(label, e.label)) {
      out = e.enc;
      return true;
    }
  }
  return false;
}

std::size_t detect_bom(std::string_view b, encoding& out) noexcept {
  if (b.size() >= 3 && b.substr(0, 3) == "\xEF\xBB\xBF") {
    out = encoding::utf8;
    return 3;
  }
  if (b.size() >= 2 && b.substr(0, 2) == "\xFF\xFE") {
    out = encoding::utf16le;
    return 2;
  }
  if (b.size() >= 2 && b.substr(0, 2) == "\xFE\xFF") {
    out = encoding::utf16be;
    return 2;
  }
  return 0;
}

bool guess_utf16(std::string_view b, encoding& out) noexcept {
  // Mostly-Latin text in UTF-16 has a zero in every other byte. Look at up to 4 KB.
  const std::size_t n = std::min<std::size_t>(b.size(), 4096) & ~std::size_t{1};
  if (n < 4) return false;
  // Binary data has zero bytes too; text has few control characters (U+0000–U+001F but tab, line
  // feed, form feed and carriage return), so those count against each byte order.
  auto control = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && u != '\t' && u != '\n' && u != '\f' && u != '\r';
  };
  std::size_t zero_even = 0;
  std::size_t zero_odd = 0;
  std::size_t controls_le = 0;
  std::size_t controls_be = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    zero_even += b[i] == 0;
    zero_odd += b[i + 1] == 0;
    controls_le += b[i + 1] == 0 && control(b[i]);
    controls_be += b[i] == 0 && control(b[i + 1]);
  }
  const std::size_t units = n / 2;
  if (zero_odd * 10 >= units * 4 && zero_even * 20 <= units && controls_le * 10 <= units) {
    out = encoding::utf16le;
    return true;
  }
  if (zero_even * 10 >= units * 4 && zero_odd * 20 <= units && controls_be * 10 <= units) {
    out = encoding::utf16be;
    return true;
  }
  return false;
}

std::size_t convert_to_utf8(std::string_view b, encoding enc, std::string& out) {
  std::size_t replaced = 0;
  switch (enc) {
    case encoding::utf8: return append_utf8_sanitized(b, out);
    case encoding::latin1:
      for (char c : b) append_utf8(static_cast<unsigned char>(c), out);
      return 0;
    case encoding::windows1252:
      out.reserve(out.size() + b.size());
      for (char c : b) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80) out += c;
        else append_utf8(windows1252_char(u), out);
      }
      return 0;
    default:  // the other single-byte code pages
      out.reserve(out.size() + b.size());
      for (char c : b) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80) {
          out += c;
          continue;
        }
        const char32_t cp = single_byte_char(enc, u);
        replaced += cp == replacement_char ? 1 : 0;
        append_utf8(cp, out);
      }
      return replaced;
    case encoding::utf16le:
    case encoding::utf16be: {
      const bool le = enc == encoding::utf16le;
      out.reserve(out.size() + b.size());
      auto unit = [&](std::size_t i) -> char32_t {
        const auto lo = static_cast<unsigned char>(b[le ? i : i + 1]);
        const auto hi = static_cast<unsigned char>(b[le ? i + 1 : i]);
        return static_cast<char32_t>(hi << 8 | lo);
      };
      std::size_t i = 0;
      for (; i + 1 < b.size(); i += 2) {
        char32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF) {
          if (i + 3 < b.size()) {
            const char32_t u2 = unit(i + 2);
            if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
              append_utf8(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00), out);
              i += 2;
              continue;
            }
          }
          u = replacement_char;
          ++replaced;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
          u = replacement_char;
          ++replaced;
        }
        append_utf8(u, out);
      }
      if (i < b.size()) {
        append_utf8(replacement_char, out);
        ++replaced;
      }
      return replaced;
    }
  }
  return replaced;
}

void append_json_string(std::string_view s, std::string& out) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t start = i;
      const char32_t cp = decode_utf8(s, i);
      if (cp == replacement_char && !(i - start == 3 && s.substr(start, 3) == "\xEF\xBF\xBD")) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(s.data() + start, i - start);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace quarry::detail
