// XML: the data outline and the prose rendering, entities (and what is never expanded),
// encodings, malformed documents, limits and hostile input.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "quarry/quarry.hpp"

namespace {

quarry::result<quarry::document> run(std::string_view bytes, quarry::options opts = {}, std::string_view hint = "doc.xml") {
  return quarry::extract(std::as_bytes(std::span(bytes.data(), bytes.size())), hint, opts);
}

quarry::document ok(std::string_view bytes, quarry::options opts = {}, std::string_view hint = "doc.xml") {
  auto r = run(bytes, opts, hint);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? std::move(r).value() : quarry::document{};
}

std::string content(std::string_view bytes) { return ok(bytes).content; }

quarry::options markdown() {
  quarry::options o;
  o.format = quarry::output_format::markdown;
  return o;
}

bool has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

std::string meta(const quarry::document& d, std::string_view key) {
  const quarry::value* v = d.metadata.find(key);
  if (!v) return "<none>";
  if (v->type() == quarry::value::kind::string) return v->as_string();
  return std::to_string(v->as_int());
}

// ---- data documents: the outline ------------------------------------------------------------------

TEST(Xml, RecordsReadAsAnOutline) {
  const std::string in = R"(<?xml version="1.0"?>
<catalog>
  <plant>
    <common>Bloodroot</common>
    <zone>4</zone>
  </plant>
  <plant>
    <common>Columbine</common>
    <empty/>
    <zone>3</zone>
  </plant>
  <note>single</note>
</catalog>)";
  EXPECT_EQ(content(in),
            "plant:\n"
            "  - common: Bloodroot\n"
            "    zone: 4\n"
            "  - common: Columbine\n"
            "    zone: 3\n"
            "note: single");
}

TEST(Xml, NestedGroupsAndAttributes) {
  const std::string in = R"(<config xmlns="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="2">
  <database id="main" xsi:type="t">
    <host>db.local</host>
    <port>5432</port>
  </database>
  <feature name="search" enabled="true"/>
  <add key="Timeout" value="30"/>
</config>)";
  EXPECT_EQ(content(in),
            "database:\n"
            "  id: main\n"
            "  host: db.local\n"
            "  port: 5432\n"
            "feature: name=search, enabled=true\n"
            "add: key=Timeout, value=30");
}

TEST(Xml, CdataEntitiesAndWhitespace) {
  const std::string in =
      "<r>\n  <a>  fish &amp; chips &lt;3 &#65;&#x42; &quot;q&quot; &apos;s&apos;  </a>\n"
      "  <b><![CDATA[if (a < b && c) { x(); }]]></b>\n  <c>two\n     lines</c>\n</r>";
  EXPECT_EQ(content(in), "a: fish & chips <3 AB \"q\" 's'\nb: if (a < b && c) { x(); }\nc: two lines");
}

TEST(Xml, RunsOfRecordsInsideRecords) {
  const std::string in =
      "<feed><entry><title>A</title><tag><n>x</n></tag><tag><n>y</n></tag></entry>"
      "<entry><title>B</title></entry></feed>";
  EXPECT_EQ(content(in),
            "entry:\n"
            "  - title: A\n"
            "    tag:\n"
            "      - n: x\n"
            "      - n: y\n"
            "  - title: B");
}

TEST(Xml, MarkdownFencesTheOutline) {
  const auto d = ok("<r><a>*x*</a><b>y</b></r>", markdown());
  EXPECT_EQ(d.content, "```\na: *x*\nb: y\n```");
}

TEST(Xml, RootWithTextOnly) {
  EXPECT_EQ(content("<note>  Hello   world </note>"), "Hello world");
  EXPECT_EQ(content("<config mode=\"fast\" xmlns=\"urn:c\"/>"), "config: mode=fast");
}

TEST(Xml, FeedsAndTheirTitles) {
  const std::string rss = R"(<?xml version="1.0"?>
<rss version="2.0"><channel>
  <title>News &amp; Views</title>
  <item><title>First</title><description><![CDATA[<p>Hello <b>bold</b> world</p><p>Again&nbsp;&amp; more</p>]]></description></item>
  <item><title>Second</title><description>&lt;em&gt;escaped&lt;/em&gt; html, a &lt; b</description></item>
</channel></rss>)";
  const auto d = ok(rss);
  EXPECT_EQ(d.content,
            "channel:\n"
            "  title: News & Views\n"
            "  item:\n"
            "    - title: First\n"
            "      description: Hello bold world Again\xC2\xA0& more\n"
            "    - title: Second\n"
            "      description: escaped html, a < b");
  EXPECT_EQ(meta(d, "title"), "News & Views");
  EXPECT_EQ(meta(d, "feedType"), "rss");
  EXPECT_EQ(meta(d, "rootElement"), "rss");

  const std::string atom = R"(<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom Log</title>
  <link rel="alternate" href="http://example.org/"/>
  <entry><title>E1</title><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>)";
  const auto a = ok(atom);
  EXPECT_EQ(meta(a, "title"), "Atom Log");
  EXPECT_EQ(meta(a, "feedType"), "atom");
  EXPECT_EQ(a.content, "title: Atom Log\nlink: rel=alternate, href=http://example.org/\nentry:\n  title: E1\n  content: Body");
}

TEST(Xml, Metadata) {
  const auto d = ok(R"(<a:root xmlns:a="urn:a" xmlns:b="urn:b" x="1"><b:c y="2">t</b:c><d/></a:root>)");
  EXPECT_EQ(meta(d, "rootElement"), "a:root");
  EXPECT_EQ(meta(d, "elementCount"), "3");
  EXPECT_EQ(meta(d, "attributeCount"), "4");
  EXPECT_EQ(meta(d, "maxDepth"), "2");
  EXPECT_EQ(meta(d, "encoding"), "utf-8");
  const quarry::value* ns = d.metadata.find("namespaces");
  ASSERT_NE(ns, nullptr);
  ASSERT_EQ(ns->size(), 2u);
  EXPECT_EQ(ns->items()[1].as_string(), "urn:b");
  EXPECT_EQ(d.mime_type, "application/xml");
}

// ---- documents: running text ----------------------------------------------------------------------

TEST(Xml, MixedContentIsProse) {
  const std::string in =
      "<doc><title>On Things</title>\n<p>Some <b>bold</b> <i>and</i> italic<sup>2</sup> text.</p>\n"
      "<p>Second <a href='x'>link</a>.</p></doc>";
  EXPECT_EQ(content(in), "On Things\n\nSome bold and italic2 text.\n\nSecond link.");
}

TEST(Xml, EmptyInlineElementsPartWords) {
  EXPECT_EQ(content("<doc><p>one<br/>two<lb/>three<pb n='2'/>four <b>five</b></p></doc>"),
            "one\ntwo\nthree four five");
}

TEST(Xml, SvgTextTitleAndDescription) {
  const std::string svg = R"(<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <title>Chart</title><desc>Sales by year</desc>
  <style>text { fill: red }</style><script>alert(1)</script>
  <metadata><rdf>image/svg+xml</rdf></metadata>
  <g><text x="1">2019</text><text x="2"><tspan>Q1</tspan><tspan>Q2</tspan></text></g>
  <image href="a.png" title="Logo"/>
</svg>)";
  const auto d = ok(svg, {}, "chart.svg");
  EXPECT_EQ(d.content, "Chart\nSales by year\n\n2019\nQ1 Q2\n\nLogo");
  // Runs of a <text> are words of one line, unless they start lines of their own.
  EXPECT_EQ(content("<svg><text><tspan>a</tspan><tspan>b</tspan></text><text><tspan y='1'>c</tspan>"
                    "<tspan y='2'>d</tspan></text></svg>"),
            "a b\nc\nd");
  EXPECT_EQ(meta(d, "title"), "Chart");
}

TEST(Xml, DocumentVocabulariesAreProseEvenWithoutMixedContent) {
  const std::string tei = R"(<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
    <head>Chapter One</head><p>It was a dark night.</p><p>The end.</p></body></text></TEI>)";
  EXPECT_EQ(content(tei), "Chapter One\nIt was a dark night.\nThe end.");
}

TEST(Xml, ProseInMarkdownIsEscaped) {
  const auto d = ok("<article><p>Use *stars* and <code>a_b</code> [here].</p></article>", markdown());
  EXPECT_EQ(d.content, "Use \\*stars\\* and a_b \\[here\\].");
}

// ---- entities, DTDs, safety -----------------------------------------------------------------------

TEST(Xml, DeclaredEntitiesAreNeverExpanded) {
  const std::string in = R"(<?xml version="1.0"?>
<!DOCTYPE r [
  <!ENTITY co "Acme">
  <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<r><a>&co; and &ext; &amp; &#233;</a></r>)";
  const auto d = ok(in);
  EXPECT_EQ(d.content, "a: &co; and &ext; & \xC3\xA9");
  EXPECT_TRUE(has_warning(d, "entities_not_expanded"));
  EXPECT_TRUE(ok("<r>&undeclared;</r>").content == "&undeclared;");
}

TEST(Xml, BillionLaughsIsReadInLinearTime) {
  std::string in = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    in += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) in += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    in += "\">\n";
  }
  in += "]>\n<lolz>&lol9;</lolz>";
  const auto start = std::chrono::steady_clock::now();
  const auto d = ok(in);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(d.content, "&lol9;");
}

// ---- encodings ------------------------------------------------------------------------------------

TEST(Xml, Encodings) {
  // ISO-8859-1 declared (read as Windows-1252, as WHATWG does).
  const auto cyrillic = ok("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><r>\xF0\xD2\xC9\xD7\xC5\xD4</r>");
  EXPECT_EQ(cyrillic.content, "Привет");
  EXPECT_EQ(meta(cyrillic, "encoding"), "koi8-r");
  const auto latin = ok("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><n>caf\xE9 \x80</n></r>");
  EXPECT_EQ(latin.content, "n: caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(meta(latin, "encoding"), "windows-1252");
  const auto cp = ok("<?xml version='1.0' encoding='windows-1252'?><r>\x93quoted\x94</r>");
  EXPECT_EQ(cp.content, "\xE2\x80\x9Cquoted\xE2\x80\x9D");
  // UTF-16 with a BOM (both byte orders) and without one.
  const std::string le("\xFF\xFE<\0r\0>\0\xE9\0<\0/\0r\0>\0", 18);
  EXPECT_EQ(content(le), "\xC3\xA9");
  const std::string be("\xFE\xFF\0<\0r\0>\0\xE9\0<\0/\0r\0>", 18);
  EXPECT_EQ(content(be), "\xC3\xA9");
  EXPECT_EQ(meta(ok(le.substr(2)), "encoding"), "utf-16le");
  // UTF-8 with a BOM.
  EXPECT_EQ(content("\xEF\xBB\xBF<r>\xC3\xA9</r>"), "\xC3\xA9");
  // Undeclared and not UTF-8: Windows-1252, with a warning.
  const auto guess = ok("<r>na\xEFve</r>");
  EXPECT_EQ(guess.content, "na\xC3\xAFve");
  EXPECT_TRUE(has_warning(guess, "unsupported_encoding"));
  // Declared UTF-8 with a bad byte and a surrogate reference: U+FFFD, with a warning.
  const auto bad = ok("<?xml version='1.0' encoding='UTF-8'?><r>a\xFF b &#xD800;</r>");
  EXPECT_EQ(bad.content, "a\xEF\xBF\xBD b \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(has_warning(bad, "invalid_utf8"));
}

TEST(Xml, ErrorOffsetsAreInputBytesWhateverTheEncoding) {
  auto r = run(std::string("\xFF\xFE<\0r\0 \0x\0=\0<\0", 14));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  EXPECT_EQ(r.err().offset, 12u);
  auto r2 = run("<?xml version='1.0' encoding='latin1'?><r \xE9\xE9=");
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.err().offset, 45u);  // the end of the input (47 in the converted text)
}

// ---- malformed documents, limits, hostile input ---------------------------------------------------

TEST(Xml, MalformedDocuments) {
  const auto partial = ok("<root><a>one</a><b>two</b><c>thr");
  EXPECT_EQ(partial.content, "a: one\nb: two\nc: thr");
  EXPECT_TRUE(has_warning(partial, "malformed_xml"));

  const auto mismatch = ok("<r><a>x</b></r>");
  EXPECT_EQ(mismatch.content, "a: x");
  EXPECT_TRUE(has_warning(mismatch, "malformed_xml"));

  struct bad {
    std::string_view xml;
    std::uint64_t offset;
    std::string_view message;
  };
  const bad cases[] = {
      {"", 0, "no root element"},
      {"hello world", 11, "no root element"},
      {"<?xml version='1.0'?>", 21, "no root element"},
      {"<root attr=\"x", 12, "Error parsing element attribute"},
      {"<r><", 3, "malformed XML"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.xml));
    auto r = run(c.xml);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
    EXPECT_EQ(r.err().offset, c.offset);
    EXPECT_NE(r.err().detail.find(c.message), std::string::npos) << r.err().detail;
  }
}

TEST(Xml, DepthLimit) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  auto r = run(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  EXPECT_EQ(r.err().offset, 3000u);  // the 1001st <a>

  quarry::options o;
  o.limits.max_depth = 3;
  EXPECT_TRUE(run("<a><b><c>x</c></b></a>", o).ok());
  EXPECT_FALSE(run("<a><b><c><d>x</d></c></b></a>", o).ok());

  // Deep within the limit: no recursion anywhere, output bounded.
  std::string nested;
  for (int i = 0; i < 900; ++i) nested += "<a>";
  nested += "x";
  for (int i = 0; i < 900; ++i) nested += "</a>";
  EXPECT_TRUE(ok(nested).content.ends_with("a: x"));
  std::string prose = "<svg>";
  for (int i = 0; i < 900; ++i) prose += "<g>";
  prose += "<text>deep</text>";
  for (int i = 0; i < 900; ++i) prose += "</g>";
  prose += "</svg>";
  EXPECT_EQ(content(prose), "deep");
}

TEST(Xml, EntryLimit) {
  quarry::options o;
  o.limits.max_entries = 3;
  EXPECT_TRUE(run("<r><a/><b/></r>", o).ok());
  auto r = run("<r><a/><b/><c/></r>", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  EXPECT_EQ(r.err().offset, 11u);
}

TEST(Xml, HostileInput) {
  std::mt19937 rng(3);
  std::string noise(2u << 20, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  auto r = run(noise);
  EXPECT_FALSE(r.ok());
  noise[0] = '<';
  noise[1] = 'r';
  noise[2] = '>';
  (void)run(noise);  // a result or an error, quickly
  // Truncated at every byte: an error or a partial result, never a crash.
  const std::string doc = "<?xml version='1.0'?><r a='1'><b>t&amp;x</b><![CDATA[c]]><!-- n --><d/></r>";
  for (std::size_t n = 0; n <= doc.size(); ++n) (void)run(doc.substr(0, n));
  // A million empty siblings, within limits.
  std::string wide = "<r>";
  for (int i = 0; i < 200000; ++i) wide += "<e>1</e>";
  wide += "</r>";
  EXPECT_TRUE(run(wide).ok());
}

}  // namespace
