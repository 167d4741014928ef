// UTF-8 validation and repair (RFC 3629), UTF-16 and Windows-1252 conversion, BOMs and labels.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/utf8.hpp"

using namespace quarry::detail;
using namespace std::string_literals;

namespace {

std::string utf8_of(char32_t cp) {
  std::string s;
  append_utf8(cp, s);
  return s;
}

// Decodes the whole string, one code point per call.
std::vector<char32_t> decode_all(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t i = 0;
  while (i < s.size()) out.push_back(decode_utf8(s, i));
  return out;
}

std::string convert(std::string_view bytes, encoding enc, std::size_t* replaced = nullptr) {
  std::string out;
  const std::size_t r = convert_to_utf8(bytes, enc, out);
  if (replaced) *replaced = r;
  return out;
}

const std::string fffd = "\xEF\xBF\xBD";

}  // namespace

TEST(Utf8, EncodesEveryLength) {
  EXPECT_EQ(utf8_of(0), "\0"s);
  EXPECT_EQ(utf8_of(0x41), "A");
  EXPECT_EQ(utf8_of(0x7F), "\x7F");
  EXPECT_EQ(utf8_of(0x80), "\xC2\x80");
  EXPECT_EQ(utf8_of(0x7FF), "\xDF\xBF");
  EXPECT_EQ(utf8_of(0x800), "\xE0\xA0\x80");
  EXPECT_EQ(utf8_of(0x20AC), "\xE2\x82\xAC");
  EXPECT_EQ(utf8_of(0xFFFF), "\xEF\xBF\xBF");
  EXPECT_EQ(utf8_of(0x10000), "\xF0\x90\x80\x80");
  EXPECT_EQ(utf8_of(0x1F600), "\xF0\x9F\x98\x80");
  EXPECT_EQ(utf8_of(0x10FFFF), "\xF4\x8F\xBF\xBF");
}

TEST(Utf8, EncodingSurrogatesOrTooLargeGivesReplacement) {
  EXPECT_EQ(utf8_of(0xD800), fffd);
  EXPECT_EQ(utf8_of(0xDFFF), fffd);
  EXPECT_EQ(utf8_of(0x110000), fffd);
  EXPECT_EQ(utf8_of(0xFFFFFFFF), fffd);
}

TEST(Utf8, DecodeRoundTripsEveryBoundary) {
  for (char32_t cp : {0x0u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u, 0xFFFDu, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    const std::string s = utf8_of(cp);
    std::size_t i = 0;
    EXPECT_EQ(decode_utf8(s, i), cp);
    EXPECT_EQ(i, s.size());
    EXPECT_TRUE(is_valid_utf8(s));
  }
}

struct invalid_case {
  const char* name;
  std::string bytes;
};

TEST(Utf8, EveryInvalidSequenceClassIsRejected) {
  const std::vector<invalid_case> cases = {
      {"overlong 2-byte NUL", "\xC0\x80"},
      {"overlong 2-byte", "\xC1\xBF"},
      {"overlong 3-byte", "\xE0\x80\x80"},
      {"overlong 3-byte max", "\xE0\x9F\xBF"},
      {"overlong 4-byte", "\xF0\x80\x80\x80"},
      {"overlong 4-byte max", "\xF0\x8F\xBF\xBF"},
      {"high surrogate", "\xED\xA0\x80"},
      {"low surrogate", "\xED\xBF\xBF"},
      {"past U+10FFFF", "\xF4\x90\x80\x80"},
      {"F5 lead", "\xF5\x80\x80\x80"},
      {"F8 lead (5-byte form)", "\xF8\x88\x80\x80\x80"},
      {"FC lead (6-byte form)", "\xFC\x84\x80\x80\x80\x80"},
      {"FE", "\xFE"},
      {"FF", "\xFF"},
      {"truncated 2-byte", "\xC3"},
      {"truncated 3-byte", "\xE2\x82"},
      {"truncated 4-byte", "\xF0\x9F\x98"},
      {"lead then ASCII", "\xE2" "A"},
      {"stray continuation", "\x80"},
      {"stray continuation BF", "\xBF"},
      {"continuations after a complete sequence", "\xC3\xA9\x80"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_FALSE(is_valid_utf8(c.bytes));
    // Nothing invalid decodes to anything but U+FFFD, and decoding always advances.
    std::size_t i = 0;
    std::size_t steps = 0;
    bool any_replacement = false;
    while (i < c.bytes.size()) {
      const std::size_t before = i;
      const char32_t cp = decode_utf8(c.bytes, i);
      EXPECT_GT(i, before);
      any_replacement |= cp == replacement_char;
      ++steps;
    }
    EXPECT_TRUE(any_replacement);
    EXPECT_LE(steps, c.bytes.size());
  }
}

TEST(Utf8, InvalidBytesAdvanceOneAtATime) {
  EXPECT_EQ(decode_all("\xC0\x80" "A"), (std::vector<char32_t>{0xFFFD, 0xFFFD, 'A'}));
  EXPECT_EQ(decode_all("\xED\xA0\x80"), (std::vector<char32_t>{0xFFFD, 0xFFFD, 0xFFFD}));
  EXPECT_EQ(decode_all("a\xE2\x82\xAC" "b"), (std::vector<char32_t>{'a', 0x20AC, 'b'}));
}

TEST(Utf8, ValidPrefix) {
  EXPECT_EQ(valid_utf8_prefix(""), 0u);
  EXPECT_EQ(valid_utf8_prefix("abc"), 3u);
  EXPECT_EQ(valid_utf8_prefix("ab\xC3\xA9\xFF"), 4u);
  EXPECT_EQ(valid_utf8_prefix("ab\xE2\x82"), 2u);  // truncated at the end
  EXPECT_EQ(valid_utf8_prefix("\x80" "abc"), 0u);
}

TEST(Utf8, SanitizingReplacesEachBadByteAndKeepsTheRest) {
  std::string out = "keep:";
  EXPECT_EQ(append_utf8_sanitized("a\x80" "b\xC3\xA9" "c\xFF", out), 2u);
  EXPECT_EQ(out, "keep:a" + fffd + "b\xC3\xA9" "c" + fffd);
  out.clear();
  EXPECT_EQ(append_utf8_sanitized("\xF0\x9F\x98", out), 3u);  // truncated: one per byte
  EXPECT_EQ(out, fffd + fffd + fffd);
  EXPECT_TRUE(is_valid_utf8(out));
  out.clear();
  EXPECT_EQ(append_utf8_sanitized("plain \xE2\x82\xAC", out), 0u);
  EXPECT_EQ(out, "plain \xE2\x82\xAC");
  out.clear();
  EXPECT_EQ(append_utf8_sanitized("", out), 0u);
  EXPECT_EQ(out, "");
}

TEST(Utf8, BoundaryNeverSplitsASequence) {
  const std::string s = "a\xE2\x82\xAC\xF0\x9F\x98\x80" "b";  // a € 😀 b
  EXPECT_EQ(utf8_boundary(s, 0), 0u);
  EXPECT_EQ(utf8_boundary(s, 1), 1u);
  EXPECT_EQ(utf8_boundary(s, 2), 1u);
  EXPECT_EQ(utf8_boundary(s, 3), 1u);
  EXPECT_EQ(utf8_boundary(s, 4), 4u);
  EXPECT_EQ(utf8_boundary(s, 5), 4u);
  EXPECT_EQ(utf8_boundary(s, 7), 4u);
  EXPECT_EQ(utf8_boundary(s, 8), 8u);
  EXPECT_EQ(utf8_boundary(s, 9), 9u);
  EXPECT_EQ(utf8_boundary(s, 100), s.size());
  // Every cut of a valid string leaves two valid halves.
  for (std::size_t n = 0; n <= s.size(); ++n) {
    const std::size_t k = utf8_boundary(s, n);
    EXPECT_LE(k, n);
    EXPECT_TRUE(is_valid_utf8(s.substr(0, k)));
    EXPECT_TRUE(is_valid_utf8(s.substr(k)));
  }
}

TEST(Utf8, BoundaryInInvalidTextStillMakesProgress) {
  const std::string s(10, '\x80');  // continuation bytes only: no boundary to find
  EXPECT_EQ(utf8_boundary(s, 5), 5u);
}

TEST(Utf8, Bom) {
  encoding e = encoding::latin1;
  EXPECT_EQ(detect_bom("\xEF\xBB\xBFx", e), 3u);
  EXPECT_EQ(e, encoding::utf8);
  EXPECT_EQ(detect_bom("\xFF\xFEx\0"s, e), 2u);
  EXPECT_EQ(e, encoding::utf16le);
  EXPECT_EQ(detect_bom("\xFE\xFF\0x"s, e), 2u);
  EXPECT_EQ(e, encoding::utf16be);
  e = encoding::latin1;
  EXPECT_EQ(detect_bom("abc", e), 0u);
  EXPECT_EQ(detect_bom("\xEF\xBB", e), 0u);
  EXPECT_EQ(detect_bom("", e), 0u);
  EXPECT_EQ(e, encoding::latin1);  // untouched when there is none
}

TEST(Utf16, LittleAndBigEndian) {
  EXPECT_EQ(convert("h\0i\0"s, encoding::utf16le), "hi");
  EXPECT_EQ(convert("\0h\0i"s, encoding::utf16be), "hi");
  EXPECT_EQ(convert("\xAC\x20"s, encoding::utf16le), "\xE2\x82\xAC");
  EXPECT_EQ(convert("\x20\xAC"s, encoding::utf16be), "\xE2\x82\xAC");
}

TEST(Utf16, SurrogatePairs) {
  std::size_t bad = 99;
  EXPECT_EQ(convert("\x3D\xD8\x00\xDE"s, encoding::utf16le, &bad), "\xF0\x9F\x98\x80");
  EXPECT_EQ(bad, 0u);
  EXPECT_EQ(convert("\xD8\x3D\xDE\x00"s, encoding::utf16be, &bad), "\xF0\x9F\x98\x80");
  EXPECT_EQ(bad, 0u);
  EXPECT_EQ(convert("\xFF\xDB\xFF\xDF"s, encoding::utf16le), "\xF4\x8F\xBF\xBF");  // U+10FFFF
}

TEST(Utf16, LoneSurrogatesBecomeReplacements) {
  std::size_t bad = 0;
  // High surrogate then a letter: the letter survives.
  EXPECT_EQ(convert("\x3D\xD8" "A\0"s, encoding::utf16le, &bad), fffd + "A");
  EXPECT_EQ(bad, 1u);
  // High surrogate at the very end.
  EXPECT_EQ(convert("A\0\x3D\xD8"s, encoding::utf16le, &bad), "A" + fffd);
  EXPECT_EQ(bad, 1u);
  // Low surrogate alone.
  EXPECT_EQ(convert("\x00\xDE" "B\0"s, encoding::utf16le, &bad), fffd + "B");
  EXPECT_EQ(bad, 1u);
  // Two high surrogates then a low one: the second pairs.
  EXPECT_EQ(convert("\xD8\x3D\xD8\x3D\xDE\x00"s, encoding::utf16be, &bad), fffd + "\xF0\x9F\x98\x80");
  EXPECT_EQ(bad, 1u);
}

TEST(Utf16, OddLength) {
  std::size_t bad = 0;
  EXPECT_EQ(convert("A\0B"s, encoding::utf16le, &bad), "A" + fffd);
  EXPECT_EQ(bad, 1u);
  EXPECT_EQ(convert("X"s, encoding::utf16be, &bad), fffd);
  EXPECT_EQ(bad, 1u);
  EXPECT_EQ(convert(""s, encoding::utf16be, &bad), "");
  EXPECT_EQ(bad, 0u);
}

TEST(Utf16, GuessWithoutBom) {
  encoding e = encoding::utf8;
  EXPECT_TRUE(guess_utf16("H\0e\0l\0l\0o\0"s, e));
  EXPECT_EQ(e, encoding::utf16le);
  EXPECT_TRUE(guess_utf16("\0H\0e\0l\0l\0o"s, e));
  EXPECT_EQ(e, encoding::utf16be);
  EXPECT_FALSE(guess_utf16("Hello, world", e));
  EXPECT_FALSE(guess_utf16("H\0"s, e));   // too short to tell
  EXPECT_FALSE(guess_utf16(std::string(64, '\0'), e));  // zeros everywhere is not text
  // Zero bytes in the right places, but the characters they make are control codes: binary.
  EXPECT_FALSE(guess_utf16("\0\x01\0\x02\0\x03\0\x04"s, e));
  EXPECT_FALSE(guess_utf16("\x01\0\x02\0\x03\0\x04\0"s, e));
  EXPECT_TRUE(guess_utf16("a\0\t\0b\0\r\0\n\0"s, e));  // tabs and line ends are text
}

TEST(Windows1252, HighControlRange) {
  EXPECT_EQ(windows1252_char(0x80), U'\u20AC');
  EXPECT_EQ(windows1252_char(0x82), U'\u201A');
  EXPECT_EQ(windows1252_char(0x85), U'\u2026');
  EXPECT_EQ(windows1252_char(0x8A), U'\u0160');
  EXPECT_EQ(windows1252_char(0x93), U'\u201C');
  EXPECT_EQ(windows1252_char(0x94), U'\u201D');
  EXPECT_EQ(windows1252_char(0x96), U'\u2013');
  EXPECT_EQ(windows1252_char(0x97), U'\u2014');
  EXPECT_EQ(windows1252_char(0x99), U'\u2122');
  EXPECT_EQ(windows1252_char(0x9F), U'\u0178');
  // The five unassigned bytes stay C1 controls, as WHATWG decodes them.
  for (int b : {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
    EXPECT_EQ(windows1252_char(static_cast<unsigned char>(b)), static_cast<char32_t>(b));
  }
  // Outside 0x80–0x9F it is Latin-1.
  EXPECT_EQ(windows1252_char('A'), U'A');
  EXPECT_EQ(windows1252_char(0xA0), U'\u00A0');
  EXPECT_EQ(windows1252_char(0xE9), U'\u00E9');
  EXPECT_EQ(windows1252_char(0xFF), U'\u00FF');
}

TEST(Windows1252, ConvertsToValidUtf8) {
  EXPECT_EQ(convert("\x93quoted\x94 caf\xE9 \x80" "5", encoding::windows1252),
            "\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9 \xE2\x82\xAC" "5");
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  std::size_t bad = 99;
  const std::string out = convert(all, encoding::windows1252, &bad);
  EXPECT_EQ(bad, 0u);
  EXPECT_TRUE(is_valid_utf8(out));
  EXPECT_EQ(decode_all(out).size(), 256u);
}

TEST(Latin1, EveryByteIsItsCodePoint) {
  const std::string out = convert("\x80\xE9", encoding::latin1);
  EXPECT_EQ(out, "\xC2\x80\xC3\xA9");
}

TEST(Utf8Convert, Utf8IsSanitized) {
  std::size_t bad = 0;
  EXPECT_EQ(convert("ok\xFF", encoding::utf8, &bad), "ok" + fffd);
  EXPECT_EQ(bad, 1u);
}

TEST(EncodingLabels, WhatwgLabels) {
  struct label_case {
    std::string_view label;
    encoding expected;
  };
  const label_case cases[] = {
      {"utf-8", encoding::utf8},         {"UTF-8", encoding::utf8},
      {"utf8", encoding::utf8},          {" \"utf-8\" ", encoding::utf8},
      {"'UTF8';", encoding::utf8},       {"unicode-1-1-utf-8", encoding::utf8},
      {"utf-16", encoding::utf16le},     {"UTF-16LE", encoding::utf16le},
      {"ucs-2", encoding::utf16le},      {"utf-16be", encoding::utf16be},
      {"windows-1252", encoding::windows1252}, {"CP1252", encoding::windows1252},
      {"iso-8859-1", encoding::windows1252},   {"ISO_8859-1", encoding::windows1252},
      {"latin1", encoding::windows1252}, {"us-ascii", encoding::windows1252},
      {"ascii", encoding::windows1252},  {"l1", encoding::windows1252},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.label));
    encoding e = encoding::latin1;
    EXPECT_TRUE(encoding_from_label(c.label, e));
    EXPECT_EQ(e, c.expected);
  }
  encoding e = encoding::latin1;
  EXPECT_FALSE(encoding_from_label("shift_jis", e));
  EXPECT_FALSE(encoding_from_label("", e));
  EXPECT_FALSE(encoding_from_label("utf-8x", e));
  EXPECT_FALSE(encoding_from_label("\"\"", e));
  EXPECT_EQ(e, encoding::latin1);
}

TEST(Utf8, AsCharsIsAView) {
  const std::byte bytes[] = {std::byte{'h'}, std::byte{'i'}};
  const std::string_view v = as_chars(bytes);
  EXPECT_EQ(v, "hi");
  EXPECT_EQ(static_cast<const void*>(v.data()), static_cast<const void*>(bytes));
}

// ---- single-byte code pages (tables generated from Python's codecs) ------------------------------

TEST(Charsets, LabelsNameTheWhatwgEncodings) {
  using quarry::detail::encoding;
  const std::pair<std::string_view, encoding> cases[] = {
      {"ISO-8859-2", encoding::iso8859_2}, {"latin2", encoding::iso8859_2},   {"KOI8-R", encoding::koi8_r},
      {"cp1251", encoding::windows1251},   {"iso-8859-9", encoding::windows1254}, {"tis-620", encoding::windows874},
      {"iso-8859-15", encoding::iso8859_15}, {"x-mac-roman", encoding::macintosh}, {"IBM437", encoding::ibm437},
      {" \"windows-1256\" ", encoding::windows1256}, {"latin1", encoding::windows1252}};
  for (const auto& [label, expected] : cases) {
    encoding e = encoding::utf8;
    ASSERT_TRUE(quarry::detail::encoding_from_label(label, e)) << label;
    EXPECT_EQ(e, expected) << label;
  }
  encoding e = encoding::utf8;
  EXPECT_FALSE(quarry::detail::encoding_from_label("shift_jis", e));
  EXPECT_EQ(quarry::detail::encoding_name(encoding::koi8_u), "koi8-u");
}

TEST(Charsets, DecodesTheUpperHalf) {
  using quarry::detail::encoding;
  auto decode = [](std::string_view bytes, encoding e) {
    std::string out;
    const std::size_t replaced = quarry::detail::convert_to_utf8(bytes, e, out);
    return std::pair{out, replaced};
  };
  EXPECT_EQ(decode("\xCF\xF0\xE8\xE2\xE5\xF2", encoding::windows1251).first, "Привет");
  EXPECT_EQ(decode("\xF0\xD2\xC9\xD7\xC5\xD4", encoding::koi8_r).first, "Привет");
  EXPECT_EQ(decode("\x9F\xE1\xE5", encoding::ibm437).first, "ƒßσ");
  EXPECT_EQ(decode("Za\xBF\xF3\xB3\xE6", encoding::iso8859_2).first, "Zażółć");
  EXPECT_EQ(decode("\xA4", encoding::iso8859_15).first, "€");
  EXPECT_EQ(decode("\xE0\xFA", encoding::windows1255).first, "את");
  // Unassigned: C1 control in a Windows code page, U+FFFD (counted) elsewhere.
  EXPECT_EQ(decode("\x81", encoding::windows1250), (std::pair<std::string, std::size_t>{"\xC2\x81", 0}));
  EXPECT_EQ(decode("\xA1", encoding::iso8859_3).first, "Ħ");
  EXPECT_EQ(decode("\xA5", encoding::iso8859_3), (std::pair<std::string, std::size_t>{"\xEF\xBF\xBD", 1}));
}

TEST(Charsets, CodePageNumbers) {
  using quarry::detail::encoding;
  encoding e = encoding::utf8;
  ASSERT_TRUE(quarry::detail::encoding_from_codepage(1250, e));
  EXPECT_EQ(e, encoding::windows1250);
  ASSERT_TRUE(quarry::detail::encoding_from_codepage(437, e));
  EXPECT_EQ(e, encoding::ibm437);
  ASSERT_TRUE(quarry::detail::encoding_from_codepage(65001, e));
  EXPECT_EQ(e, encoding::utf8);
  EXPECT_FALSE(quarry::detail::encoding_from_codepage(932, e));
  EXPECT_EQ(quarry::detail::single_byte_char(encoding::macintosh, 0x8A), U'ä');
  EXPECT_EQ(quarry::detail::single_byte_char(encoding::windows1257, 'A'), U'A');
}
