// PPTX: presentation order, reading order, titles, lists and inherited bullets, tables, notes,
// comments, hidden slides, images, links, charts and SmartArt, and damaged or hostile packages.
// Packages are built here with the test ZIP writer from hand-written parts.
#include <gtest/gtest.h>

#if QUARRY_HAS_PPTX
#include <algorithm>
#include <string>
#include <vector>

#include "quarry/quarry.hpp"
#include "zip_writer.hpp"

namespace {

constexpr const char* ns =
    R"( xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")"
    R"( xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main")";

const std::string rel_base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

std::string rel(std::string_view id, std::string_view type, std::string_view target, bool external = false) {
  return "<Relationship Id=\"" + std::string(id) + "\" Type=\"" + rel_base + std::string(type) + "\" Target=\"" +
         std::string(target) + "\"" + (external ? " TargetMode=\"External\"" : "") + "/>";
}

std::string rels(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)" +
         body + "</Relationships>";
}

// A slide (or notes page, layout...) around shapes.
std::string slide_xml(const std::string& shapes, std::string_view root = "p:sld", std::string_view attrs = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + std::string(root) + ns + std::string(attrs) +
         "><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>" +
         "<p:grpSpPr/>" + shapes + "</p:spTree></p:cSld></" + std::string(root) + ">";
}

std::string off(long long x, long long y) {
  return "<a:xfrm><a:off x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\"/><a:ext cx=\"100\" cy=\"100\"/></a:xfrm>";
}

// A shape: `ph` is a p:ph element ("" for none), `pos` an a:xfrm ("" for none), `paras` a:p elements.
std::string sp(const std::string& paras, const std::string& pos = "", const std::string& ph = "", const std::string& list_style = "") {
  return "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"s\"/><p:cNvSpPr/><p:nvPr>" + ph + "</p:nvPr></p:nvSpPr><p:spPr>" + pos +
         "</p:spPr><p:txBody><a:bodyPr/><a:lstStyle>" + list_style + "</a:lstStyle>" + paras + "</p:txBody></p:sp>";
}

std::string para(const std::string& text, const std::string& ppr = "") {
  return "<a:p>" + ppr + "<a:r><a:rPr lang=\"en-US\"/><a:t>" + text + "</a:t></a:r></a:p>";
}

std::string title(const std::string& text, std::string_view type = "title") {
  return sp(para(text), "", "<p:ph type=\"" + std::string(type) + "\"/>");
}

// A package: slides in file order slide1..N; `order` lists which slide files the presentation
// shows, in its order (1-based; empty: all in file order).
struct deck {
  std::vector<std::string> slides;
  std::vector<std::string> slide_rels;  // extra relationships per slide (same index)
  std::vector<int> order;
  std::vector<std::pair<std::string, std::string>> extra_parts;
  std::string layout;  // a layout part for every slide ("" for none)
  std::string master;
  std::string core;
  std::vector<int> missing;  // slide files (1-based) the package leaves out

  std::string build() const {
    quarry::test::zip_writer z;
    z.add("[Content_Types].xml", R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)");
    z.add("_rels/.rels", rels(rel("rId1", "officeDocument", "ppt/presentation.xml")));
    std::string ids, prels;
    std::vector<int> shown = order;
    if (shown.empty()) {
      for (std::size_t i = 0; i < slides.size(); ++i) shown.push_back(static_cast<int>(i) + 1);
    }
    for (std::size_t i = 0; i < slides.size(); ++i) {
      prels += rel("rId" + std::to_string(i + 10), "slide", "slides/slide" + std::to_string(i + 1) + ".xml");
    }
    for (const int n : shown) ids += "<p:sldId id=\"" + std::to_string(255 + n) + "\" r:id=\"rId" + std::to_string(n + 9) + "\"/>";
    z.add("ppt/presentation.xml", std::string("<?xml version=\"1.0\"?><p:presentation") + ns + "><p:sldIdLst>" + ids +
                                      "</p:sldIdLst></p:presentation>");
    z.add("ppt/_rels/presentation.xml.rels", rels(prels));
    for (std::size_t i = 0; i < slides.size(); ++i) {
      const std::string name = "slide" + std::to_string(i + 1) + ".xml";
      if (std::find(missing.begin(), missing.end(), static_cast<int>(i) + 1) == missing.end()) z.add("ppt/slides/" + name, slides[i]);
      std::string r = layout.empty() ? "" : rel("rIdL", "slideLayout", "../slideLayouts/slideLayout1.xml");
      if (i < slide_rels.size()) r += slide_rels[i];
      z.add("ppt/slides/_rels/" + name + ".rels", rels(r));
    }
    if (!layout.empty()) {
      z.add("ppt/slideLayouts/slideLayout1.xml", layout);
      z.add("ppt/slideLayouts/_rels/slideLayout1.xml.rels", rels(rel("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")));
      if (!master.empty()) z.add("ppt/slideMasters/slideMaster1.xml", master);
    }
    if (!core.empty()) z.add("docProps/core.xml", core);
    for (const auto& [name, data] : extra_parts) z.add(name, data);
    return z.build();
  }
};

quarry::result<quarry::document> run(const std::string& bytes, quarry::options o = {}) {
  return quarry::extract(std::as_bytes(std::span(bytes.data(), bytes.size())), "pptx", o);
}

quarry::document ok(const std::string& bytes, quarry::options o = {}) {
  auto r = run(bytes, o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? std::move(r).value() : quarry::document{};
}

quarry::options markdown() {
  quarry::options o;
  o.format = quarry::output_format::markdown;
  return o;
}

TEST(Pptx, SlidesFollowThePresentationOrderWithTitlesAsHeadings) {
  deck d;
  d.slides = {slide_xml(title("First file") + sp(para("one"))), slide_xml(title("Second file") + sp(para("two")))};
  d.order = {2, 1};
  auto o = markdown();
  o.pages = true;
  const auto doc = ok(d.build(), o);
  EXPECT_EQ(doc.content, "## Second file\n\ntwo\n\n## First file\n\none");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].page_number, 1u);
  EXPECT_EQ(doc.pages[0].content, "## Second file\n\ntwo");
  EXPECT_EQ(doc.pages[1].page_number, 2u);
  EXPECT_EQ(doc.metadata.find("slideCount")->as_int(), 2);
  EXPECT_EQ(doc.mime_type, "application/vnd.openxmlformats-officedocument.presentationml.presentation");
}

TEST(Pptx, CentredTitleIsTheTopHeadingAndTitlesComeFirst) {
  deck d;
  d.slides = {slide_xml(sp(para("subtitle"), off(0, 500), "<p:ph type=\"subTitle\" idx=\"1\"/>") + title("Deck", "ctrTitle"))};
  EXPECT_EQ(ok(d.build(), markdown()).content, "# Deck\n\nsubtitle");
  EXPECT_EQ(ok(d.build()).content, "Deck\n\nsubtitle");
}

TEST(Pptx, ShapesReadTopToBottomThenLeftToRight) {
  deck d;
  d.slides = {slide_xml(sp(para("bottom"), off(0, 9000000)) + sp(para("top right"), off(5000000, 1000000)) +
                        sp(para("top left"), off(100000, 1000000)) + sp(para("middle"), off(0, 4000000)))};
  EXPECT_EQ(ok(d.build()).content, "top left\n\ntop right\n\nmiddle\n\nbottom");
  // Boxes side by side whose tops are a hair out of line still read left to right.
  d.slides = {slide_xml(sp(para("right"), off(6000000, 2434665)) + sp(para("middle"), off(3000000, 2459421)) +
                        sp(para("left"), off(100000, 2457553)))};
  EXPECT_EQ(ok(d.build()).content, "left\n\nmiddle\n\nright");
}

TEST(Pptx, GroupChildrenAreMappedToSlideCoordinates) {
  // The group sits at y=1000000 on the slide; its children use a child space starting at
  // y=50000000, so "in group" lands at slide y 1000000: after "above", before "below".
  const std::string group =
      "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"9\" name=\"g\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>"
      "<a:xfrm><a:off x=\"0\" y=\"1000000\"/><a:ext cx=\"100\" cy=\"100\"/><a:chOff x=\"0\" y=\"50000000\"/><a:chExt cx=\"100\" cy=\"100\"/></a:xfrm>"
      "</p:grpSpPr>" + sp(para("in group"), off(0, 50000000)) + "</p:grpSp>";
  deck d;
  d.slides = {slide_xml(sp(para("below"), off(0, 2000000)) + group + sp(para("above"), off(0, 500000)))};
  EXPECT_EQ(ok(d.build()).content, "above\n\nin group\n\nbelow");
}

TEST(Pptx, ExplicitBulletsAndLevelsMakeLists) {
  const std::string bu = "<a:pPr><a:buChar char=\"•\"/></a:pPr>";
  const std::string bu1 = "<a:pPr lvl=\"1\"><a:buChar char=\"•\"/></a:pPr>";
  const std::string num = "<a:pPr><a:buAutoNum type=\"arabicPeriod\" startAt=\"3\"/></a:pPr>";
  deck d;
  d.slides = {slide_xml(sp(para("intro") + para("a", bu) + para("a1", bu1) + para("b", bu) + para("three", num) +
                           para("four", num) + para("plain", "<a:pPr><a:buNone/></a:pPr>")))};
  EXPECT_EQ(ok(d.build(), markdown()).content, "intro\n\n- a\n  - a1\n- b\n\n3. three\n4. four\n\nplain");
}

TEST(Pptx, BodyPlaceholdersInheritBulletsFromTheMaster) {
  // The layout's body placeholder says nothing about bullets; the master's body style bullets level
  // 1 and 2 and the layout turns level 3 off.
  deck d;
  d.layout = slide_xml(sp("", off(0, 1000), "<p:ph idx=\"1\"/>", "<a:lvl3pPr><a:buNone/></a:lvl3pPr>") +
                           sp("", off(0, 10), "<p:ph type=\"title\"/>"),
                       "p:sldLayout");
  d.master = slide_xml(sp("", off(0, 1000), "<p:ph type=\"body\" idx=\"1\"/>"), "p:sldMaster");
  // p:txStyles goes after p:cSld.
  d.master.insert(d.master.rfind("</p:sldMaster>"),
                  "<p:txStyles><p:bodyStyle><a:lvl1pPr><a:buChar char=\"•\"/></a:lvl1pPr>"
                  "<a:lvl2pPr><a:buChar char=\"-\"/></a:lvl2pPr></p:bodyStyle></p:txStyles>");
  d.slides = {slide_xml(sp(para("first") + para("second", "<a:pPr lvl=\"1\"/>") + para("third", "<a:pPr lvl=\"2\"/>"),
                           "", "<p:ph idx=\"1\"/>"))};
  EXPECT_EQ(ok(d.build(), markdown()).content, "- first\n  - second\n\nthird");
}

TEST(Pptx, WithoutALayoutIndentedBodyParagraphsAreListItems) {
  deck d;
  d.slides = {slide_xml(sp(para("lead") + para("point", "<a:pPr lvl=\"1\"/>"), "", "<p:ph idx=\"1\"/>") +
                        sp(para("not a list", "<a:pPr lvl=\"1\"/>"), off(0, 99999)))};
  EXPECT_EQ(ok(d.build(), markdown()).content, "lead\n\n- point\n\nnot a list");
}

TEST(Pptx, PlaceholderPositionsComeFromTheLayout) {
  // Neither placeholder has a position on the slide: the layout puts the body below the text box.
  deck d;
  d.layout = slide_xml(sp("", off(0, 5000000), "<p:ph type=\"body\" idx=\"1\"/>"), "p:sldLayout");
  d.slides = {slide_xml(sp(para("body text"), "", "<p:ph idx=\"1\"/>") + sp(para("box"), off(0, 100000)))};
  EXPECT_EQ(ok(d.build()).content, "box\n\nbody text");
}

TEST(Pptx, RunsKeepMarkupAndLinks) {
  deck d;
  d.slides = {slide_xml(sp("<a:p><a:r><a:rPr b=\"1\"/><a:t>Bold</a:t></a:r><a:r><a:rPr b=\"1\"/><a:t> still</a:t></a:r>"
                           "<a:r><a:rPr/><a:t> and </a:t></a:r><a:r><a:rPr i=\"1\"><a:hlinkClick r:id=\"rId7\"/></a:rPr>"
                           "<a:t>a link</a:t></a:r><a:br/><a:r><a:t>next</a:t></a:r>"
                           "<a:fld id=\"{1}\" type=\"slidenum\"><a:t>7</a:t></a:fld></a:p>"))};
  d.slide_rels = {rel("rId7", "hyperlink", "https://example.com/x", true)};
  EXPECT_EQ(ok(d.build(), markdown()).content, "**Bold still** and [*a link*](https://example.com/x)\\\nnext7");
  EXPECT_EQ(ok(d.build()).content, "Bold still and a link\nnext7");
}

TEST(Pptx, TablesWithMergedCells) {
  const std::string tc = "<a:tc><a:txBody><a:bodyPr/><a:p><a:r><a:t>";
  const std::string end = "</a:t></a:r></a:p></a:txBody></a:tc>";
  const std::string frame =
      "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"5\" name=\"t\"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>"
      "<p:xfrm><a:off x=\"0\" y=\"10\"/><a:ext cx=\"1\" cy=\"1\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\">"
      "<a:tbl><a:tblGrid><a:gridCol w=\"1\"/><a:gridCol w=\"1\"/><a:gridCol w=\"1\"/></a:tblGrid>"
      "<a:tr h=\"1\"><a:tc gridSpan=\"2\"><a:txBody><a:p><a:r><a:t>wide</a:t></a:r></a:p></a:txBody></a:tc>"
      "<a:tc hMerge=\"1\"><a:txBody><a:p><a:r><a:t>hidden</a:t></a:r></a:p></a:txBody></a:tc>" + tc + "c" + end + "</a:tr>"
      "<a:tr h=\"1\">" + tc + "1" + end + "<a:tc rowSpan=\"2\"><a:txBody><a:p><a:r><a:t>tall</a:t></a:r></a:p>"
      "<a:p><a:r><a:t>cell</a:t></a:r></a:p></a:txBody></a:tc>" + tc + "3" + end + "</a:tr>"
      "<a:tr h=\"1\">" + tc + "4" + end + "<a:tc vMerge=\"1\"><a:txBody><a:p/></a:txBody></a:tc>" + tc + "6" + end + "</a:tr>"
      "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>";
  deck d;
  d.slides = {slide_xml(title("T") + frame)};
  const auto doc = ok(d.build(), markdown());
  EXPECT_EQ(doc.content, "## T\n\n| wide |  | c |\n| --- | --- | --- |\n| 1 | tall cell | 3 |\n| 4 |  | 6 |");
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(doc.tables[0].cells[1][1], "tall\ncell");
  EXPECT_EQ(doc.tables[0].cells[0][1], "");
}

TEST(Pptx, NotesAreShownOnlyWhenAskedForWithoutTheSlideNumber) {
  const std::string notes = slide_xml(
      sp("", "", "<p:ph type=\"sldImg\"/>") + sp(para("Say hello."), "", "<p:ph type=\"body\" idx=\"1\"/>") +
          sp("<a:p><a:fld id=\"{2}\" type=\"slidenum\"><a:t>1</a:t></a:fld></a:p>", "", "<p:ph type=\"sldNum\" idx=\"5\"/>"),
      "p:notes");
  deck d;
  d.slides = {slide_xml(title("Hi") + sp(para("text")))};
  d.slide_rels = {rel("rIdN", "notesSlide", "../notesSlides/notesSlide1.xml")};
  d.extra_parts = {{"ppt/notesSlides/notesSlide1.xml", notes}};
  EXPECT_EQ(ok(d.build()).content, "Hi\n\ntext");
  quarry::options o;
  o.include_notes = true;
  EXPECT_EQ(ok(d.build(), o).content, "Hi\n\ntext\n\nNotes:\n\nSay hello.");
}

TEST(Pptx, HiddenSlidesAreKeptAndListed) {
  deck d;
  d.slides = {slide_xml(sp(para("shown"))), slide_xml(sp(para("hidden")), "p:sld", " show=\"0\"")};
  const auto doc = ok(d.build());
  EXPECT_EQ(doc.content, "shown\n\nhidden");
  const quarry::value* hidden = doc.metadata.find("hiddenSlides");
  ASSERT_NE(hidden, nullptr);
  ASSERT_EQ(hidden->size(), 1u);
  EXPECT_EQ(hidden->items()[0].as_int(), 2);
}

TEST(Pptx, PicturesGiveTheirAlternativeText) {
  const std::string pic =
      "<p:pic><p:nvPicPr><p:cNvPr id=\"4\" name=\"Picture 3\" descr=\"A red  square\"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>"
      "<p:blipFill><a:blip r:embed=\"rId3\"/></p:blipFill><p:spPr>" + off(0, 10) + "</p:spPr></p:pic>";
  deck d;
  d.slides = {slide_xml(pic)};
  d.slide_rels = {rel("rId3", "image", "../media/image1.png")};
  EXPECT_EQ(ok(d.build(), markdown()).content, "![A red square](ppt/media/image1.png)");
  EXPECT_EQ(ok(d.build()).content, "A red square");
  quarry::options o;
  o.extract_images = true;
  const auto doc = ok(d.build(), o);
  ASSERT_EQ(doc.images.size(), 1u);
  EXPECT_EQ(doc.images[0].format, "png");
  EXPECT_EQ(doc.images[0].name, "ppt/media/image1.png");
  EXPECT_EQ(doc.images[0].page_number, 1u);
}

TEST(Pptx, AlternateContentIsReadOnce) {
  deck d;
  d.slides = {slide_xml("<mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
                        "<mc:Choice Requires=\"p14\">" + sp(para("new")) + "</mc:Choice><mc:Fallback>" + sp(para("old")) +
                        "</mc:Fallback></mc:AlternateContent>")};
  EXPECT_EQ(ok(d.build()).content, "new");
}

TEST(Pptx, FooterPlaceholdersOnlyWithHeadersAndFooters) {
  deck d;
  d.slides = {slide_xml(sp(para("body")) + sp(para("ACME confidential"), off(0, 9000), "<p:ph type=\"ftr\" idx=\"11\"/>") +
                        sp(para("12"), off(9000, 9000), "<p:ph type=\"sldNum\" idx=\"12\"/>"))};
  EXPECT_EQ(ok(d.build()).content, "body");
  quarry::options o;
  o.include_headers_footers = true;
  EXPECT_EQ(ok(d.build(), o).content, "body\n\nACME confidential\n\n12");
}

TEST(Pptx, CommentsOnlyWhenAskedFor) {
  deck d;
  d.slides = {slide_xml(sp(para("body")))};
  d.slide_rels = {rel("rIdC", "comments", "../comments/comment1.xml")};
  d.extra_parts = {{"ppt/comments/comment1.xml",
                    std::string("<p:cmLst") + ns + "><p:cm authorId=\"0\" idx=\"1\"><p:text>Check this</p:text></p:cm></p:cmLst>"},
                   {"ppt/commentAuthors.xml",
                    std::string("<p:cmAuthorLst") + ns + "><p:cmAuthor id=\"0\" name=\"Ann\" initials=\"A\"/></p:cmAuthorLst>"}};
  // The authors part is the presentation's: add its relationship by rebuilding the rels.
  std::string bytes = d.build();
  EXPECT_EQ(ok(bytes).content, "body");
  quarry::options o;
  o.include_comments = true;
  EXPECT_EQ(ok(bytes, o).content, "body\n\nComment: Check this");  // no authors relationship: no name
}

TEST(Pptx, ChartTitlesAndSmartArtText) {
  const std::string frame_open =
      "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"5\" name=\"g\"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>";
  const std::string chart = frame_open + "<p:xfrm><a:off x=\"0\" y=\"10\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
                            "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rId5\"/></a:graphicData></a:graphic></p:graphicFrame>";
  const std::string diagram = frame_open + "<p:xfrm><a:off x=\"0\" y=\"20\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/diagram\">"
                              "<dgm:relIds xmlns:dgm=\"http://schemas.openxmlformats.org/drawingml/2006/diagram\" r:dm=\"rId6\"/></a:graphicData></a:graphic></p:graphicFrame>";
  const std::string chart_part =
      R"(<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">)"
      R"(<c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Sales by year</a:t></a:r></a:p></c:rich></c:tx></c:title>)"
      R"(<c:plotArea><c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>Euros</a:t></a:r></a:p></c:rich></c:tx></c:title></c:valAx></c:plotArea></c:chart></c:chartSpace>)";
  const std::string data_part =
      R"(<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>)"
      R"(<dgm:pt modelId="0" type="doc"><dgm:t><a:p><a:r><a:t>ignored</a:t></a:r></a:p></dgm:t></dgm:pt>)"
      R"(<dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>Plan</a:t></a:r></a:p></dgm:t></dgm:pt>)"
      R"(<dgm:pt modelId="2" type="parTrans"><dgm:t><a:p><a:r><a:t>no</a:t></a:r></a:p></dgm:t></dgm:pt>)"
      R"(<dgm:pt modelId="3"><dgm:t><a:p><a:r><a:t>Build</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>)";
  deck d;
  d.slides = {slide_xml(chart + diagram)};
  d.slide_rels = {rel("rId5", "chart", "../charts/chart1.xml") + rel("rId6", "diagramData", "../diagrams/data1.xml")};
  d.extra_parts = {{"ppt/charts/chart1.xml", chart_part}, {"ppt/diagrams/data1.xml", data_part}};
  EXPECT_EQ(ok(d.build()).content, "Sales by year\n\nEuros\n\n- Plan\n- Build");
}

TEST(Pptx, DocumentPropertiesAreMetadata) {
  deck d;
  d.slides = {slide_xml(sp(para("x")))};
  d.core = R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">)"
           R"(<dc:title>Roadmap</dc:title><dc:creator>Ann</dc:creator></cp:coreProperties>)";
  const auto doc = ok(d.build());
  EXPECT_EQ(doc.metadata.find("title")->as_string(), "Roadmap");
  EXPECT_EQ(doc.metadata.find("authors")->items()[0].as_string(), "Ann");
}

// ---- damaged and hostile packages ------------------------------------------------------------

TEST(PptxHostile, NotAZipOrNoPresentationIsCorrupt) {
  auto r = run("PK\x03\x04 not really");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  r = run(quarry::test::zip_writer().add("ppt/other.xml", "<x/>").build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  r = run("");
  ASSERT_FALSE(r.ok());
}

TEST(PptxHostile, AMissingSlideIsSkippedWithAWarning) {
  deck d;
  d.slides = {slide_xml(sp(para("one"))), slide_xml(sp(para("two")))};
  d.missing = {2};
  const auto doc = ok(d.build());
  EXPECT_EQ(doc.content, "one");
  ASSERT_FALSE(doc.warnings.empty());
  EXPECT_EQ(doc.warnings[0].code, "missing_part");
}

TEST(PptxHostile, TruncatedPackagesFailCleanly) {
  deck d;
  d.slides = {slide_xml(title("T") + sp(para("body")))};
  const std::string bytes = d.build();
  for (std::size_t n = 0; n < bytes.size(); n += 7) {
    auto r = run(bytes.substr(0, n));
    if (r.ok()) {
      EXPECT_LE(r.value().content.size(), 100u);
    } else {
      EXPECT_NE(r.err().detail, "");
    }
  }
}

TEST(PptxHostile, InvalidUtf8IsReplacedWithAWarning) {
  deck d;
  d.slides = {slide_xml(sp(para("caf\xE9 ok")))};
  const auto doc = ok(d.build());
  EXPECT_EQ(doc.content, "caf\xEF\xBF\xBD ok");
  ASSERT_FALSE(doc.warnings.empty());
  EXPECT_EQ(doc.warnings[0].code, "invalid_utf8");
}

TEST(PptxHostile, DeeplyNestedGroupsHitTheDepthLimit) {
  std::string shapes;
  const std::string open = "<p:grpSp><p:grpSpPr/>";
  for (int i = 0; i < 100000; ++i) shapes += open;
  shapes += sp(para("deep"));
  for (int i = 0; i < 100000; ++i) shapes += "</p:grpSp>";
  deck d;
  d.slides = {slide_xml(shapes)};
  auto r = run(d.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(PptxHostile, BillionLaughsStaysLiteral) {
  std::string slide = "<?xml version=\"1.0\"?><!DOCTYPE p:sld [<!ENTITY a \"aaaaaaaaaa\">";
  for (int i = 1; i < 10; ++i) {
    slide += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) slide += i == 1 ? "&a;" : "&a" + std::to_string(i - 1) + ";";
    slide += "\">";
  }
  slide += "]>" + slide_xml(sp(para("&a9;"))).substr(slide_xml("").find("<p:sld"));
  deck d;
  d.slides = {slide};
  auto r = run(d.build());
  if (r.ok()) {
    EXPECT_LT(r.value().content.size(), 1000u);
  }
}

TEST(PptxHostile, ManyParagraphsAndTheEntryLimit) {
  std::string paras;
  for (int i = 0; i < 100000; ++i) paras += "<a:p><a:r><a:t>w</a:t></a:r></a:p>";
  deck d;
  d.slides = {slide_xml(sp(paras))};
  const auto doc = ok(d.build());
  EXPECT_EQ(doc.content.size(), 100000u * 3 - 2);
  // A hundred thousand shapes against an entry limit of a thousand.
  std::string shapes;
  for (int i = 0; i < 2000; ++i) shapes += sp(para("s"));
  d.slides = {slide_xml(shapes)};
  quarry::options o;
  o.limits.max_entries = 1000;
  auto r = run(d.build(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(PptxHostile, ABombForASlideIsLimitExceeded) {
  deck d;
  d.slides = {slide_xml(sp(para(std::string(24u << 20, 'a'))))};
  quarry::options o;
  o.limits.max_decompressed_bytes = 4u << 20;
  auto r = run(d.build(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

}  // namespace
#endif
