// OpenDocument: ODT text (headings, lists from list styles, tables, notes, links, formatting,
// tracked changes, comments, headers and footers, frames), ODP slides, metadata, the kind of a
// package, and damaged or hostile packages. Packages are built here with the test ZIP writer.
#include <gtest/gtest.h>

#if QUARRY_HAS_ODF
#include <string>

#include "core/writer.hpp"
#include "formats/odf/meta.hpp"
#include "formats/odf/package.hpp"
#include "quarry/quarry.hpp"
#include "zip_writer.hpp"

namespace {

namespace odf = quarry::detail::odf;

constexpr const char* ns =
    R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
    R"( xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0")"
    R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
    R"( xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
    R"( xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0")"
    R"( xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")"
    R"( xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/")"
    R"( xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0")"
    R"( xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0")"
    R"( xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0")";

constexpr std::string_view odt_mime = "application/vnd.oasis.opendocument.text";
constexpr std::string_view odp_mime = "application/vnd.oasis.opendocument.presentation";

std::string content(const std::string& body, const std::string& automatic = "", std::string_view kind = "text") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content" + std::string(ns) +
         "><office:automatic-styles>" + automatic + "</office:automatic-styles><office:body><office:" + std::string(kind) +
         ">" + body + "</office:" + std::string(kind) + "></office:body></office:document-content>";
}

std::string styles_part(const std::string& styles, const std::string& masters = "") {
  return "<?xml version=\"1.0\"?><office:document-styles" + std::string(ns) + "><office:styles>" + styles +
         "</office:styles><office:master-styles>" + masters + "</office:master-styles></office:document-styles>";
}

std::string package(std::string_view mime, const std::string& content_xml, const std::string& styles = "",
                    const std::string& meta = "") {
  quarry::test::zip_writer z;
  quarry::test::zip_writer::entry_options stored;
  stored.deflate = false;
  if (!mime.empty()) z.add("mimetype", mime, stored);
  z.add("content.xml", content_xml);
  if (!styles.empty()) z.add("styles.xml", styles);
  if (!meta.empty()) z.add("meta.xml", meta);
  return z.build();
}

quarry::result<quarry::document> run(const std::string& bytes, quarry::options o = {}, std::string_view hint = "odt") {
  return quarry::extract(std::as_bytes(std::span(bytes.data(), bytes.size())), hint, o);
}

quarry::document ok(const std::string& bytes, quarry::options o = {}, std::string_view hint = "odt") {
  auto r = run(bytes, o, hint);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? std::move(r).value() : quarry::document{};
}

quarry::options markdown() {
  quarry::options o;
  o.format = quarry::output_format::markdown;
  return o;
}

std::string odt(const std::string& body, const std::string& automatic = "", const std::string& styles = "") {
  return package(odt_mime, content(body, automatic), styles);
}

const std::string list_styles =
    R"(<text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-format="1"/>)"
    R"(<text:list-level-style-bullet text:level="2" text:bullet-char="-"/></text:list-style>)"
    R"(<text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="*"/></text:list-style>)";

TEST(Odt, HeadingsParagraphsAndSpaces) {
  const std::string doc = odt(
      R"(<text:h text:outline-level="2">Second <text:span>level</text:span><text:line-break/>heading</text:h>)"
      R"(<text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d   e
      f<text:soft-page-break/>g<text:bookmark text:name="x"/></text:p><text:h>Plain h</text:h>)");
  EXPECT_EQ(ok(doc, markdown()).content, "## Second level heading\n\na b c\\\nd e fg\n\n# Plain h");
  EXPECT_EQ(ok(doc).content, "Second level heading\n\na b c\nd e fg\n\nPlain h");
}

TEST(Odt, ListsAreNumberedOrBulletedByTheirStyle) {
  const std::string doc = odt(
      R"(<text:list text:style-name="N"><text:list-item><text:p>one</text:p><text:list><text:list-item><text:p>sub</text:p>)"
      R"(</text:list-item></text:list></text:list-item><text:list-item><text:p>two</text:p><text:p>more</text:p></text:list-item></text:list>)"
      R"(<text:list text:style-name="B"><text:list-item><text:p>dot</text:p></text:list-item></text:list>)"
      R"(<text:list><text:list-item text:start-value="4"><text:p text:style-name="P1">by paragraph style</text:p></text:list-item></text:list>)",
      list_styles + R"(<style:style style:name="P1" style:family="paragraph" style:list-style-name="N"/>)");
  EXPECT_EQ(ok(doc, markdown()).content, "1. one\n   - sub\n2. two\n\n   more\n\n- dot\n\n4. by paragraph style");
}

TEST(Odt, SplitListsAndItemsHoldingOnlyASublistNest) {
  // LibreOffice writes one visual list as two text:list elements, the second starting with an
  // item that holds only the sublist of the item before it.
  const std::string doc = odt(
      R"(<text:list text:style-name="B"><text:list-item><text:p>a</text:p></text:list-item><text:list-item><text:p>b</text:p>)"
      R"(</text:list-item></text:list><text:list text:style-name="B" text:continue-numbering="true"><text:list-item><text:list>)"
      R"(<text:list-item><text:p>b1</text:p></text:list-item><text:list-item><text:p>b2</text:p></text:list-item></text:list>)"
      R"(</text:list-item><text:list-item><text:p>c</text:p></text:list-item></text:list><text:p>after</text:p>)",
      list_styles);
  EXPECT_EQ(ok(doc, markdown()).content, "- a\n- b\n  - b1\n  - b2\n- c\n\nafter");
}

TEST(Odt, HeadingsWrappedInListsStayHeadings) {
  const std::string doc = odt(
      R"(<text:list text:style-name="N"><text:list-item><text:h text:outline-level="1"><text:number>1.</text:number>Intro</text:h></text:list-item></text:list>)",
      list_styles);
  EXPECT_EQ(ok(doc, markdown()).content, "# 1\\. Intro");
}

TEST(Odt, CharacterStylesGiveMarkdownSpans) {
  const std::string automatic =
      R"(<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>)"
      R"(<style:style style:name="T2" style:family="text" style:parent-style-name="T1"><style:text-properties fo:font-style="italic"/></style:style>)"
      R"(<style:style style:name="T3" style:family="text"><style:text-properties style:text-line-through-style="solid"/></style:style>)"
      R"(<style:style style:name="T4" style:family="text"><style:text-properties style:font-name="Mono"/></style:style>)";
  const std::string fonts = R"(<office:font-face-decls><style:font-face style:name="Mono" style:font-pitch="fixed"/></office:font-face-decls>)";
  std::string c = content(
      R"(<text:p><text:span text:style-name="T1">bold</text:span> <text:span text:style-name="T2">both</text:span> )"
      R"(<text:span text:style-name="T3">gone</text:span> <text:span text:style-name="T4">mono</text:span> )"
      R"(<text:span text:style-name="Emphasis">named</text:span> <text:a xlink:href="https://example.org/">link</text:a></text:p>)",
      automatic);
  c.insert(c.find("<office:automatic-styles>"), fonts);
  EXPECT_EQ(ok(package(odt_mime, c), markdown()).content,
            "**bold** ***both*** ~~gone~~ `mono` *named* [link](https://example.org/)");
  EXPECT_EQ(ok(package(odt_mime, c)).content, "bold both gone mono named link");
}

TEST(Odt, TitleCodeAndQuotationParagraphStyles) {
  const std::string doc = odt(
      R"(<text:p text:style-name="Title">Doc</text:p><text:p text:style-name="P3">x <text:s text:c="2"/>= 1</text:p>)"
      R"(<text:p text:style-name="P3"/><text:p text:style-name="P3">y</text:p><text:p text:style-name="Quotations">Said.</text:p>)",
      R"(<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Preformatted_20_Text"/>)");
  EXPECT_EQ(ok(doc, markdown()).content, "# Doc\n\n```\nx   = 1\n\ny\n```\n\n> Said.");
}

TEST(Odt, TablesWithCoveredRepeatedAndNestedCells) {
  const std::string doc = odt(
      R"(<table:table><table:table-column table:number-columns-repeated="4"/><table:table-header-rows><table:table-row>)"
      R"(<table:table-cell table:number-columns-spanned="2"><text:p>wide</text:p></table:table-cell><table:covered-table-cell/>)"
      R"(<table:table-cell><text:p>c</text:p></table:table-cell><table:table-cell table:number-columns-repeated="500"/></table:table-row></table:table-header-rows>)"
      R"(<table:table-row><table:table-cell table:number-columns-repeated="2"><text:p>r</text:p></table:table-cell>)"
      R"(<table:table-cell><table:table><table:table-row><table:table-cell><text:p>in</text:p></table:table-cell>)"
      R"(<table:table-cell><text:p>ner</text:p></table:table-cell></table:table-row></table:table></table:table-cell></table:table-row>)"
      R"(<table:table-row table:number-rows-repeated="900"><table:table-cell/></table:table-row></table:table>)");
  const auto d = ok(doc, markdown());
  EXPECT_EQ(d.content, "| wide |  | c |\n| --- | --- | --- |\n| r | r | in ner |");
  ASSERT_EQ(d.tables.size(), 2u);  // the nested one is reported first, when it ends
  EXPECT_EQ(d.tables[0].cells, (std::vector<std::vector<std::string>>{{"in", "ner"}}));
  EXPECT_EQ(d.tables[1].cells[1][2], "in\tner");
}

TEST(Odt, FootnotesAndEndnotesGoAfterTheBody) {
  const std::string doc = odt(
      R"(<text:p>Text<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>)"
      R"(<text:p>Foot.</text:p></text:note-body></text:note> and<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation>)"
      R"(<text:note-body><text:p>End.</text:p></text:note-body></text:note>.</text:p><text:p>After.</text:p>)");
  EXPECT_EQ(ok(doc).content, "Text[1] and[i].\n\nAfter.\n\n[1] Foot.\n\n[i] End.");
  EXPECT_EQ(ok(doc, markdown()).content, "Text[^1] and[^i].\n\nAfter.\n\n[^1]: Foot.\n\n[^i]: End.");
}

TEST(Odt, TrackedDeletionsAreDroppedAndInsertionsKept) {
  const std::string doc = odt(
      R"(<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>removed words</text:p></text:deletion>)"
      R"(</text:changed-region></text:tracked-changes><text:p>kept <text:change-start text:change-id="c2"/>added<text:change-end text:change-id="c2"/>)"
      R"(<text:change text:change-id="c1"/></text:p>)");
  EXPECT_EQ(ok(doc).content, "kept added");
}

TEST(Odt, CommentsOnlyWhenAskedFor) {
  const std::string doc = odt(
      R"(<text:p>Body<office:annotation><dc:creator>Ann</dc:creator><dc:date>2024-01-01T00:00:00</dc:date>)"
      R"(<text:p>Check this.</text:p></office:annotation> text.</text:p>)");
  EXPECT_EQ(ok(doc).content, "Body text.");
  quarry::options o;
  o.include_comments = true;
  EXPECT_EQ(ok(doc, o).content, "Body text.\n\nComment by Ann: Check this.");
}

TEST(Odt, HeadersAndFootersOnlyWhenAskedForAndOnce) {
  const std::string styles = styles_part(
      "", R"(<style:master-page style:name="Standard"><style:header><text:p>Company</text:p></style:header>)"
          R"(<style:footer><text:p>Page <text:page-number>1</text:page-number></text:p></style:footer></style:master-page>)"
          R"(<style:master-page style:name="Other"><style:header><text:p>Company</text:p></style:header></style:master-page>)");
  const std::string doc = package(odt_mime, content("<text:p>Body.</text:p>"), styles);
  EXPECT_EQ(ok(doc).content, "Body.");
  quarry::options o;
  o.include_headers_footers = true;
  EXPECT_EQ(ok(doc, o).content, "Body.\n\nCompany\n\nPage 1");
}

TEST(Odt, FramesGiveTextBoxesAndImageAltText) {
  const std::string doc = odt(
      R"(<text:p>Before <draw:frame draw:name="f1"><draw:text-box><text:p>In the box.</text:p></draw:text-box></draw:frame>after.</text:p>)"
      R"(<text:p><draw:frame><svg:title>A cat</svg:title><svg:desc>long description</svg:desc><draw:image xlink:href="Pictures/cat.png"/></draw:frame></text:p>)");
  EXPECT_EQ(ok(doc).content, "Before\n\nIn the box.\n\nafter.\n\nA cat");
  EXPECT_EQ(ok(doc, markdown()).content, "Before\n\nIn the box.\n\nafter.\n\n![A cat](Pictures/cat.png)");
  quarry::options o;
  o.extract_images = true;
  const auto d = ok(doc, o);
  ASSERT_EQ(d.images.size(), 1u);
  EXPECT_EQ(d.images[0].format, "png");
  EXPECT_EQ(d.images[0].name, "Pictures/cat.png");
}

TEST(Odt, MetadataFromMetaXml) {
  const std::string meta =
      std::string("<office:document-meta") + ns + "><office:meta><meta:generator>Writer/7.5</meta:generator>"
      "<dc:title> Report </dc:title><dc:subject>Q3</dc:subject><dc:description>Numbers</dc:description>"
      "<meta:keyword>sales, q3</meta:keyword><meta:keyword>europe</meta:keyword>"
      "<meta:initial-creator>Ann</meta:initial-creator><dc:creator>Bo</dc:creator>"
      "<meta:creation-date>2024-03-01T09:30:00.123456789</meta:creation-date><dc:date>2024-03-02T10:00:00+02:00</dc:date>"
      "<dc:language>en-GB</dc:language><meta:document-statistic meta:page-count=\"3\" meta:word-count=\"812\" meta:table-count=\"1\"/>"
      "</office:meta></office:document-meta>";
  const auto d = ok(package(odt_mime, content("<text:p>x</text:p>"), "", meta));
  const quarry::value& m = d.metadata;
  EXPECT_EQ(m.find("title")->as_string(), "Report");
  EXPECT_EQ(m.find("subject")->as_string(), "Q3");
  EXPECT_EQ(m.find("description")->as_string(), "Numbers");
  ASSERT_EQ(m.find("keywords")->size(), 3u);
  EXPECT_EQ(m.find("keywords")->items()[2].as_string(), "europe");
  EXPECT_EQ(m.find("authors")->items()[0].as_string(), "Ann");
  EXPECT_EQ(m.find("lastModifiedBy")->as_string(), "Bo");
  EXPECT_EQ(m.find("createdAt")->as_string(), "2024-03-01T09:30:00");
  EXPECT_EQ(m.find("modifiedAt")->as_string(), "2024-03-02T10:00:00+02:00");
  EXPECT_EQ(m.find("pageCount")->as_int(), 3);
  EXPECT_EQ(m.find("wordCount")->as_int(), 812);
  EXPECT_EQ(m.find("tableCount")->as_int(), 1);
  EXPECT_EQ(m.find("application")->as_string(), "Writer/7.5");
  EXPECT_EQ(m.find("language")->as_string(), "en-GB");
}

TEST(Odt, DatesBecomeIso8601) {
  EXPECT_EQ(odf::odf_date_to_iso("2024-03-01"), "2024-03-01");
  EXPECT_EQ(odf::odf_date_to_iso("2024-03-01T09:30"), "2024-03-01T09:30:00");
  EXPECT_EQ(odf::odf_date_to_iso(" 2024-03-01T09:30:05,5Z "), "2024-03-01T09:30:05Z");
  EXPECT_EQ(odf::odf_date_to_iso("2024-03-01T09:30:05-0500"), "2024-03-01T09:30:05-05:00");
  EXPECT_EQ(odf::odf_date_to_iso("March 2024"), "");
  EXPECT_EQ(odf::odf_date_to_iso("2024-3-1"), "");
}

TEST(Odf, TheKindComesFromTheLabelOrTheBody) {
  EXPECT_EQ(odf::kind_from_mime("application/vnd.oasis.opendocument.text-template"), odf::kind::text);
  EXPECT_EQ(odf::kind_from_mime("application/vnd.oasis.opendocument.spreadsheet"), odf::kind::spreadsheet);
  EXPECT_EQ(odf::kind_from_mime("application/vnd.oasis.opendocument.presentation"), odf::kind::presentation);
  EXPECT_EQ(odf::kind_from_mime("application/vnd.oasis.opendocument.graphics"), odf::kind::drawing);
  EXPECT_EQ(odf::kind_from_mime("application/zip"), odf::kind::unknown);
  // No mimetype entry: the manifest, else the content says what it is.
  quarry::test::zip_writer z;
  z.add("META-INF/manifest.xml",
        R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">)"
        R"(<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>)");
  z.add("content.xml", content("<text:p>from manifest</text:p>"));
  EXPECT_EQ(ok(z.build()).content, "from manifest");
  EXPECT_EQ(ok(package("", content("<text:p>bare</text:p>"))).content, "bare");
}

TEST(Odf, PasswordProtectedPackagesAreEncrypted) {
  quarry::test::zip_writer z;
  z.add("mimetype", odt_mime);
  z.add("META-INF/manifest.xml",
        R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">)"
        R"(<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>)"
        R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">)"
        R"(<manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>)");
  z.add("content.xml", "\x8a\x01ciphertext", {.deflate = false});
  auto r = run(z.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::encrypted);
}

TEST(Odf, SpreadsheetsGoToTheSpreadsheetReader) {
  const std::string ods = package("application/vnd.oasis.opendocument.spreadsheet",
                                  content("<table:table><table:table-row><table:table-cell><text:p>1</text:p></table:table-cell></table:table-row></table:table>", "", "spreadsheet"));
  auto r = run(ods, {}, "ods");
#if QUARRY_HAS_XLSX
  EXPECT_TRUE(r.ok());
#else
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::unsupported_format);
  EXPECT_NE(r.err().detail.find("spreadsheet"), std::string::npos);
#endif
}

TEST(Odp, PagesTitlesFirstThenShapesByPositionAndNotes) {
  const std::string body =
      R"(<draw:page draw:name="p1"><draw:frame svg:x="1cm" svg:y="10cm"><draw:text-box><text:p>low</text:p></draw:text-box></draw:frame>)"
      R"(<draw:frame svg:x="1cm" svg:y="4cm"><draw:text-box><text:list><text:list-item><text:p>point</text:p></text:list-item></text:list></draw:text-box></draw:frame>)"
      R"(<draw:frame presentation:class="title" svg:x="1cm" svg:y="20mm"><draw:text-box><text:p>Deck</text:p></draw:text-box></draw:frame>)"
      R"(<draw:frame presentation:class="subtitle" svg:x="1cm" svg:y="30mm"><draw:text-box/></draw:frame>)"
      R"(<draw:frame presentation:class="page-number" svg:x="1cm" svg:y="30cm"><draw:text-box><text:p>1</text:p></draw:text-box></draw:frame>)"
      R"(<presentation:notes><draw:page-thumbnail/><draw:frame presentation:class="notes"><draw:text-box><text:p>Say it.</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>)"
      R"(<draw:page draw:name="p2"><draw:g><draw:custom-shape svg:x="2in" svg:y="1in"><text:p>right</text:p></draw:custom-shape>)"
      R"(<draw:custom-shape svg:x="0.5in" svg:y="1in"><text:p>left</text:p></draw:custom-shape></draw:g>)"
      R"(<draw:frame presentation:class="title"><draw:text-box><text:p>Second</text:p></draw:text-box></draw:frame></draw:page>)";
  const std::string hidden_style =
      R"(<style:style style:name="dp9" style:family="drawing-page"><style:drawing-page-properties presentation:visibility="hidden"/></style:style>)";
  std::string with_hidden = body;
  const std::string second = "<draw:page draw:name=\"p2\"";
  with_hidden.replace(with_hidden.find(second), second.size(), second + " draw:style-name=\"dp9\"");
  const std::string doc = package(odp_mime, content(with_hidden, hidden_style, "presentation"));
  auto o = markdown();
  o.pages = true;
  const auto d = ok(doc, o, "odp");
  EXPECT_EQ(d.content, "# Deck\n\n- point\n\nlow\n\n## Second\n\nleft\n\nright");
  ASSERT_EQ(d.pages.size(), 2u);
  EXPECT_EQ(d.pages[1].content, "## Second\n\nleft\n\nright");
  EXPECT_EQ(d.metadata.find("slideCount")->as_int(), 2);
  ASSERT_NE(d.metadata.find("hiddenSlides"), nullptr);
  EXPECT_EQ(d.metadata.find("hiddenSlides")->items()[0].as_int(), 2);
  EXPECT_EQ(d.mime_type, "application/vnd.oasis.opendocument.presentation");
  quarry::options n;
  n.include_notes = true;
  EXPECT_EQ(ok(doc, n, "odp").content, "Deck\n\n- point\n\nlow\n\nNotes:\n\nSay it.\n\nSecond\n\nleft\n\nright");
}

// ---- damaged and hostile packages ------------------------------------------------------------

TEST(OdfHostile, MissingContentOrBodyIsCorrupt) {
  quarry::test::zip_writer z;
  z.add("mimetype", odt_mime);
  auto r = run(z.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  r = run(package(odt_mime, "<office:document-content/>"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  r = run(package(odt_mime, "not xml at all"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  r = run("");
  ASSERT_FALSE(r.ok());
}

TEST(OdfHostile, MalformedContentKeepsWhatCameBefore) {
  std::string c = content("<text:p>kept</text:p><text:p>cut");
  c.resize(c.find("cut") + 3);
  const auto d = ok(package(odt_mime, c));
  EXPECT_EQ(d.content, "kept\n\ncut");
  ASSERT_FALSE(d.warnings.empty());
  EXPECT_EQ(d.warnings[0].code, "malformed_xml");
}

TEST(OdfHostile, InvalidUtf8IsReplaced) {
  const auto d = ok(odt("<text:p>bad \xFF\xFE byte</text:p>"));
  EXPECT_EQ(d.content, "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
  EXPECT_EQ(d.warnings[0].code, "invalid_utf8");
}

TEST(OdfHostile, DeepNestingIsLimitExceeded) {
  for (const std::string unit : {"<text:list><text:list-item>", "<text:span>", "<table:table><table:table-row><table:table-cell>"}) {
    std::string body;
    for (int i = 0; i < 100000; ++i) body += unit;
    body += "<text:p>x</text:p>";
    auto r = run(odt(body));  // unclosed: the parser stops at the end, the walk at the depth limit
    ASSERT_FALSE(r.ok()) << unit;
    EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded) << unit;
  }
}

TEST(OdfHostile, RepeatsAndEntriesAreBounded) {
  // A row repeated a billion times with a cell repeated a billion times.
  const std::string doc = odt(
      R"(<table:table><table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000">)"
      R"(<text:p>x</text:p></table:table-cell></table:table-row></table:table>)");
  quarry::options o;
  o.limits.max_entries = 100000;
  auto r = run(doc, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "<text:p>p</text:p>";
  EXPECT_EQ(ok(odt(many)).content.size(), 100000u * 3 - 2);
}

TEST(OdfHostile, ABombForContentIsLimitExceeded) {
  quarry::options o;
  o.limits.max_decompressed_bytes = 4u << 20;
  auto r = run(odt("<text:p>" + std::string(24u << 20, 'a') + "</text:p>"), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(OdfHostile, BillionLaughsStaysLiteral) {
  std::string c = content("<text:p>&a9;</text:p>");
  std::string dtd = "<!DOCTYPE office:document-content [<!ENTITY a \"aaaaaaaaaa\">";
  for (int i = 1; i < 10; ++i) {
    dtd += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) dtd += i == 1 ? "&a;" : "&a" + std::to_string(i - 1) + ";";
    dtd += "\">";
  }
  dtd += "]>";
  c.insert(c.find("<office:document-content"), dtd);
  auto r = run(package(odt_mime, c));
  if (r.ok()) {
    EXPECT_LT(r.value().content.size(), 1000u);
  }
}

}  // namespace
#endif
