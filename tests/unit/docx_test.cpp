// DOCX extractor tests. Packages are built here from WordprocessingML snippets with the test ZIP
// writer, so each test shows the XML it is about; realistic files made by pandoc are the golden
// pairs in tests/golden/docx/.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "formats/docx/numbering.hpp"
#include "formats/docx/styles.hpp"
#include "formats/docx/symbols.hpp"
#include "formats/docx/walker.hpp"
#include "quarry/quarry.hpp"
#include "zip_writer.hpp"

namespace {

using quarry::test::zip_writer;

constexpr std::string_view rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// The namespace declarations every test part uses.
std::string ns() {
  return std::string(" xmlns:w=\"") + std::string(w_ns) + "\" xmlns:r=\"" + std::string(rel_ns) +
         "\" xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\""
         " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
         " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
         " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
         " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
         " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
         " xmlns:v=\"urn:schemas-microsoft-com:vml\"";
}

// A DOCX package: the body of word/document.xml, the document's relationships, other parts.
struct package {
  std::string body;
  struct rel {
    std::string id, type, target;
    bool external = false;
  };
  std::vector<rel> rels;
  std::vector<std::pair<std::string, std::string>> parts;
  std::string main = "word/document.xml";

  package& with_rel(std::string id, std::string type, std::string target, bool external = false) {
    rels.push_back({std::move(id), std::move(type), std::move(target), external});
    return *this;
  }
  package& with_part(std::string name, std::string xml) {
    parts.emplace_back(std::move(name), std::move(xml));
    return *this;
  }
  package& with_styles(const std::string& styles_xml) {
    with_rel("rIdStyles", "styles", "styles.xml");
    return with_part("word/styles.xml", "<w:styles" + ns() + ">" + styles_xml + "</w:styles>");
  }
  package& with_numbering(const std::string& numbering_xml) {
    with_rel("rIdNumbering", "numbering", "numbering.xml");
    return with_part("word/numbering.xml", "<w:numbering" + ns() + ">" + numbering_xml + "</w:numbering>");
  }

  [[nodiscard]] std::string build() const {
    zip_writer z;
    z.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    z.add("_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"" + std::string(rel_ns) + "/officeDocument\" Target=\"" + main + "\"/>"
          "<Relationship Id=\"rId2\" Type=\"" + std::string(rel_ns) + "/extended-properties\" Target=\"docProps/app.xml\"/>"
          "</Relationships>");
    z.add(main, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document" + ns() + "><w:body>" + body + "</w:body></w:document>");
    std::string r = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (const rel& x : rels) {
      r += "<Relationship Id=\"" + x.id + "\" Type=\"" + std::string(rel_ns) + "/" + x.type + "\" Target=\"" + x.target + "\"" +
           (x.external ? " TargetMode=\"External\"" : "") + "/>";
    }
    r += "</Relationships>";
    const std::size_t slash = main.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : main.substr(0, slash + 1);
    z.add(dir + "_rels/" + main.substr(slash + 1) + ".rels", r);
    for (const auto& [name, xml] : parts) z.add(name, xml);
    return z.build();
  }
};

std::span<const std::byte> bytes_of(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }

quarry::result<quarry::document> run(const std::string& docx, quarry::options opts = {}) {
  return quarry::extract(bytes_of(docx), "docx", opts);
}

// The content of a package (plain text, or Markdown).
std::string content(const package& p, bool markdown = false, quarry::options opts = {}) {
  if (markdown) opts.format = quarry::output_format::markdown;
  auto r = run(p.build(), opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? r.value().content : std::string("<error>");
}

std::string md(const package& p, quarry::options opts = {}) { return content(p, true, opts); }

bool has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

// A paragraph of one run of text, optionally with a style.
std::string para(std::string_view text, std::string_view style = {}) {
  std::string s = "<w:p>";
  if (!style.empty()) s += "<w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>";
  return s + "<w:r><w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r></w:p>";
}

std::string run_xml(std::string_view text, std::string_view props = {}) {
  return "<w:r>" + (props.empty() ? std::string() : "<w:rPr>" + std::string(props) + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r>";
}

// A list paragraph.
std::string item(std::string_view text, int num_id, int ilvl = 0) {
  return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" + std::to_string(num_id) +
         "\"/></w:numPr></w:pPr>" + run_xml(text) + "</w:p>";
}

// numbering.xml content: abstract 1 bullets, abstract 2 decimal from 1; num 1 -> 1, num 2 -> 2.
const std::string basic_numbering =
    "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/></w:num>";

// ---- paragraphs and runs ---------------------------------------------------------------------

TEST(Docx, ParagraphsAndRunsInOrder) {
  package p;
  p.body = para("First paragraph.") + "<w:p>" + run_xml("Two ") + run_xml("runs") + "</w:p>" + para("Third.");
  EXPECT_EQ(content(p), "First paragraph.\n\nTwo runs\n\nThird.");
}

TEST(Docx, SpacesAroundTextNeedXmlSpacePreserve) {
  package p;
  // Without xml:space="preserve" Word ignores the spaces around a w:t's text.
  p.body = "<w:p><w:r><w:t>a </w:t></w:r><w:r><w:t> b</w:t></w:r><w:r><w:t xml:space=\"preserve\"> c </w:t></w:r>"
           "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>d</w:t></w:r></w:p>";
  EXPECT_EQ(content(p), "ab c d");
}

TEST(Docx, TabsBreaksAndSpecialCharacters) {
  package p;
  p.body = "<w:p><w:r><w:tab/><w:t>Name:</w:t><w:tab/><w:t>Ann</w:t><w:br/><w:t>next</w:t><w:cr/><w:t>line</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>co</w:t><w:softHyphen/><w:t>operate non</w:t><w:noBreakHyphen/><w:t>stop</w:t>"
           "<w:sym w:font=\"Symbol\" w:char=\"F061\"/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/>"
           "<w:sym w:font=\"Wingdings\" w:char=\"F04A\"/><w:sym w:char=\"00E9\"/></w:r></w:p>";
  EXPECT_EQ(content(p), "Name:\tAnn\nnext\nline\n\ncooperate non-stop\u03b1\u2713\u00e9");
}

TEST(Docx, PageAndColumnBreaks) {
  package p;
  p.body = "<w:p><w:r><w:t>one</w:t><w:br w:type=\"page\"/><w:t>two</w:t><w:br w:type=\"column\"/><w:t>three</w:t></w:r></w:p>";
  EXPECT_EQ(content(p), "one\n\ntwo three");
  quarry::options opts;
  opts.pages = true;
  auto r = run(p.build(), opts);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().pages.size(), 2u);
  EXPECT_EQ(r.value().pages[0].content, "one");
  EXPECT_EQ(r.value().pages[1].content, "two three");
}

TEST(Docx, PageBreakBeforeStartsAPage) {
  package p;
  p.body = para("Cover") + "<w:p><w:pPr><w:pageBreakBefore/></w:pPr>" + run_xml("Chapter") + "</w:p>";
  quarry::options opts;
  opts.pages = true;
  auto r = run(p.build(), opts);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().pages.size(), 2u);
  EXPECT_EQ(r.value().pages[1].content, "Chapter");
}

TEST(Docx, DropCapsJoinTheirParagraph) {
  package p;
  p.body = "<w:p><w:pPr><w:framePr w:dropCap=\"drop\" w:lines=\"3\"/></w:pPr>" + run_xml("O") + "</w:p>" + para("nce upon a time.") +
           para("Next.");
  EXPECT_EQ(content(p), "Once upon a time.\n\nNext.");
}

TEST(Docx, ControlCharactersAreNotText) {
  package p;
  p.body = para("a&#x1;b&#x0B;c");
  EXPECT_EQ(content(p), "a b c");
}

TEST(Docx, DeletionsDroppedInsertionsKept) {
  package p;
  p.body = "<w:p><w:r><w:t xml:space=\"preserve\">The </w:t></w:r>"
           "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>old</w:delText></w:r></w:del>"
           "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>new</w:t></w:r></w:ins>"
           "<w:moveFrom w:id=\"3\"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>"
           "<w:r><w:t xml:space=\"preserve\"> text</w:t></w:r></w:p>";
  EXPECT_EQ(content(p), "The new text");
}

TEST(Docx, HiddenTextIsNotShown) {
  package p;
  p.body = "<w:p>" + run_xml("shown ") + run_xml("hidden ", "<w:vanish/>") + run_xml("too", "<w:vanish w:val=\"0\"/>") + "</w:p>";
  EXPECT_EQ(content(p), "shown too");
}

// ---- fields ----------------------------------------------------------------------------------

TEST(Docx, FieldCodesDroppedResultsKept) {
  package p;
  p.body = "<w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
           "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>9</w:t></w:r></w:fldSimple>"
           "</w:p>";
  EXPECT_EQ(content(p), "Page 7 of 9");
}

TEST(Docx, NestedFieldsShowOnlyTheOuterResult) {
  package p;
  // IF { PAGE } = 1 "first" "other": the inner field sits in the outer one's instruction.
  p.body = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
           "<w:r><w:instrText> = 1 \"first\" \"other\"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
           "<w:r><w:t>first</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
  EXPECT_EQ(content(p), "first");
}

TEST(Docx, HyperlinkFieldsBecomeLinks) {
  package p;
  p.body = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
           "<w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"https://example.com/a\" \\o \"tip\" </w:instrText></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>site</w:t></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
           "<w:fldSimple w:instr=\"HYPERLINK \\l &quot;part2&quot;\"><w:r><w:t xml:space=\"preserve\"> part two</w:t></w:r></w:fldSimple></w:p>";
  EXPECT_EQ(md(p), "[site](https://example.com/a) [part two](#part2)");
  EXPECT_EQ(content(p), "site part two");
  EXPECT_EQ(quarry::detail::docx::hyperlink_target("HYPERLINK \"x.html\" \\l \"s\""), "x.html#s");
  EXPECT_EQ(quarry::detail::docx::hyperlink_target(" PAGE "), "");
}

// ---- styles: headings, quotes, code ------------------------------------------------------------

TEST(Docx, HeadingsFromStylesNamesAndInheritance) {
  package p;
  p.with_styles(
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style>"
      // A localized id: the built-in name is what counts.
      "<w:style w:type=\"paragraph\" w:styleId=\"berschrift2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/></w:style>"
      // A custom style inherits its level through basedOn...
      "<w:style w:type=\"paragraph\" w:styleId=\"MyHeading\"><w:name w:val=\"My Heading\"/><w:basedOn w:val=\"berschrift2\"/></w:style>"
      // ...or says it with w:outlineLvl (0 = level 1).
      "<w:style w:type=\"paragraph\" w:styleId=\"Outline\"><w:name w:val=\"Outline\"/><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr></w:style>"
      // outlineLvl 9 is body text, even based on a heading.
      "<w:style w:type=\"paragraph\" w:styleId=\"NotHeading\"><w:name w:val=\"Not\"/><w:basedOn w:val=\"berschrift2\"/>"
      "<w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr></w:style>"
      // A basedOn cycle ends.
      "<w:style w:type=\"paragraph\" w:styleId=\"LoopA\"><w:basedOn w:val=\"LoopB\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"LoopB\"><w:basedOn w:val=\"LoopA\"/></w:style>");
  p.body = para("Doc", "Titel") + para("Part", "berschrift2") + para("Custom", "MyHeading") + para("Deep", "Outline") +
           para("Body", "NotHeading") + para("Loop", "LoopA") +
           "<w:p><w:pPr><w:outlineLvl w:val=\"3\"/></w:pPr>" + run_xml("Direct") + "</w:p>";
  EXPECT_EQ(md(p), "# Doc\n\n## Part\n\n## Custom\n\n### Deep\n\nBody\n\nLoop\n\n#### Direct");
  EXPECT_EQ(content(p), "Doc\n\nPart\n\nCustom\n\nDeep\n\nBody\n\nLoop\n\nDirect");
}

TEST(Docx, HeadingStyleIdsWorkWithoutAStylesPart) {
  package p;
  p.body = para("A", "Heading1") + para("B", "Heading3") + para("C", "Title") + para("D", "Normal");
  EXPECT_EQ(md(p), "# A\n\n### B\n\n# C\n\nD");
}

TEST(Docx, HeadingsAreNotBoldAgain) {
  package p;
  p.body = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" + run_xml("Bold", "<w:b/>") + run_xml(" title", "<w:i/>") + "</w:p>";
  EXPECT_EQ(md(p), "# Bold *title*");
}

TEST(Docx, QuoteAndCodeStyles) {
  package p;
  p.with_styles("<w:style w:type=\"paragraph\" w:styleId=\"BlockText\"><w:name w:val=\"Block Text\"/></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"SourceCode\"><w:name w:val=\"Source Code\"/></w:style>"
                "<w:style w:type=\"character\" w:styleId=\"VerbatimChar\"><w:name w:val=\"Verbatim Char\"/></w:style>");
  p.body = para("Quoted one.", "BlockText") + para("Quoted two.", "BlockText") +
           "<w:p><w:pPr><w:pStyle w:val=\"SourceCode\"/></w:pPr><w:r><w:t xml:space=\"preserve\">if (a)</w:t><w:br/>"
           "<w:t xml:space=\"preserve\">  b();</w:t></w:r></w:p>" +
           "<w:p>" + run_xml("call ") + run_xml("f(x)", "<w:rStyle w:val=\"VerbatimChar\"/>") + "</w:p>";
  EXPECT_EQ(md(p), "> Quoted one.\n>\n> Quoted two.\n\n```\nif (a)\n  b();\n```\n\ncall `f(x)`");
  EXPECT_EQ(content(p), "Quoted one.\n\nQuoted two.\n\nif (a)\n  b();\n\ncall f(x)");
}

// ---- inline formatting and links ---------------------------------------------------------------

TEST(Docx, AdjacentRunsWithTheSameFormattingMerge) {
  package p;
  p.with_styles("<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style>");
  p.body = "<w:p>" + run_xml("Some ") + run_xml("bold", "<w:b/>") + run_xml(" ", "") + run_xml("words", "<w:b/><w:bCs/>") +
           run_xml(" and ") + run_xml("both", "<w:b/><w:i/>") + run_xml(" styled", "<w:rStyle w:val=\"Strong\"/>") +
           run_xml(" off", "<w:rStyle w:val=\"Strong\"/><w:b w:val=\"0\"/>") + run_xml(" gone", "<w:strike/>") + "</w:p>";
  EXPECT_EQ(md(p), "Some **bold words** and ***both* styled** off ~~gone~~");
  EXPECT_EQ(content(p), "Some bold words and both styled off gone");
}

TEST(Docx, HyperlinksByRelationshipAndAnchor) {
  package p;
  p.with_rel("rIdLink", "hyperlink", "https://example.com/x?a=1", true);
  p.body = "<w:p>" + run_xml("See ") + "<w:hyperlink r:id=\"rIdLink\">" + run_xml("the ") + run_xml("site", "<w:b/>") +
           "</w:hyperlink>" + run_xml(" or ") + "<w:hyperlink w:anchor=\"_Toc1\">" + run_xml("below") + "</w:hyperlink>" +
           run_xml(".") + "</w:p>" + "<w:p><w:hyperlink w:anchor=\"Results\">" + run_xml("Results") + "</w:hyperlink></w:p>";
  EXPECT_EQ(md(p), "See [the **site**](https://example.com/x?a=1) or below.\n\n[Results](#Results)");
  EXPECT_EQ(content(p), "See the site or below.\n\nResults");
}

TEST(Docx, MarkdownSpecialCharactersAreEscaped) {
  package p;
  p.body = para("1. not a list *and* [not] a link");
  EXPECT_EQ(md(p), "1\\. not a list \\*and\\* \\[not\\] a link");
}

// ---- lists -----------------------------------------------------------------------------------

TEST(Docx, BulletedAndNumberedListsNest) {
  package p;
  p.with_numbering(basic_numbering);
  p.body = para("Intro") + item("one", 2) + item("sub a", 2, 1) + item("sub b", 2, 1) + item("two", 2) + item("bullet", 1) +
           item("inner", 1, 1) + para("After");
  EXPECT_EQ(md(p), "Intro\n\n1. one\n   1. sub a\n   2. sub b\n2. two\n\n- bullet\n  - inner\n\nAfter");
}

TEST(Docx, NumberingContinuesAcrossInterruptionsAndRestartsOnOverride) {
  package p;
  p.with_numbering(basic_numbering +
                   "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
                   "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"10\"/></w:lvlOverride></w:num>");
  // num 3 shares num 2's definition, so it continues it; num 4 restarts at 10.
  p.body = item("a", 2) + item("b", 2) + para("break") + item("c", 2) + item("d", 3) + item("e", 4) + item("f", 4);
  EXPECT_EQ(md(p), "1. a\n2. b\n\nbreak\n\n3. c\n4. d\n\n10. e\n11. f");
}

TEST(Docx, ListsFromStylesAndStyleLinks) {
  package p;
  p.with_styles("<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>"
                "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
                "<w:style w:type=\"numbering\" w:styleId=\"Legal\"><w:name w:val=\"Legal\"/>"
                "<w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>");
  p.with_numbering(basic_numbering + "<w:abstractNum w:abstractNumId=\"7\"><w:numStyleLink w:val=\"Legal\"/></w:abstractNum>"
                                     "<w:num w:numId=\"9\"><w:abstractNumId w:val=\"7\"/></w:num>");
  p.body = para("styled", "ListBullet") + item("linked", 9) +
           // numId 0 removes the numbering a style gives.
           "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>" + run_xml("plain") + "</w:p>";
  EXPECT_EQ(md(p), "- styled\n\n1. linked\n\nplain");
  EXPECT_EQ(content(p), "- styled\n\n1. linked\n\nplain");
}

TEST(Docx, NumberedHeadingsKeepTheirNumbers) {
  package p;
  p.with_styles("<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
                "<w:pPr><w:numPr><w:numId w:val=\"5\"/></w:numPr></w:pPr></w:style>"
                "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
                "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr></w:style>");
  p.with_numbering("<w:abstractNum w:abstractNumId=\"4\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/>"
                   "<w:lvlText w:val=\"Part %1\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
                   "<w:lvlText w:val=\"%1.%2\"/></w:lvl></w:abstractNum><w:num w:numId=\"5\"><w:abstractNumId w:val=\"4\"/></w:num>");
  p.body = para("Scope", "Heading1") + para("Terms", "Heading2") + para("Rules", "Heading2") + para("Annex", "Heading1") +
           para("Forms", "Heading2");
  EXPECT_EQ(content(p), "Part I Scope\n\nI.1 Terms\n\nI.2 Rules\n\nPart II Annex\n\nII.1 Forms");
  EXPECT_EQ(md(p).substr(0, 18), "# Part I Scope\n\n##");
}

TEST(DocxPieces, NumberFormats) {
  using quarry::detail::docx::format_number;
  using quarry::detail::docx::number_format;
  EXPECT_EQ(format_number(4, number_format::lower_roman), "iv");
  EXPECT_EQ(format_number(1994, number_format::upper_roman), "MCMXCIV");
  EXPECT_EQ(format_number(28, number_format::lower_letter), "bb");
  EXPECT_EQ(format_number(3, number_format::upper_letter), "C");
  EXPECT_EQ(format_number(7, number_format::decimal_zero), "07");
  EXPECT_EQ(format_number(12, number_format::decimal), "12");
  EXPECT_EQ(format_number(5, number_format::bullet), "");
}

TEST(Docx, UnknownNumberingIsAPlainParagraph) {
  package p;
  p.body = item("no numbering part", 5);
  EXPECT_EQ(md(p), "no numbering part");
}

// ---- tables ----------------------------------------------------------------------------------

std::string cell(std::string_view text, std::string_view props = {}) {
  return "<w:tc>" + (props.empty() ? std::string() : "<w:tcPr>" + std::string(props) + "</w:tcPr>") + para(text) + "</w:tc>";
}

TEST(Docx, TablesWithSpansAndMergedCells) {
  package p;
  p.body = para("Before") +
           "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
           "<w:tr>" + cell("A") + cell("B") + cell("C") + "</w:tr>"
           "<w:tr>" + cell("wide", "<w:gridSpan w:val=\"2\"/>") + cell("tall", "<w:vMerge w:val=\"restart\"/>") + "</w:tr>"
           "<w:tr>" + cell("x") + cell("y") + "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
           "</w:tbl>" + para("After");
  quarry::options opts;
  auto r = run(p.build(), opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "Before\n\nA\tB\tC\nwide\t\ttall\nx\ty\n\nAfter");
  ASSERT_EQ(r.value().tables.size(), 1u);
  const std::vector<std::vector<std::string>> want = {{"A", "B", "C"}, {"wide", "", "tall"}, {"x", "y", ""}};
  EXPECT_EQ(r.value().tables[0].cells, want);
  EXPECT_EQ(md(p), "Before\n\n| A | B | C |\n| --- | --- | --- |\n| wide |  | tall |\n| x | y |  |\n\nAfter");
}

TEST(Docx, NestedTablesJoinTheirCellAndAreReported) {
  package p;
  const std::string inner = "<w:tbl><w:tr>" + cell("i1") + cell("i2") + "</w:tr><w:tr>" + cell("i3") + cell("i4") + "</w:tr></w:tbl>";
  p.body = "<w:tbl><w:tr>" + cell("h1") + cell("h2") + "</w:tr><w:tr><w:tc>" + para("outer") + inner + "</w:tc>" + cell("z") +
           "</w:tr></w:tbl>";
  auto r = run(p.build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "h1\th2\nouter i1 i2 i3 i4\tz");
  ASSERT_EQ(r.value().tables.size(), 2u);
  const std::vector<std::vector<std::string>> nested = {{"i1", "i2"}, {"i3", "i4"}};
  EXPECT_EQ(r.value().tables[0].cells, nested);
  EXPECT_EQ(r.value().tables[1].cells[1][0], "outer\ni1 i2\ni3 i4");
}

TEST(Docx, ListsInsideCellsKeepTheirMarkers) {
  package p;
  p.with_numbering(basic_numbering);
  p.body = "<w:tbl><w:tr><w:tc>" + para("Steps:") + item("first", 2) + item("second", 2) + "</w:tc></w:tr></w:tbl>";
  auto r = run(p.build());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().tables.size(), 1u);
  EXPECT_EQ(r.value().tables[0].cells[0][0], "Steps:\n1. first\n2. second");
}

TEST(Docx, TablesCloseOpenLists) {
  package p;
  p.with_numbering(basic_numbering);
  p.body = item("item", 1) + "<w:tbl><w:tr>" + cell("c") + "</w:tr></w:tbl>" + item("again", 1);
  EXPECT_EQ(md(p), "- item\n\n| c |\n| --- |\n\n- again");
}

// ---- notes, headers, footers, comments ---------------------------------------------------------

package with_notes() {
  package p;
  p.with_rel("rIdF", "footnotes", "footnotes.xml").with_rel("rIdE", "endnotes", "endnotes.xml");
  p.with_part("word/footnotes.xml",
              "<w:footnotes" + ns() + "><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
              "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> First note.</w:t></w:r></w:p>"
              "<w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:footnote>"
              "<w:footnote w:id=\"3\"><w:p><w:r><w:t>Unreferenced.</w:t></w:r></w:p></w:footnote></w:footnotes>");
  p.with_part("word/endnotes.xml",
              "<w:endnotes" + ns() + "><w:endnote w:id=\"1\"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote></w:endnotes>");
  p.body = "<w:p>" + run_xml("Text") + "<w:r><w:footnoteReference w:id=\"2\"/></w:r>" + run_xml(" more") +
           "<w:r><w:endnoteReference w:id=\"1\"/></w:r>" + run_xml(" again") + "<w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>";
  return p;
}

TEST(Docx, FootnotesAndEndnotesAfterTheBody) {
  const package p = with_notes();
  EXPECT_EQ(md(p), "Text[^1] more[^2] again[^1]\n\n[^1]: First note.\\\nSecond paragraph.\n\n[^2]: An endnote.");
  EXPECT_EQ(content(p), "Text[1] more[2] again[1]\n\n[1] First note.\nSecond paragraph.\n\n[2] An endnote.");
}

TEST(Docx, HeadersAndFootersOnRequest) {
  package p;
  p.with_rel("rIdH", "header", "header1.xml").with_rel("rIdH2", "header", "header2.xml").with_rel("rIdFt", "footer", "footer1.xml");
  p.with_part("word/header1.xml", "<w:hdr" + ns() + ">" + para("Running head") + "</w:hdr>");
  p.with_part("word/header2.xml", "<w:hdr" + ns() + ">" + para("First-page head") + "</w:hdr>");
  p.with_part("word/footer1.xml",
              "<w:ftr" + ns() + "><w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:fldSimple w:instr=\"PAGE\"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>");
  p.body = para("Body") + "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/><w:headerReference w:type=\"first\" r:id=\"rIdH2\"/>"
                          "<w:footerReference w:type=\"default\" r:id=\"rIdFt\"/></w:sectPr>";
  EXPECT_EQ(content(p), "Body");
  quarry::options opts;
  opts.include_headers_footers = true;
  EXPECT_EQ(content(p, false, opts), "Body\n\nRunning head\n\nFirst-page head\n\nPage 1");
}

TEST(Docx, CommentsOnRequest) {
  package p;
  p.with_rel("rIdC", "comments", "comments.xml");
  p.with_part("word/comments.xml", "<w:comments" + ns() + "><w:comment w:id=\"0\" w:author=\"Ann\"><w:p><w:r><w:annotationRef/></w:r>"
                                   "<w:r><w:t>Check this.</w:t></w:r></w:p></w:comment>"
                                   "<w:comment w:id=\"1\"><w:p><w:r><w:t>Anonymous.</w:t></w:r></w:p></w:comment></w:comments>");
  p.body = "<w:p><w:commentRangeStart w:id=\"0\"/>" + run_xml("Claim.") + "<w:commentRangeEnd w:id=\"0\"/>"
           "<w:r><w:commentReference w:id=\"0\"/></w:r></w:p>";
  EXPECT_EQ(content(p), "Claim.");
  quarry::options opts;
  opts.include_comments = true;
  EXPECT_EQ(content(p, false, opts), "Claim.\n\nComment by Ann: Check this.\n\nComment: Anonymous.");
}

// ---- text boxes, content controls, pictures, math ------------------------------------------------

TEST(Docx, TextBoxesAreReadOnceAfterTheirParagraph) {
  package p;
  const std::string box = "<w:txbxContent>" + para("Boxed text") + "</w:txbxContent>";
  p.body = "<w:p>" + run_xml("Anchor ") +
           "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wp:docPr id=\"1\" name=\"Text Box 1\"/>"
           "<a:graphic><a:graphicData><wps:wsp><wps:txbx>" + box + "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
           "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>" + box + "</v:textbox></v:shape></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r>" + run_xml("continues.") + "</w:p>" + para("Next");
  EXPECT_EQ(content(p), "Anchor continues.\n\nBoxed text\n\nNext");
}

TEST(Docx, VmlTextBoxWithoutAlternateContent) {
  package p;
  p.body = "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + para("Old box") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>";
  EXPECT_EQ(content(p), "Old box");
}

TEST(Docx, ContentControlsSmartTagsAndCustomXmlAreUnwrapped) {
  package p;
  p.body = "<w:sdt><w:sdtPr><w:alias w:val=\"Intro\"/></w:sdtPr><w:sdtContent>" + para("In a block control") + "</w:sdtContent></w:sdt>"
           "<w:p><w:sdt><w:sdtPr/><w:sdtContent>" + run_xml("inline ") + "</w:sdtContent></w:sdt>"
           "<w:smartTag w:element=\"place\">" + run_xml("Paris") + "</w:smartTag>"
           "<w:customXml w:element=\"x\">" + run_xml(" here") + "</w:customXml></w:p>"
           "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" + para("Click here to enter text.") + "</w:sdtContent></w:sdt>";
  EXPECT_EQ(content(p), "In a block control\n\ninline Paris here");
}

TEST(Docx, ImportedChunksAreWarnedAbout) {
  package p;
  p.body = para("Before") + "<w:altChunk r:id=\"rIdHtml\"/>" + para("After");
  auto r = run(p.build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "Before\n\nAfter");
  EXPECT_TRUE(has_warning(r.value(), "unsupported_content"));
}

TEST(Docx, PicturesGiveTheirDescription) {
  package p;
  p.with_rel("rIdImg", "image", "media/image1.png");
  p.body = "<w:p>" + run_xml("Logo: ") + "<w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"Picture 1\" descr=\"A red circle\"/>"
           "<a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"rIdImg\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>"
           "</wp:inline></w:drawing></w:r></w:p>";
  EXPECT_EQ(md(p), "Logo: ![A red circle](word/media/image1.png)");
  EXPECT_EQ(content(p), "Logo: A red circle");
  quarry::options opts;
  opts.extract_images = true;
  auto r = run(p.build(), opts);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().images.size(), 1u);
  EXPECT_EQ(r.value().images[0].format, "png");
  EXPECT_EQ(r.value().images[0].name, "word/media/image1.png");
  EXPECT_TRUE(run(p.build()).value().images.empty());
  EXPECT_EQ(quarry::detail::docx::image_format("word/media/a.JPG"), "jpeg");
  EXPECT_EQ(quarry::detail::docx::image_format("word/media.d/noext"), "");
}

TEST(Docx, MathAsLinearText) {
  package p;
  auto r = [](std::string_view t) { return "<m:r><m:t>" + std::string(t) + "</m:t></m:r>"; };
  // x = (-b ± √(b² - 4ac)) / (2a), and a sum with a subscript.
  p.body = "<w:p><m:oMathPara><m:oMath>" + r("x=") + "<m:f><m:num>" + r("-b±") +
           "<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e><m:sSup><m:e>" + r("b") + "</m:e><m:sup>" + r("2") +
           "</m:sup></m:sSup>" + r("-4ac") + "</m:e></m:rad></m:num><m:den>" + r("2a") + "</m:den></m:f></m:oMath></m:oMathPara></w:p>" +
           "<w:p><m:oMath><m:nary><m:naryPr><m:chr m:val=\"\u2211\"/></m:naryPr><m:sub>" + r("i=1") + "</m:sub><m:sup>" + r("n") +
           "</m:sup><m:e><m:sSub><m:e>" + r("x") + "</m:e><m:sub>" + r("i") + "</m:sub></m:sSub></m:e></m:nary>" +
           "<m:d><m:e>" + r("a") + "</m:e><m:e>" + r("b") + "</m:e></m:d></m:oMath></w:p>";
  EXPECT_EQ(content(p), "x=(-b±√(b²-4ac))/2a\n\n∑_(i=1)^nx_i(a|b)");
}

// ---- packages --------------------------------------------------------------------------------

TEST(Docx, MainPartFoundThroughRelationshipsAndStrictNamespaces) {
  package p;
  p.main = "content/main.xml";
  p.body = para("Strict body", "Heading1");
  std::string docx = p.build();
  // Strict OOXML: other namespace URIs, same local names.
  zip_writer z;
  z.add("_rels/.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" Target=\"/content/main.xml\"/>"
        "</Relationships>");
  z.add("content/main.xml",
        "<x:document xmlns:x=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><x:body><x:p><x:pPr><x:pStyle x:val=\"Heading1\"/></x:pPr>"
        "<x:r><x:t>Strict body</x:t></x:r></x:p></x:body></x:document>");
  z.add("word/document.xml", "<w:document" + ns() + "><w:body>" + para("decoy") + "</w:body></w:document>");
  quarry::options opts;
  opts.format = quarry::output_format::markdown;
  auto r = quarry::extract(bytes_of(z.build()), "docx", opts);
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "# Strict body");
  EXPECT_EQ(md(p), "# Strict body");
}

TEST(Docx, DocumentPropertiesBecomeMetadata) {
  package p;
  p.body = para("x");
  p.with_part("docProps/app.xml",
              "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
              "<Application>Microsoft Office Word</Application><Pages>3</Pages><Words>120</Words></Properties>");
  auto r = run(p.build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().mime_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  const quarry::value* pages = r.value().metadata.find("pageCount");
  ASSERT_NE(pages, nullptr);
  EXPECT_EQ(pages->as_int(), 3);
  const quarry::value* words = r.value().metadata.find("wordCount");
  ASSERT_NE(words, nullptr);
  EXPECT_EQ(words->as_int(), 120);
}

TEST(Docx, Utf16PartsAndInvalidUtf8) {
  package p;
  p.body = para("ok");
  std::string doc = "<w:document" + ns() + "><w:body>" + para("caf\xc3\xa9 \xff end") + "</w:body></w:document>";
  zip_writer z;
  z.add("word/document.xml", doc);
  auto r = run(z.build());
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "caf\u00e9 \ufffd end");
  EXPECT_TRUE(has_warning(r.value(), "invalid_utf8"));

  // The same part in UTF-16LE with a BOM.
  const std::string utf8 = "<w:document" + ns() + "><w:body>" + para("\u00fcber") + "</w:body></w:document>";
  std::string utf16 = "\xff\xfe";
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = c;
    if (c == 0xC3) cp = 0xC0 | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    utf16 += static_cast<char>(cp & 0xFF);
    utf16 += static_cast<char>(cp >> 8);
  }
  zip_writer z16;
  z16.add("word/document.xml", utf16);
  auto r16 = run(z16.build());
  ASSERT_TRUE(r16.ok()) << r16.err().detail;
  EXPECT_EQ(r16.value().content, "\u00fcber");
}

// ---- the pieces ------------------------------------------------------------------------------

TEST(DocxPieces, HeadingNames) {
  using quarry::detail::docx::heading_from_name;
  EXPECT_EQ(heading_from_name("heading 1"), 1);
  EXPECT_EQ(heading_from_name("Heading 9"), 9);
  EXPECT_EQ(heading_from_name("Heading3"), 3);
  EXPECT_EQ(heading_from_name("TITLE"), 1);
  EXPECT_EQ(heading_from_name("heading 10"), 0);
  EXPECT_EQ(heading_from_name("Heading 1 Char"), 0);
  EXPECT_EQ(heading_from_name("headings"), 0);
}

TEST(DocxPieces, SymbolCharacters) {
  using quarry::detail::docx::symbol_char;
  EXPECT_EQ(symbol_char("Symbol", "F0B7"), U'\u2022');
  EXPECT_EQ(symbol_char("Symbol", "70"), U'\u03c0');
  EXPECT_EQ(symbol_char("Wingdings", "F0FE"), U'\u2611');
  EXPECT_EQ(symbol_char("Webdings", "F021"), U'\0');
  EXPECT_EQ(symbol_char("", "0041"), U'A');
  EXPECT_EQ(symbol_char("", "zz"), U'\0');
  EXPECT_EQ(symbol_char("", "D800"), U'\0');
  EXPECT_EQ(symbol_char("", "0007"), U'\0');
}

// ---- hostile input ---------------------------------------------------------------------------

TEST(DocxHostile, EmptyTruncatedAndRandomInput) {
  auto empty = run("");
  ASSERT_FALSE(empty.ok());
  package p;
  p.body = para("Hello world");
  const std::string whole = p.build();
  for (std::size_t cut : {std::size_t{10}, whole.size() / 3, whole.size() / 2, whole.size() - 30}) {
    auto r = run(whole.substr(0, cut));
    if (!r.ok()) {
      EXPECT_EQ(r.err().code, quarry::error_code::corrupt) << cut;
    }
  }
  std::mt19937 rng(7);
  std::string noise(3 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  const auto t0 = std::chrono::steady_clock::now();
  auto r = run(noise);
  EXPECT_FALSE(r.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST(DocxHostile, TruncatedXmlKeepsWhatWasRead) {
  zip_writer z;
  z.add("word/document.xml", "<w:document" + ns() + "><w:body>" + para("Kept paragraph") + "<w:p><w:r><w:t>cut he");
  auto r = run(z.build());
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content.substr(0, 14), "Kept paragraph");
  EXPECT_TRUE(has_warning(r.value(), "xml_error"));
}

TEST(DocxHostile, MissingOrUnusableMainPart) {
  auto none = run(zip_writer().add("word/other.xml", "<x/>").build());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.err().code, quarry::error_code::corrupt);
  auto not_xml = run(zip_writer().add("word/document.xml", "\x01\x02 not xml").build());
  ASSERT_FALSE(not_xml.ok());
  EXPECT_EQ(not_xml.err().code, quarry::error_code::corrupt);
  auto no_body = run(zip_writer().add("word/document.xml", "<w:document" + ns() + "/>").build());
  ASSERT_FALSE(no_body.ok());
  EXPECT_EQ(no_body.err().code, quarry::error_code::corrupt);
}

TEST(DocxHostile, DeepNestingIsALimitNotACrash) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "<w:sdt><w:sdtContent>";
  body += para("deep");
  for (int i = 0; i < 100000; ++i) body += "</w:sdtContent></w:sdt>";
  package p;
  p.body = body;
  auto r = run(p.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(DocxHostile, TenThousandNestedTables) {
  std::string body;
  for (int i = 0; i < 10000; ++i) body += "<w:tbl><w:tr><w:tc>";
  body += para("core");
  for (int i = 0; i < 10000; ++i) body += "</w:tc></w:tr></w:tbl>";
  package p;
  p.body = body;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = run(p.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  // Within the depth limit, nested tables are read (each one also reported).
  quarry::options opts;
  opts.limits.max_depth = 1000000;
  auto deep = run(p.build(), opts);
  ASSERT_TRUE(deep.ok()) << deep.err().detail;
  EXPECT_EQ(deep.value().content, "core");
  EXPECT_EQ(deep.value().tables.size(), 10000u);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(20));
}

TEST(DocxHostile, ManyParagraphsAndTheEntryLimit) {
  std::string body;
  body.reserve(100000 * 40);
  for (int i = 0; i < 100000; ++i) body += "<w:p><w:r><w:t>p</w:t></w:r></w:p>";
  package p;
  p.body = body;
  auto r = run(p.build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content.size(), 100000u * 3 - 2);
  quarry::options opts;
  opts.limits.max_entries = 5000;
  auto limited = run(p.build(), opts);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.err().code, quarry::error_code::limit_exceeded);
}

TEST(DocxHostile, HundredThousandCells) {
  std::string rows;
  for (int r = 0; r < 10000; ++r) {
    rows += "<w:tr>";
    for (int c = 0; c < 10; ++c) rows += "<w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc>";
    rows += "</w:tr>";
  }
  package p;
  p.body = "<w:tbl>" + rows + "</w:tbl>";
  const auto t0 = std::chrono::steady_clock::now();
  auto r = run(p.build());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().tables.size(), 1u);
  EXPECT_EQ(r.value().tables[0].cells.size(), 10000u);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

TEST(DocxHostile, BillionLaughsIsNotExpanded) {
  std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY lol \"lol\">";
  std::string prev = "lol";
  for (int i = 1; i <= 9; ++i) {
    const std::string name = "lol" + std::to_string(i);
    doc += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) doc += "&" + prev + ";";
    doc += "\">";
    prev = name;
  }
  doc += "]><w:document" + ns() + "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  zip_writer z;
  z.add("word/document.xml", doc);
  const auto t0 = std::chrono::steady_clock::now();
  auto r = run(z.build());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  if (r.ok()) {
    EXPECT_LT(r.value().content.size(), 100u);
  }
}

TEST(DocxHostile, ZipBombMainPart) {
  // 20 MB of one character deflates to ~20 KB: far past the ratio limit.
  const std::string huge(20u << 20, 'a');
  zip_writer z;
  z.add("word/document.xml", huge);
  auto r = run(z.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(DocxHostile, HugeSpansAndCellTextAreBounded) {
  package p;
  std::string rows;
  for (int i = 0; i < 2000; ++i) rows += "<w:tr>" + cell("x", "<w:gridSpan w:val=\"2000000000\"/>") + "</w:tr>";
  p.body = "<w:tbl><w:tblPr><w:tblGridBefore/></w:tblPr>" + rows + "</w:tbl>";
  auto r = run(p.build());
  ASSERT_TRUE(r.ok()) << r.err().detail;
  ASSERT_EQ(r.value().tables.size(), 1u);
  EXPECT_EQ(r.value().tables[0].cells[0].size(), 64u);

  // Nested tables copy their text outwards: the copies count against the output limit.
  std::string body;
  for (int i = 0; i < 200; ++i) body += "<w:tbl><w:tr><w:tc>";
  body += para(std::string(100000, 'y'));
  for (int i = 0; i < 200; ++i) body += "</w:tc></w:tr></w:tbl>";
  package q;
  q.body = body;
  quarry::options opts;
  opts.limits.max_output_bytes = 4u << 20;
  auto limited = run(q.build(), opts);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.err().code, quarry::error_code::limit_exceeded);
}

TEST(DocxHostile, ManyFieldsAndNotesStayLinear) {
  std::string body = "<w:p>";
  for (int i = 0; i < 20000; ++i) body += "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>";
  body += run_xml("hidden in an instruction") + "</w:p>" + "<w:p>";
  for (int i = 0; i < 20000; ++i) body += "<w:r><w:footnoteReference w:id=\"" + std::to_string(i) + "\"/></w:r>";
  body += "</w:p>";
  package p;
  p.body = body;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = run(p.build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content.find("hidden"), std::string::npos);
  EXPECT_NE(r.value().content.find("[20000]"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

}  // namespace
