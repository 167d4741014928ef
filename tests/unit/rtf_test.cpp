// RTF: the lexer, text and special characters, Unicode and code pages, destinations, metadata,
// footnotes, fields, tables, lists, formatting in Markdown, limits and hostile input.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "formats/rtf/codepage.hpp"
#include "formats/rtf/field.hpp"
#include "formats/rtf/info.hpp"
#include "formats/rtf/lexer.hpp"
#include "quarry/quarry.hpp"

namespace {

using quarry::output_format;

quarry::result<quarry::document> run(std::string_view bytes, const quarry::options& opts = {}) {
  return quarry::extract(std::as_bytes(std::span(bytes.data(), bytes.size())), "rtf", opts);
}

quarry::document ok(std::string_view bytes, const quarry::options& opts = {}) {
  auto r = run(bytes, opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? std::move(r).value() : quarry::document{};
}

std::string text(std::string_view bytes) { return ok(bytes).content; }

quarry::options markdown() {
  quarry::options o;
  o.format = output_format::markdown;
  return o;
}

std::string md(std::string_view bytes) { return ok(bytes, markdown()).content; }

bool has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

const quarry::value* meta(const quarry::document& d, std::string_view key) { return d.metadata.find(key); }

std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

// ---- the lexer ----------------------------------------------------------------------------------

using quarry::detail::rtf::lexer;
using quarry::detail::rtf::token;
using quarry::detail::rtf::token_kind;

std::vector<token> tokens(std::string_view s) {
  lexer lx(s);
  std::vector<token> out;
  for (token t = lx.next(); t.kind != token_kind::end; t = lx.next()) out.push_back(t);
  return out;
}

TEST(RtfLexer, WordsParametersAndDelimiters) {
  const auto t = tokens("{\\b0 x\\fs-24y\\par\r\n\\u8217?}");
  ASSERT_EQ(t.size(), 9u);
  EXPECT_EQ(t[0].kind, token_kind::group_open);
  EXPECT_EQ(t[1].kind, token_kind::word);
  EXPECT_EQ(t[1].text, "b");
  EXPECT_TRUE(t[1].has_param);
  EXPECT_EQ(t[1].param, 0);
  EXPECT_EQ(t[2].text, "x");  // the space after "\b0" was its delimiter
  EXPECT_EQ(t[3].text, "fs");
  EXPECT_EQ(t[3].param, -24);
  EXPECT_EQ(t[4].text, "y");
  EXPECT_EQ(t[5].text, "par");
  EXPECT_FALSE(t[5].has_param);
  EXPECT_EQ(t[6].text, "u");  // the line end was skipped
  EXPECT_EQ(t[6].param, 8217);
  EXPECT_EQ(t[7].text, "?");
  EXPECT_EQ(t[8].kind, token_kind::group_close);
}

TEST(RtfLexer, SymbolsAndHex) {
  const auto t = tokens("\\'e9\\'zz\\{\\*\\\n\\~");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].kind, token_kind::hex);
  EXPECT_EQ(t[0].byte, 0xE9);
  EXPECT_EQ(t[1].kind, token_kind::symbol);  // a broken hex escape: the letters stay text
  EXPECT_EQ(t[1].sym, '\'');
  EXPECT_EQ(t[2].text, "zz");
  EXPECT_EQ(t[3].sym, '{');
  EXPECT_EQ(t[4].sym, '*');
  EXPECT_EQ(t[5].sym, '\n');
  EXPECT_EQ(t[6].sym, '~');
}

TEST(RtfLexer, HugeParametersSaturate) {
  const auto t = tokens("\\fs99999999999999999999 \\li-99999999999999");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].param, INT32_MAX);
  EXPECT_EQ(t[1].param, INT32_MIN);
}

TEST(RtfLexer, BinaryDataIsOneTokenAndMayHoldBraces) {
  const auto t = tokens("\\bin4 }{\\}x");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].kind, token_kind::binary);
  EXPECT_EQ(t[0].text, "}{\\}");
  EXPECT_EQ(t[1].text, "x");
  lexer huge("\\bin2000000000 abc");
  EXPECT_EQ(huge.next().text, "abc");
  EXPECT_TRUE(huge.binary_truncated());
  EXPECT_EQ(huge.next().kind, token_kind::end);
}

TEST(RtfLexer, SkipGroupStepsOverNestingEscapesAndBinary) {
  lexer lx("{a\\}b}\\{ \\bin3 }}}c}after");
  EXPECT_TRUE(lx.skip_group());
  EXPECT_EQ(lx.next().text, "after");
  lexer open("{{{");
  EXPECT_FALSE(open.skip_group());
}

// ---- text and characters ------------------------------------------------------------------------

TEST(Rtf, ParagraphsLinesAndTabs) {
  EXPECT_EQ(text("{\\rtf1\\ansi First\\par Second\\line broken\\tab tabbed\\par\\par\\par Last}"),
            "First\n\nSecond\nbroken\ttabbed\n\nLast");
  // Line ends in the source are not spaces; a backslash before one is \par.
  EXPECT_EQ(text("{\\rtf1 one\r\ntwo\\\r\nthree}"), "onetwo\n\nthree");
  EXPECT_EQ(text("{\\rtf1 page\\page section\\sect end}"), "page\n\nsection\n\nend");
}

TEST(Rtf, SpecialCharacters) {
  EXPECT_EQ(text("{\\rtf1 a\\emdash b\\endash c \\lquote q\\rquote  \\ldblquote d\\rdblquote  \\bullet}"),
            "a\u2014b\u2013c \u2018q\u2019 \u201Cd\u201D \u2022");
  EXPECT_EQ(text("{\\rtf1 non\\~break non\\_break opt\\-ional \\{braces\\} back\\\\slash}"),
            "non\u00A0break non-break optional {braces} back\\slash");
}

TEST(Rtf, LeadingSpacesOfAParagraphAreDropped) {
  EXPECT_EQ(text("{\\rtf1 {\\pard \\fi0  Duck\\par}{\\pard\\tab Goose\\par}}"), "Duck\n\nGoose");
}

TEST(Rtf, UnicodeWithSkipCounts) {
  EXPECT_EQ(text("{\\rtf1 it\\u8217's \\u8230 ?}"), "it\u2019s \u2026");            // \uc1: one fallback
  EXPECT_EQ(text("{\\rtf1 \\u8217\\'92s}"), "\u2019s");                               // a hex fallback
  EXPECT_EQ(text("{\\rtf1\\uc2 \\u12354\\'82\\'a0x}"), "\u3042x");                     // two bytes
  EXPECT_EQ(text("{\\rtf1\\uc0 \\u233 x}"), "\u00E9x");                               // none
  EXPECT_EQ(text("{\\rtf1 \\u-4064 ?}"), "\uF020");                                    // negative N
  EXPECT_EQ(text("{\\rtf1 \\u-10179 ?\\u-8704 ?}"), "\U0001F600");                     // a surrogate pair
  EXPECT_EQ(text("{\\rtf1 {\\uc3 \\u233}abc}"), "\u00E9abc");  // a group end ends the skip
  EXPECT_EQ(text("{\\rtf1 \\u-10179 ?x}"), "\uFFFDx");         // a lone surrogate
}

TEST(Rtf, HugeUnicodeSkipCountIsClamped) {
  // No writer puts more than a few bytes in a fallback; \uc1000000 must not swallow the text.
  EXPECT_EQ(text("{\\rtf1\\uc1000000 \\u233 0123456789abcdefghij}"), "\u00E9ghij");
  EXPECT_EQ(text("{\\rtf1\\uc-5 \\u233 x}"), "\u00E9x");
}

// ---- code pages ---------------------------------------------------------------------------------

TEST(Rtf, AnsiCodePageDecodesHexBytes) {
  EXPECT_EQ(text("{\\rtf1\\ansi caf\\'e9 \\'80}"), "caf\u00E9 \u20AC");
  EXPECT_EQ(text("{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2}"), "\u041F\u0440\u0438\u0432\u0435\u0442");
  EXPECT_EQ(text("{\\rtf1\\ansi\\ansicpg1250 \\'9a\\'e8}"), "\u0161\u010D");
  EXPECT_EQ(text("{\\rtf1\\mac \\'8e}"), "\u00E9");
  EXPECT_EQ(text("{\\rtf1\\pc \\'82}"), "\u00E9");
  // Literal 8-bit text bytes decode the same way.
  EXPECT_EQ(text("{\\rtf1\\ansi\\ansicpg1253 \xE1\xE2}"), "\u03B1\u03B2");
}

TEST(Rtf, FontCharsetChoosesTheCodePage) {
  const std::string doc =
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times;}{\\f1\\fcharset204 Cyr;}"
      "{\\f2\\fcharset161{\\*\\panose 0000}Greek;}{\\f3\\cpg1255 Hebrew;}}"
      "\\'e9 {\\f1\\'e9} {\\f2\\'e1} {\\f3\\'e0} \\'e9}";
  EXPECT_EQ(text(doc), "\u00E9 \u0439 \u03B1 \u05D0 \u00E9");
}

TEST(Rtf, FlatFontTableWithoutGroups) {
  EXPECT_EQ(text("{\\rtf1{\\fonttbl\\f0\\fcharset0 Arial;\\f1\\fcharset204 Cyr;}{\\f1\\'e9}\\'e9}"), "\u0439\u00E9");
}

TEST(Rtf, DefaultFontAppliesUntilAnotherIsChosen) {
  const std::string doc = "{\\rtf1\\deff1{\\fonttbl{\\f0\\fcharset0 A;}{\\f1\\fcharset204 C;}}\\'e9{\\f0\\'e9}\\plain\\'e9}";
  EXPECT_EQ(text(doc), "\u0439\u00E9\u0439");
}

TEST(Rtf, SymbolFontAndPictographs) {
  const std::string doc =
      "{\\rtf1{\\fonttbl{\\f0 Times;}{\\f1\\fcharset2 Symbol;}{\\f2\\fcharset2 Wingdings;}}"
      "{\\f1 a\\'b7p} {\\f1\\u-3913 ?} {\\f2\\'fc}}";
  EXPECT_EQ(text(doc), "\u03B1\u2022\u03C0 \u2022 \uF0FC");
}

TEST(Rtf, DoubleByteCodePagesBecomeReplacementCharactersWithOneWarning) {
  const auto d = ok("{\\rtf1\\ansi\\ansicpg932 a\\'82\\'a0b\\'82\\'a2c}");
  EXPECT_EQ(d.content, "a\uFFFDb\uFFFDc");
  EXPECT_TRUE(has_warning(d, "rtf_codepage"));
  EXPECT_EQ(d.warnings.size(), 1u);
}

TEST(Rtf, UnicodeWinsOverDoubleByteFallback) {
  const auto d = ok("{\\rtf1\\ansi\\ansicpg936\\uc2 \\u20013\\'d6\\'d0\\u25991\\'ce\\'c4}");
  EXPECT_EQ(d.content, "\u4E2D\u6587");
}

TEST(Rtf, Utf8CodePage) {
  EXPECT_EQ(text("{\\rtf1\\ansicpg65001 \\'c3\\'a9t\\'e9}"), "\u00E9t\uFFFD");
}

TEST(Rtf, UnknownSingleByteCodePageWarns) {
  const auto d = ok("{\\rtf1\\ansicpg1361 x\\'e9}");
  EXPECT_EQ(d.content, "x\uFFFD");
  EXPECT_TRUE(has_warning(d, "rtf_codepage"));
  const auto e = ok("{\\rtf1\\ansicpg737 x\\'e9}");
  EXPECT_EQ(e.content, "x\uFFFD");
  EXPECT_TRUE(has_warning(e, "rtf_codepage"));
}

TEST(RtfCodePage, CharsetsAndDecoders) {
  using namespace quarry::detail::rtf;
  EXPECT_EQ(codepage_of_charset(204), 1251u);
  EXPECT_EQ(codepage_of_charset(128), 932u);
  EXPECT_EQ(codepage_of_charset(1), 0u);
  EXPECT_EQ(decoder_for_codepage(1252).how, byte_decoder::kind::single);
  EXPECT_EQ(decoder_for_codepage(65001).how, byte_decoder::kind::utf8);
  EXPECT_EQ(decoder_for_codepage(950).how, byte_decoder::kind::double_byte);
  EXPECT_EQ(decoder_for_codepage(1200).how, byte_decoder::kind::unsupported);
  EXPECT_EQ(symbol_char('D'), U'\u0394');
  EXPECT_EQ(symbol_char(0xB7), U'\u2022');
  EXPECT_EQ(symbol_char(0x80), quarry::detail::replacement_char);
  EXPECT_TRUE(is_lead_byte(932, 0x82));
  EXPECT_FALSE(is_lead_byte(932, 0xA1));  // half-width katakana stand alone
}

// ---- destinations -------------------------------------------------------------------------------

TEST(Rtf, TablesOfTheHeaderAreSkipped) {
  const std::string doc =
      "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0\\green0\\blue0;}"
      "{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}{\\*\\listtable{\\list{\\listname L;}}}"
      "{\\*\\rsidtbl \\rsid1}{\\*\\themedata 0102}Body}";
  EXPECT_EQ(text(doc), "Body");
}

TEST(Rtf, UnknownStarredDestinationsAreSkippedKnownOnesRead) {
  EXPECT_EQ(text("{\\rtf1 a{\\*\\foo b{c}d}e{\\*\\shpinst{\\sp{\\sn x}{\\sv y}}{\\shptxt box}}}"), "aebox");
  EXPECT_EQ(text("{\\rtf1 a{\\*\\bkmkstart mark}b{\\*\\bkmkend mark}c}"), "abc");
}

TEST(Rtf, PicturesAndObjectsAreSkippedButTheirResultsRead) {
  const std::string hex = repeat("89504e47", 100000);  // 800 KB of picture data
  const std::string doc = "{\\rtf1 before{\\pict\\pngblip " + hex +
                          "}after{\\object{\\*\\objdata 01{}02}{\\result shown}}{\\nonshppict{\\pict 00}}.}";
  EXPECT_EQ(text(doc), "beforeaftershown.");
}

TEST(Rtf, BinaryDataIsSkipped) {
  EXPECT_EQ(text("{\\rtf1 a\\bin5 {}\\}}b}"), "ab");
  EXPECT_EQ(text("{\\rtf1 a{\\pict\\bin3 }}}}b}"), "ab");
}

TEST(Rtf, HugeBinaryCountStopsAtTheEndWithAWarning) {
  const auto d = ok("{\\rtf1 text\\bin999999999999 xyz}");
  EXPECT_EQ(d.content, "text");
  EXPECT_TRUE(has_warning(d, "rtf_truncated"));
  const auto e = ok("{\\rtf1 text\\bin-5 xyz}");
  EXPECT_EQ(e.content, "textxyz");
}

TEST(Rtf, UprReadsTheUnicodeVersion) {
  EXPECT_EQ(text("{\\rtf1 {\\upr{ansi version}{\\*\\ud{unicode \\u233?version}}}}"), "unicode \u00E9version");
}

TEST(Rtf, HiddenAndDeletedTextIsDropped) {
  EXPECT_EQ(text("{\\rtf1 shown{\\v  hidden}\\v  also\\v0  back{\\deleted  gone} end}"), "shown back end");
  // A hidden paragraph mark joins the paragraphs.
  EXPECT_EQ(text("{\\rtf1 one{\\v\\par}two}"), "onetwo");
}

TEST(Rtf, HeadersAndFootersOnlyWithTheOption) {
  const std::string doc =
      "{\\rtf1{\\header\\pard Head\\par}{\\footerl\\pard Foot \\chpgn\\par}Body\\par"
      "\\sect{\\header\\pard Head\\par}More}";
  EXPECT_EQ(text(doc), "Body\n\nMore");
  quarry::options o;
  o.include_headers_footers = true;
  EXPECT_EQ(ok(doc, o).content, "Body\n\nMore\n\nHead\n\nFoot");  // each distinct one once
}

TEST(Rtf, CommentsOnlyWithTheOption) {
  const std::string doc =
      "{\\rtf1 Text{\\*\\atnid AM}{\\*\\atnauthor Ada Marsh}\\chatn{\\*\\annotation{\\*\\atnref 1}"
      "{\\*\\atndate 1234}\\pard Check this.\\par} here.}";
  EXPECT_EQ(text(doc), "Text here.");
  quarry::options o;
  o.include_comments = true;
  EXPECT_EQ(ok(doc, o).content, "Text here.\n\nAda Marsh: Check this.");
}

// ---- metadata -----------------------------------------------------------------------------------

TEST(Rtf, InfoBecomesMetadata) {
  const std::string doc =
      "{\\rtf1\\ansi\\ansicpg1252{\\info{\\title Caf\\'e9 report}{\\subject Sales}{\\author Ann;Bob}"
      "{\\keywords a, b;c}{\\doccomm A draft}{\\operator Bob}{\\*\\company ACME}{\\category Q1}"
      "{\\manager Eve}{\\creatim\\yr2024\\mo10\\dy9\\hr12\\min43}{\\revtim\\yr2024\\mo10\\dy15\\hr11\\min34\\sec5}"
      "{\\printim\\yr2024\\mo1\\dy1}{\\version7}{\\nofpages2}{\\nofwords108}{\\nofchars620}{\\edmins3}}"
      "{\\*\\generator Microsoft Word 11;}Body}";
  const auto d = ok(doc);
  EXPECT_EQ(d.content, "Body");
  ASSERT_NE(meta(d, "title"), nullptr);
  EXPECT_EQ(meta(d, "title")->as_string(), "Caf\u00E9 report");
  EXPECT_EQ(meta(d, "subject")->as_string(), "Sales");
  ASSERT_NE(meta(d, "authors"), nullptr);
  ASSERT_EQ(meta(d, "authors")->size(), 2u);
  EXPECT_EQ(meta(d, "authors")->items()[1].as_string(), "Bob");
  ASSERT_EQ(meta(d, "keywords")->size(), 3u);
  EXPECT_EQ(meta(d, "keywords")->items()[2].as_string(), "c");
  EXPECT_EQ(meta(d, "description")->as_string(), "A draft");
  EXPECT_EQ(meta(d, "lastModifiedBy")->as_string(), "Bob");
  EXPECT_EQ(meta(d, "company")->as_string(), "ACME");
  EXPECT_EQ(meta(d, "category")->as_string(), "Q1");
  EXPECT_EQ(meta(d, "manager")->as_string(), "Eve");
  EXPECT_EQ(meta(d, "createdAt")->as_string(), "2024-10-09T12:43:00");
  EXPECT_EQ(meta(d, "modifiedAt")->as_string(), "2024-10-15T11:34:05");
  EXPECT_EQ(meta(d, "revision")->as_string(), "7");
  EXPECT_EQ(meta(d, "pageCount")->as_int(), 2);
  EXPECT_EQ(meta(d, "wordCount")->as_int(), 108);
  EXPECT_EQ(meta(d, "characterCount")->as_int(), 620);
  EXPECT_EQ(meta(d, "application")->as_string(), "Microsoft Word 11");
}

TEST(Rtf, BadDatesAndEmptyFieldsAreLeftOut) {
  const auto d = ok("{\\rtf1{\\info{\\title   }{\\creatim\\yr2024\\mo13\\dy1}{\\revtim\\yr0}}x}");
  EXPECT_EQ(meta(d, "title"), nullptr);
  EXPECT_EQ(meta(d, "createdAt"), nullptr);
  EXPECT_EQ(meta(d, "modifiedAt"), nullptr);
}

TEST(RtfInfo, DateFormatting) {
  using quarry::detail::rtf::info_date_iso;
  EXPECT_EQ(info_date_iso({2001, 2, 3, 4, 5, 6}), "2001-02-03T04:05:06");
  EXPECT_EQ(info_date_iso({2001, 2, 3, 99, -1, 0}), "2001-02-03T00:00:00");
  EXPECT_EQ(info_date_iso({2001, 0, 3, 0, 0, 0}), "");
}

// ---- footnotes ----------------------------------------------------------------------------------

TEST(Rtf, FootnotesGoAfterTheBody) {
  const std::string doc =
      "{\\rtf1 Claim.{\\super\\chftn}{\\footnote\\pard{\\super\\chftn} First source.}"
      " Another.\\chftn{\\footnote \\chftn\\~Second\\par source.}\\par Next paragraph.}";
  EXPECT_EQ(text(doc), "Claim.[1] Another.[2]\n\nNext paragraph.\n\n[1] First source.\n\n[2] Second\nsource.");
  EXPECT_EQ(md(doc),
            "Claim.[^1] Another.[^2]\n\nNext paragraph.\n\n[^1]: First source.\n\n[^2]: Second\nsource.");
}

TEST(Rtf, FootnoteWithACustomMarkKeepsIt) {
  EXPECT_EQ(text("{\\rtf1 Text*{\\footnote * A note.}}"), "Text*\n\n* A note.");
}

// ---- fields -------------------------------------------------------------------------------------

TEST(Rtf, HyperlinksBecomeLinksInMarkdown) {
  const std::string doc =
      "{\\rtf1 See {\\field{\\*\\fldinst{HYPERLINK \"https://example.com/a b\" \\\\o \"tip\"}}"
      "{\\fldrslt{\\ul the site}}} now.}";
  EXPECT_EQ(text(doc), "See the site now.");
  EXPECT_EQ(md(doc), "See [the site](https://example.com/a%20b) now.");
}

TEST(Rtf, OtherFieldsShowTheirResult) {
  EXPECT_EQ(md("{\\rtf1 Page {\\field{\\*\\fldinst PAGE}{\\fldrslt 3}} of {\\field\\fldedit{\\*\\fldinst NUMPAGES}{\\fldrslt 9}}}"),
            "Page 3 of 9");
  EXPECT_EQ(md("{\\rtf1 {\\field{\\*\\fldinst HYPERLINK \\\\l \"_Toc1\"}{\\fldrslt Contents}}}"), "Contents");
}

TEST(Rtf, NestedFieldsCloseTheirLinks) {
  const std::string doc =
      "{\\rtf1 {\\field{\\*\\fldinst HYPERLINK \"http://a\"}{\\fldrslt A {\\field{\\*\\fldinst PAGEREF x}"
      "{\\fldrslt 2}}}} after}";
  EXPECT_EQ(md(doc), "[A 2](http://a) after");
}

TEST(RtfField, HyperlinkTargets) {
  using quarry::detail::rtf::hyperlink_target;
  EXPECT_EQ(hyperlink_target(" HYPERLINK \"http://x.org/\" "), "http://x.org/");
  EXPECT_EQ(hyperlink_target("hyperlink http://bare.org \\o \"t\""), "http://bare.org");
  EXPECT_EQ(hyperlink_target("HYPERLINK \"http://x.org/p\" \\l \"sec\""), "http://x.org/p#sec");
  EXPECT_EQ(hyperlink_target("HYPERLINK \\l \"_Toc1\""), "");
  EXPECT_EQ(hyperlink_target("HYPERLINK \"C:\\\\dir\\\\f.doc\""), "C:\\dir\\f.doc");
  EXPECT_EQ(hyperlink_target("PAGE \\* MERGEFORMAT"), "");
  EXPECT_EQ(hyperlink_target(""), "");
}

// ---- tables -------------------------------------------------------------------------------------

TEST(Rtf, TablesGoToTheWriter) {
  const std::string doc =
      "{\\rtf1 Before\\par\\trowd\\cellx1000\\cellx2000\\pard\\intbl Name\\cell\\pard\\intbl Qty\\cell\\row"
      "\\trowd\\cellx1000\\cellx2000\\pard\\intbl Apple\\par red\\cell\\pard\\intbl 3\\cell\\row"
      "\\pard After\\par}";
  const auto d = ok(doc);
  EXPECT_EQ(d.content, "Before\n\nName\tQty\nApple red\t3\n\nAfter");
  ASSERT_EQ(d.tables.size(), 1u);
  const std::vector<std::vector<std::string>> expected = {{"Name", "Qty"}, {"Apple red", "3"}};
  EXPECT_EQ(d.tables[0].cells, expected);
  EXPECT_EQ(md(doc), "Before\n\n| Name | Qty |\n| --- | --- |\n| Apple red | 3 |\n\nAfter");
}

TEST(Rtf, TableRowsInGroupsAndEmptyCells) {
  const std::string doc =
      "{\\rtf1{\\trowd\\cellx1\\cellx2\\cellx3\\intbl{{\\cell}{{\\pard\\intbl A\\par}\\cell}{{\\pard\\intbl B\\par}\\cell}}"
      "\\intbl\\row}{\\trowd\\cellx1\\intbl{{\\cell}{\\cell}{\\cell}}\\intbl\\row}"
      "{\\trowd\\intbl{{{\\pard\\intbl x\\par}\\cell}{\\cell}{{\\pard\\intbl y\\par}\\cell}}\\intbl\\row}}";
  const auto d = ok(doc);
  ASSERT_EQ(d.tables.size(), 1u);
  // The row of empty cells carries no text and is left out.
  const std::vector<std::vector<std::string>> expected = {{"", "A", "B"}, {"x", "", "y"}};
  EXPECT_EQ(d.tables[0].cells, expected);
}

TEST(Rtf, TwoTablesSeparatedByAParagraph) {
  const std::string doc =
      "{\\rtf1\\trowd\\intbl a\\cell b\\cell\\row\\pard Between\\par\\trowd\\intbl c\\cell\\row}";
  const auto d = ok(doc);
  EXPECT_EQ(d.tables.size(), 2u);
  EXPECT_EQ(d.content, "a\tb\n\nBetween\n\nc");
}

TEST(Rtf, TableAtTheEndWithoutRowEnd) {
  const auto d = ok("{\\rtf1\\trowd\\intbl a\\cell b");
  ASSERT_EQ(d.tables.size(), 1u);
  const std::vector<std::vector<std::string>> expected = {{"a", "b"}};
  EXPECT_EQ(d.tables[0].cells, expected);
  EXPECT_TRUE(has_warning(d, "rtf_truncated"));
}

TEST(Rtf, NestedTablesAreReportedAndTheirTextStaysInTheCell) {
  const std::string doc =
      "{\\rtf1\\trowd\\pard\\intbl outer1\\cell\\pard\\intbl\\itap2 in1\\nestcell in2\\nestcell"
      "{\\*\\nesttableprops\\trowd\\nestrow}{\\nonesttables\\par}"
      "\\pard\\intbl\\itap2 in3\\nestcell in4\\nestcell{\\*\\nesttableprops\\trowd\\nestrow}"
      "\\pard\\intbl\\itap1 \\cell\\row}";
  const auto d = ok(doc);
  ASSERT_EQ(d.tables.size(), 2u);
  const std::vector<std::vector<std::string>> inner = {{"in1", "in2"}, {"in3", "in4"}};
  EXPECT_EQ(d.tables[0].cells, inner);
  const std::vector<std::vector<std::string>> outer = {{"outer1", "in1 in2 in3 in4"}};
  EXPECT_EQ(d.tables[1].cells, outer);
}

TEST(Rtf, TableLevelMarksCells) {
  const auto d = ok("{\\rtf1\\pard\\itap1 a\\cell b\\cell\\row\\pard\\itap0 after}");
  EXPECT_EQ(d.content, "a\tb\n\nafter");
  EXPECT_EQ(d.tables.size(), 1u);
}

TEST(Rtf, TablesCanBeLeftOutOfTheResult) {
  quarry::options o;
  o.extract_tables = false;
  const auto d = ok("{\\rtf1\\trowd\\intbl a\\cell b\\cell\\row}", o);
  EXPECT_TRUE(d.tables.empty());
  EXPECT_EQ(d.content, "a\tb");
}

// ---- lists and formatting -----------------------------------------------------------------------

TEST(Rtf, ListTextIsKept) {
  const std::string doc =
      "{\\rtf1{\\fonttbl{\\f0 Times;}{\\f1\\fcharset2 Symbol;}}"
      "{\\listtext\\pard\\plain\\f1\\'b7\\tab}\\ls1 One\\par{\\pntext 2.\\tab}Two\\par"
      "{\\listtext\\f1\\'b7\\tab}\\par After\\par}";
  EXPECT_EQ(text(doc), "\u2022 One\n\n2. Two\n\n\u2022\n\nAfter");
  EXPECT_EQ(md(doc), "\u2022 One\n\n2\\. Two\n\n\u2022\n\nAfter");
}

TEST(Rtf, LongMarkersAndFieldsAreClippedOnCharacterBoundaries) {
  // Each \u8226 is three bytes of UTF-8: the caps fall inside characters.
  const auto d = ok("{\\rtf1{\\listtext " + repeat("\\u8226?", 200) + "}Item{\\info{\\title " +
                    repeat("\\u8226?", 30000) + "}}}");
  EXPECT_TRUE(quarry::detail::is_valid_utf8(d.content));
  EXPECT_NE(d.content.find("Item"), std::string::npos);
  ASSERT_NE(meta(d, "title"), nullptr);
  EXPECT_TRUE(quarry::detail::is_valid_utf8(meta(d, "title")->as_string()));
  EXPECT_LE(meta(d, "title")->as_string().size(), 64u * 1024);
}

TEST(Rtf, BoldItalicStrikeInMarkdown) {
  const std::string doc = "{\\rtf1 plain {\\b bold }and {\\i italic\\b  both}\\strike  struck\\strike0  \\b on\\plain  off}";
  EXPECT_EQ(md(doc), "plain **bold** and *italic **both*** ~~struck~~ **on** off");
  EXPECT_EQ(text(doc), "plain bold and italic both struck on off");
}

TEST(Rtf, FormattingSurvivesParagraphs) {
  EXPECT_EQ(md("{\\rtf1\\b one\\par two\\b0  three}"), "**one**\n\n**two** three");
}

TEST(Rtf, OutlineLevelsAreHeadings) {
  const std::string doc =
      "{\\rtf1{\\pard\\outlinelevel0\\b Title\\par}\\pard\\outlinelevel1 Sub\\par\\pard Body\\par}";
  EXPECT_EQ(md(doc), "# Title\n\n## Sub\n\nBody");
  EXPECT_EQ(text(doc), "Title\n\nSub\n\nBody");
}

TEST(Rtf, MarkdownEscapesText) {
  EXPECT_EQ(md("{\\rtf1 1. not a list *star* [x]}"), "1\\. not a list \\*star\\* \\[x\\]");
}

// ---- errors, limits and hostile input -----------------------------------------------------------

TEST(Rtf, NotRtfIsCorrupt) {
  for (std::string_view bad : {"", "hello", "{\\rt", "\xEF\xBB\xBF{\\rtx1}", "<html>"}) {
    const auto r = run(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  }
  EXPECT_EQ(text("\xEF\xBB\xBF\r\n {\\rtf1 ok}"), "ok");
}

TEST(Rtf, TextAfterTheDocumentIsIgnored) {
  const auto d = ok(std::string("{\\rtf1 body}trailing{\\b junk}\0\0", 30));
  EXPECT_EQ(d.content, "body");
  EXPECT_FALSE(has_warning(d, "rtf_truncated"));
}

TEST(Rtf, TruncatedDocumentsKeepTheirText) {
  const auto d = ok("{\\rtf1 {\\b Hello} wor");
  EXPECT_EQ(d.content, "Hello wor");
  EXPECT_TRUE(has_warning(d, "rtf_truncated"));
  // Every prefix of a rich document is read without failing.
  const std::string doc =
      "{\\rtf1\\ansi{\\fonttbl{\\f0\\fcharset204 C;}}{\\info{\\title T}}\\f0 a\\'e9\\u233?{\\field{\\*\\fldinst "
      "HYPERLINK \"u\"}{\\fldrslt l}}\\trowd\\intbl c\\cell\\row{\\footnote n}\\bin3 {}x}";
  for (std::size_t n = 5; n <= doc.size(); ++n) {
    SCOPED_TRACE(n);
    for (const auto& o : {quarry::options{}, markdown()}) {
      const auto r = run(std::string_view(doc).substr(0, n), o);
      ASSERT_TRUE(r.ok()) << r.err().detail;
      EXPECT_TRUE(quarry::detail::is_valid_utf8(r->content));
    }
  }
}

TEST(Rtf, HundredThousandNestedGroupsAreFlattenedWithAWarning) {
  quarry::options o;
  o.limits.max_depth = 64;
  const std::string doc = "{\\rtf1 " + repeat("{", 100000) + "deep" + repeat("}", 100000) + " after}";
  const auto d = ok(doc, o);
  EXPECT_EQ(d.content, "deep after");
  EXPECT_TRUE(has_warning(d, "rtf_depth"));
  // Unclosed, with destinations and formatting at every level.
  const std::string open = "{\\rtf1 " + repeat("{\\b{\\*\\x y}{\\field{\\*\\fldinst HYPERLINK \"u\"}{\\fldrslt z", 20000);
  const auto e = ok(open, markdown());
  EXPECT_TRUE(has_warning(e, "rtf_depth"));
  EXPECT_TRUE(has_warning(e, "rtf_truncated"));
  EXPECT_NE(e.content.find('z'), std::string::npos);
}

TEST(Rtf, DepthWithinTheLimitIsNotFlattened) {
  quarry::options o;
  o.limits.max_depth = 3;
  // \rtf1 group + two: within the limit, the bold ends with its group.
  EXPECT_EQ(ok("{\\rtf1{{\\b x}}y}", o).content, "xy");
  EXPECT_FALSE(has_warning(ok("{\\rtf1{{\\b x}}y}", o), "rtf_depth"));
  EXPECT_TRUE(has_warning(ok("{\\rtf1{{{\\b x}}}y}", o), "rtf_depth"));
}

TEST(Rtf, MaxEntriesLimitsCellsAndFonts) {
  quarry::options o;
  o.limits.max_entries = 100;
  const auto r = run("{\\rtf1\\trowd\\intbl " + repeat("x\\cell ", 1000) + "\\row}", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  const auto f = run("{\\rtf1{\\fonttbl" + repeat("{\\f1 A;}", 1000) + "}x}", o);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.err().code, quarry::error_code::limit_exceeded);
}

TEST(Rtf, OutputLimit) {
  quarry::options o;
  o.limits.max_output_bytes = 1000;
  const auto r = run("{\\rtf1 " + repeat("word ", 10000) + "}", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  // Footnotes are held until the end: they are bounded by the same limit.
  const auto f = run("{\\rtf1 x{\\footnote " + repeat("note ", 10000) + "}}", o);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.err().code, quarry::error_code::limit_exceeded);
}

TEST(Rtf, RandomBytesAfterTheHeader) {
  std::uint64_t state = 12345;
  std::string doc = "{\\rtf1 ";
  for (std::size_t i = 0; i < (2u << 20); ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    doc += static_cast<char>(state >> 56);
  }
  for (const auto& o : {quarry::options{}, markdown()}) {
    const auto r = run(doc, o);
    if (r.ok()) EXPECT_TRUE(quarry::detail::is_valid_utf8(r->content));
    else EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  }
}

TEST(Rtf, RegressionControlAndDeleteBytesAreDroppedNotLoopedOn) {
  // A DEL byte (0x7F) once stopped the ASCII-run decoder from advancing: an endless loop.
  EXPECT_EQ(text(std::string("{\\rtf1 a\x7F" "b\x01\x00" "c\\'7f\\'00d}", 23)), "abcd");
}

TEST(Rtf, ManyControlWordsAndGroupsStayLinear) {
  // 3 MB of formatting churn: a quadratic step would take minutes.
  const std::string doc = "{\\rtf1 " + repeat("{\\b\\i x}\\'e9\\u233?{\\*\\foo}\\par ", 100000) + "}";
  const auto d = ok(doc, markdown());
  EXPECT_GT(d.content.size(), 100000u);
}

}  // namespace
