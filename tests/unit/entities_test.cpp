// WHATWG named and numeric character references.
#include <gtest/gtest.h>

#include <climits>
#include <string>

#include "core/entities.hpp"

using quarry::detail::match_named_reference;
using quarry::detail::numeric_reference_value;

namespace {

struct match {
  std::size_t length = 0;
  char32_t first = 0;
  char32_t second = 0;
};

match named(std::string_view s) {
  match m;
  m.first = 0xDEAD;
  m.second = 0xBEEF;
  m.length = match_named_reference(s, m.first, m.second);
  return m;
}

}  // namespace

TEST(NamedReferences, CommonOnes) {
  auto m = named("amp;");
  EXPECT_EQ(m.length, 4u);
  EXPECT_EQ(m.first, U'&');
  EXPECT_EQ(m.second, 0u);
  m = named("lt;rest");
  EXPECT_EQ(m.length, 3u);
  EXPECT_EQ(m.first, U'<');
  m = named("nbsp; x");
  EXPECT_EQ(m.length, 5u);
  EXPECT_EQ(m.first, U'\u00A0');
  m = named("eacute;");
  EXPECT_EQ(m.first, U'\u00E9');
  m = named("hellip;");
  EXPECT_EQ(m.first, U'\u2026');
}

TEST(NamedReferences, NamesAreCaseSensitive) {
  EXPECT_EQ(named("Eacute;").first, U'\u00C9');
  EXPECT_EQ(named("eacute;").first, U'\u00E9');
  EXPECT_EQ(named("AMP;").first, U'&');
  EXPECT_EQ(named("Amp;").length, 0u);
}

TEST(NamedReferences, LongestMatchWins) {
  // "notin;" is a name, and so is the legacy "not": the longest match is taken.
  auto m = named("notin;");
  EXPECT_EQ(m.length, 6u);
  EXPECT_EQ(m.first, U'\u2209');
  // "notit;" is not a name: fall back to the legacy "not" and leave "it;".
  m = named("notit;");
  EXPECT_EQ(m.length, 3u);
  EXPECT_EQ(m.first, U'\u00AC');
  // The same prefix without ';' after the full name.
  m = named("notin");
  EXPECT_EQ(m.length, 3u);
  EXPECT_EQ(m.first, U'\u00AC');
}

TEST(NamedReferences, LegacyNamesWithoutSemicolon) {
  for (std::string_view s : {"amp", "lt", "gt", "quot", "copy", "reg", "nbsp", "eacute", "Aacute", "uuml", "yen"}) {
    SCOPED_TRACE(std::string(s));
    const auto m = named(std::string(s) + " and more");
    EXPECT_EQ(m.length, s.size());
  }
  EXPECT_EQ(named("ampere").length, 3u);  // "amp" then "ere"
  EXPECT_EQ(named("copyright").first, U'\u00A9');
}

TEST(NamedReferences, ModernNamesNeedTheSemicolon) {
  EXPECT_EQ(named("hellip").length, 0u);
  EXPECT_EQ(named("rarr x").length, 0u);
  EXPECT_EQ(named("rarr;").first, U'\u2192');
}

TEST(NamedReferences, TwoCodePoints) {
  auto m = named("NotEqualTilde;");
  EXPECT_EQ(m.length, 14u);
  EXPECT_EQ(m.first, U'\u2242');
  EXPECT_EQ(m.second, U'\u0338');
  m = named("ThickSpace;");
  EXPECT_EQ(m.first, U'\u205F');
  EXPECT_EQ(m.second, U'\u200A');
  m = named("fjlig;");
  EXPECT_EQ(m.first, U'f');
  EXPECT_EQ(m.second, U'j');
}

TEST(NamedReferences, TheLongestName) {
  const auto m = named("CounterClockwiseContourIntegral;");
  EXPECT_EQ(m.length, 32u);
  EXPECT_EQ(m.first, U'\u2233');
}

TEST(NamedReferences, NoMatch) {
  for (std::string_view s : {"", ";", "a", "bogus;", "#123;", " amp;", "xyzzy", "&amp;"}) {
    SCOPED_TRACE(std::string(s));
    const auto m = named(s);
    EXPECT_EQ(m.length, 0u);
    EXPECT_EQ(m.first, 0xDEADu);  // untouched
  }
  // A very long run of letters is not scanned past the longest name.
  EXPECT_EQ(named(std::string(10000, 'x')).length, 0u);
  EXPECT_EQ(named("amp" + std::string(10000, 'x')).length, 3u);
}

TEST(NumericReferences, OrdinaryValues) {
  EXPECT_EQ(numeric_reference_value(0x41), U'A');
  EXPECT_EQ(numeric_reference_value(0xE9), U'\u00E9');
  EXPECT_EQ(numeric_reference_value(0x1F600), U'\U0001F600');
  EXPECT_EQ(numeric_reference_value(0x10FFFF), U'\U0010FFFF');
  EXPECT_EQ(numeric_reference_value(0xFFFE), U'\uFFFE');  // noncharacters are kept
  EXPECT_EQ(numeric_reference_value(0x09), U'\t');
}

TEST(NumericReferences, InvalidValuesBecomeReplacement) {
  EXPECT_EQ(numeric_reference_value(0), U'\uFFFD');
  EXPECT_EQ(numeric_reference_value(0xD800), U'\uFFFD');
  EXPECT_EQ(numeric_reference_value(0xDFFF), U'\uFFFD');
  EXPECT_EQ(numeric_reference_value(0x110000), U'\uFFFD');
  EXPECT_EQ(numeric_reference_value(0xFFFFFFFFull + 0x41), U'\uFFFD');  // no wrap-around to 'A'
  EXPECT_EQ(numeric_reference_value(ULLONG_MAX), U'\uFFFD');
}

TEST(NumericReferences, C1ControlsMapAsWindows1252) {
  EXPECT_EQ(numeric_reference_value(0x80), U'\u20AC');
  EXPECT_EQ(numeric_reference_value(0x92), U'\u2019');
  EXPECT_EQ(numeric_reference_value(0x9F), U'\u0178');
  EXPECT_EQ(numeric_reference_value(0x81), U'\u0081');  // unassigned in Windows-1252
  EXPECT_EQ(numeric_reference_value(0x7F), U'\u007F');
  EXPECT_EQ(numeric_reference_value(0xA0), U'\u00A0');
}
