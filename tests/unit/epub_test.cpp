// EPUB: container.xml and the package document (manifest, spine, metadata), reading order, the
// navigation documents left out, encryption, and hostile books built here with the test ZIP writer
// (spine duplicates and cycles, a missing container.xml, references leaving the archive, a
// billion-laughs OPF, a 100,000-item spine, bombs, deep nesting).
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/document_sink.hpp"
#include "core/writer.hpp"
#include "formats/epub/encryption.hpp"
#include "formats/epub/metadata.hpp"
#include "formats/epub/package.hpp"
#include "formats/epub/paths.hpp"
#include "quarry/quarry.hpp"
#include "zip_writer.hpp"

namespace {

namespace epub = quarry::detail::epub;
using quarry::test::zip_writer;

// ---- building books ----------------------------------------------------------------------------

std::string xhtml(std::string_view body, std::string_view title = "ignored title") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
         "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">"
         "<head><title>" + std::string(title) + "</title></head><body>" + std::string(body) + "</body></html>";
}

std::string container(std::string_view full_path) {
  return "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">"
         "<rootfiles><rootfile full-path=\"" + std::string(full_path) +
         "\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>";
}

// An EPUB in memory: the parts of its package document and the files of the archive.
struct book {
  std::string opf_path = "OEBPS/content.opf";
  std::string version = "3.0";
  std::string metadata = "<dc:title>A Book</dc:title><dc:language>en</dc:language>";
  std::string manifest;
  std::string spine;
  std::string guide;
  std::string mimetype = "application/epub+zip";
  bool with_container = true;
  std::vector<std::pair<std::string, std::string>> files;  // archive name → bytes

  // A chapter: a manifest item, a spine entry and the file beside the OPF.
  book& chapter(std::string_view id, std::string_view body, std::string_view extra = {}) {
    const std::string href = std::string(id) + ".xhtml";
    manifest += "<item id=\"" + std::string(id) + "\" href=\"" + href + "\" media-type=\"application/xhtml+xml\"/>";
    spine += "<itemref idref=\"" + std::string(id) + "\"" + std::string(extra) + "/>";
    files.emplace_back("OEBPS/" + href, xhtml(body));
    return *this;
  }

  [[nodiscard]] std::string opf() const {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"" +
           version + "\" unique-identifier=\"uid\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:opf=\"http://www.idpf.org/2007/opf\">" + metadata + "</metadata><manifest>" + manifest +
           "</manifest><spine toc=\"ncx\">" + spine + "</spine>" + (guide.empty() ? "" : "<guide>" + guide + "</guide>") +
           "</package>";
  }

  [[nodiscard]] std::string build() const {
    zip_writer z;
    if (!mimetype.empty()) z.add("mimetype", mimetype, {.deflate = false});
    if (with_container) z.add("META-INF/container.xml", container(opf_path));
    z.add(opf_path, opf());
    for (const auto& [name, data] : files) z.add(name, data);
    return z.build();
  }
};

// "c7". (GCC 12's -Wrestrict misfires on "literal" + std::to_string(i).)
std::string numbered(std::string_view prefix, int i) {
  std::string s(prefix);
  s += std::to_string(i);
  return s;
}

std::span<const std::byte> bytes_of(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }

quarry::result<quarry::document> run(const std::string& epub, const quarry::options& opts = {}) {
  return quarry::extract(bytes_of(epub), "application/epub+zip", opts);
}

quarry::document extract_ok(const std::string& epub, const quarry::options& opts = {}) {
  auto r = run(epub, opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : std::string(quarry::to_string(r.err().code)) + ": " + r.err().detail);
  return r.ok() ? std::move(r).value() : quarry::document{};
}

bool has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings)
    if (w.code == code) return true;
  return false;
}

std::string meta_string(const quarry::document& d, std::string_view key) {
  const quarry::value* v = d.metadata.find(key);
  return v != nullptr && v->type() == quarry::value::kind::string ? v->as_string() : std::string("<absent>");
}

std::vector<std::string> meta_list(const quarry::document& d, std::string_view key) {
  std::vector<std::string> out;
  if (const quarry::value* v = d.metadata.find(key))
    for (const auto& item : v->items()) out.push_back(item.as_string());
  return out;
}

// A writer over a document, for the functions that take one.
struct writer_fixture {
  quarry::options opts;
  quarry::document doc;
  quarry::detail::document_sink sink{doc, false};
  quarry::detail::writer out{sink, opts};
};

// ---- paths ---------------------------------------------------------------------------------------

TEST(EpubPaths, ResolveAgainstThePackageFolder) {
  std::string out;
  EXPECT_EQ(epub::folder_of("OEBPS/content.opf"), "OEBPS/");
  EXPECT_EQ(epub::folder_of("content.opf"), "");
  ASSERT_TRUE(epub::resolve_href("OEBPS/", "text/ch1.xhtml", out));
  EXPECT_EQ(out, "OEBPS/text/ch1.xhtml");
  ASSERT_TRUE(epub::resolve_href("OEBPS/text/", "../images/a%20b.png#frag", out));
  EXPECT_EQ(out, "OEBPS/images/a b.png");
  ASSERT_TRUE(epub::resolve_href("OEBPS/", "./x/./y.xhtml?q=1", out));
  EXPECT_EQ(out, "OEBPS/x/y.xhtml");
  ASSERT_TRUE(epub::resolve_href("OEBPS/", "/root.xhtml", out));
  EXPECT_EQ(out, "root.xhtml");
  ASSERT_TRUE(epub::resolve_href("", "caf%C3%A9.xhtml", out));
  EXPECT_EQ(out, "caf\xC3\xA9.xhtml");
  ASSERT_TRUE(epub::resolve_href("", "100%.xhtml", out));  // not an escape: kept
  EXPECT_EQ(out, "100%.xhtml");
  ASSERT_TRUE(epub::resolve_href("", "a%20b.xhtml", out, false));
  EXPECT_EQ(out, "a%20b.xhtml");
}

TEST(EpubPaths, RefuseRemoteAndEscapingReferences) {
  std::string out = "x";
  EXPECT_FALSE(epub::resolve_href("OEBPS/", "../../x", out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(epub::resolve_href("", "../x.xhtml", out));
  EXPECT_FALSE(epub::resolve_href("OEBPS/", "%2E%2E/%2E%2E/x", out));
  EXPECT_FALSE(epub::resolve_href("OEBPS/", "http://example.com/ch1.xhtml", out));
  EXPECT_FALSE(epub::resolve_href("OEBPS/", "data:text/html,hi", out));
  EXPECT_FALSE(epub::resolve_href("OEBPS/", "", out));
  EXPECT_FALSE(epub::resolve_href("OEBPS/", "#only-a-fragment", out));
  EXPECT_TRUE(epub::resolve_href("OEBPS/", "a/../b.xhtml", out));
  EXPECT_EQ(out, "OEBPS/b.xhtml");
}

// ---- container.xml and the package document -------------------------------------------------------

TEST(EpubPackage, RootfilePrefersThePackageMediaType) {
  EXPECT_EQ(epub::rootfile_path(container("OPS/book.opf")), "OPS/book.opf");
  EXPECT_EQ(epub::rootfile_path("<container><rootfiles><rootfile full-path=\"a.pdf\" media-type=\"application/pdf\"/>"
                                "<rootfile full-path=\"b.opf\" media-type=\"application/oebps-package+xml\"/>"
                                "</rootfiles></container>"),
            "b.opf");
  EXPECT_EQ(epub::rootfile_path("<container><rootfiles><rootfile full-path=\"only.opf\"/></rootfiles></container>"),
            "only.opf");
  EXPECT_EQ(epub::rootfile_path("<container><rootfiles/></container>"), "");
  EXPECT_EQ(epub::rootfile_path("not xml at all"), "");
}

TEST(EpubPackage, ManifestAndSpine) {
  book b;
  b.manifest = "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"scripted nav\"/>"
               "<item id=\"c1\" href=\"text/c%201.xhtml\" media-type=\"Application/XHTML+XML; charset=utf-8\"/>"
               "<item id=\"c2\" href=\"../../evil.xhtml\" media-type=\"application/xhtml+xml\"/>"
               "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>";
  b.spine = "<itemref idref=\"nav\"/><itemref idref=\"c1\"/><itemref idref=\"c2\" linear=\"no\"/>";
  writer_fixture w;
  auto r = epub::read_package(b.opf(), "OEBPS/content.opf", w.out);
  ASSERT_TRUE(r.ok()) << r.err().detail;
  const epub::package& p = r.value();
  ASSERT_EQ(p.manifest.size(), 4u);
  EXPECT_TRUE(p.manifest[0].nav);
  EXPECT_FALSE(p.manifest[1].nav);
  EXPECT_EQ(p.manifest[1].path, "OEBPS/text/c 1.xhtml");
  EXPECT_EQ(p.manifest[1].media_type, "application/xhtml+xml");
  EXPECT_EQ(p.manifest[2].path, "");  // outside the archive
  EXPECT_EQ(p.ncx, 3u);
  ASSERT_EQ(p.spine.size(), 3u);
  EXPECT_EQ(p.spine[1].item, 1u);
  EXPECT_TRUE(p.spine[1].linear);
  EXPECT_FALSE(p.spine[2].linear);
  EXPECT_EQ(p.info.version, "3.0");
}

TEST(EpubPackage, DuplicateAndUnknownSpineEntriesAreWarnings) {
  book b;
  b.manifest = "<item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>"
               "<item id=\"a\" href=\"other.xhtml\" media-type=\"application/xhtml+xml\"/>";
  b.spine = "<itemref idref=\"a\"/><itemref idref=\"missing\"/><itemref idref=\"a\"/><itemref idref=\"a\"/>";
  writer_fixture w;
  auto r = epub::read_package(b.opf(), "content.opf", w.out);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().spine.size(), 1u);
  EXPECT_EQ(r.value().manifest[r.value().spine[0].item].path, "a.xhtml");  // the first of the duplicate ids
  std::vector<std::string> codes;
  for (const auto& x : w.doc.warnings) codes.push_back(x.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"duplicate_manifest_id", "unknown_spine_item", "duplicate_spine_item"}));
}

TEST(EpubPackage, NotAPackageIsCorrupt) {
  writer_fixture w;
  auto r = epub::read_package("<html><body>hi</body></html>", "x.opf", w.out);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  auto r2 = epub::read_package("\x01\x02 garbage", "x.opf", w.out);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.err().code, quarry::error_code::corrupt);
}

TEST(EpubPackage, SpineAndManifestAreBoundedByMaxEntries) {
  book b;
  for (int i = 0; i < 20; ++i) b.manifest += "<item id=\"i" + std::to_string(i) + "\" href=\"x.xhtml\"/>";
  writer_fixture w;
  w.opts.limits.max_entries = 10;
  auto r = epub::read_package(b.opf(), "x.opf", w.out);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);

  book s;
  s.manifest = "<item id=\"a\" href=\"a.xhtml\"/>";
  for (int i = 0; i < 20; ++i) s.spine += "<itemref idref=\"a\"/>";
  writer_fixture w2;
  w2.opts.limits.max_entries = 10;
  auto r2 = epub::read_package(s.opf(), "x.opf", w2.out);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.err().code, quarry::error_code::limit_exceeded);
}

// ---- metadata ------------------------------------------------------------------------------------

TEST(EpubMetadata, IsoDates) {
  EXPECT_EQ(epub::iso_date("2019-06-22T15:01:38Z"), "2019-06-22T15:01:38Z");
  EXPECT_EQ(epub::iso_date("2019-06-22T15:01:38.123+02:00"), "2019-06-22T15:01:38+02:00");
  EXPECT_EQ(epub::iso_date("2019-06-22 15:01"), "2019-06-22T15:01:00");
  EXPECT_EQ(epub::iso_date("2019-06-22T15:01:38-0530"), "2019-06-22T15:01:38-05:30");
  EXPECT_EQ(epub::iso_date(" 2019-06-22 "), "2019-06-22");
  EXPECT_EQ(epub::iso_date("2019-06"), "2019-06");
  EXPECT_EQ(epub::iso_date("2019"), "2019");
  EXPECT_EQ(epub::iso_date("0101-01-01T00:00:00+00:00"), "");  // Calibre's "unknown"
  EXPECT_EQ(epub::iso_date("June 22, 2019"), "");
  EXPECT_EQ(epub::iso_date("2019-13-01"), "");
  EXPECT_EQ(epub::iso_date("2019-06-22T25:00"), "");
  EXPECT_EQ(epub::iso_date("2019-06-22T10:00Zjunk"), "");
  EXPECT_EQ(epub::iso_date(""), "");
}

TEST(EpubMetadata, Epub2DublinCore) {
  book b;
  b.version = "2.0";
  b.metadata =
      "<dc:title>First Title</dc:title><dc:title>Second Title</dc:title>"
      "<dc:creator opf:role=\"aut\" opf:file-as=\"Doe, Jane\">Jane Doe</dc:creator>"
      "<dc:creator opf:role=\"ill\">Ian Illustrator</dc:creator>"
      "<dc:creator>John  Roe</dc:creator>"
      "<dc:contributor opf:role=\"edt\">Ed Itor</dc:contributor>"
      "<dc:identifier opf:scheme=\"ISBN\">978-1</dc:identifier><dc:identifier id=\"uid\">urn:uuid:1234</dc:identifier>"
      "<dc:language>fr-CA</dc:language><dc:language>en</dc:language>"
      "<dc:publisher>Presses</dc:publisher><dc:rights>All rights reserved</dc:rights>"
      "<dc:date opf:event=\"modification\">2020-02-02</dc:date><dc:date opf:event=\"publication\">1999-12-31</dc:date>"
      "<dc:description>&lt;p&gt;A &lt;b&gt;great&lt;/b&gt; book.&lt;/p&gt;</dc:description>"
      "<dc:subject>Fiction</dc:subject><dc:subject>  Sea   stories </dc:subject><dc:subject></dc:subject>"
      "<meta name=\"generator\" content=\"Tool 1.0\"/><meta name=\"cover\" content=\"img\"/>";
  b.chapter("c1", "<p>Text</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(meta_string(d, "title"), "First Title");
  EXPECT_EQ(meta_list(d, "authors"), (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_EQ(meta_list(d, "contributors"), (std::vector<std::string>{"Ian Illustrator", "Ed Itor"}));
  EXPECT_EQ(meta_string(d, "identifier"), "urn:uuid:1234");
  EXPECT_EQ(meta_string(d, "language"), "fr-CA");
  EXPECT_EQ(meta_string(d, "publisher"), "Presses");
  EXPECT_EQ(meta_string(d, "rights"), "All rights reserved");
  EXPECT_EQ(meta_string(d, "createdAt"), "1999-12-31");
  EXPECT_EQ(meta_string(d, "modifiedAt"), "2020-02-02");
  EXPECT_EQ(meta_string(d, "description"), "A great book.");
  EXPECT_EQ(meta_list(d, "keywords"), (std::vector<std::string>{"Fiction", "Sea stories"}));
  EXPECT_EQ(meta_string(d, "generator"), "Tool 1.0");
  EXPECT_EQ(meta_string(d, "epubVersion"), "2.0");
  EXPECT_EQ(meta_string(d, "charset"), "<absent>");  // the chapters' HTML metadata stays out
}

TEST(EpubMetadata, Epub3RefinementsAndModified) {
  book b;
  b.metadata =
      "<dc:title id=\"t0\">Collection Name</dc:title><dc:title id=\"t1\">Main Title</dc:title>"
      "<meta refines=\"#t1\" property=\"title-type\">main</meta>"
      "<meta refines=\"#t0\" property=\"title-type\">collection</meta>"
      "<dc:creator id=\"c1\">Tran Slator</dc:creator><meta refines=\"#c1\" property=\"role\" scheme=\"marc:relators\">trl</meta>"
      "<dc:creator id=\"c2\">Au Thor</dc:creator><meta refines=\"#c2\" property=\"role\">aut</meta>"
      "<dc:identifier id=\"uid\">isbn:1</dc:identifier>"
      "<dc:date>2014-04-24</dc:date><meta property=\"dcterms:modified\">2014-04-25T13:00:00Z</meta>";
  b.chapter("c1x", "<p>x</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(meta_string(d, "title"), "Main Title");
  EXPECT_EQ(meta_list(d, "authors"), (std::vector<std::string>{"Au Thor"}));
  EXPECT_EQ(meta_list(d, "contributors"), (std::vector<std::string>{"Tran Slator"}));
  EXPECT_EQ(meta_string(d, "createdAt"), "2014-04-24");
  EXPECT_EQ(meta_string(d, "modifiedAt"), "2014-04-25T13:00:00Z");
  EXPECT_EQ(meta_string(d, "identifier"), "isbn:1");
}

TEST(EpubMetadata, UnreadableDateKeptAsWritten) {
  book b;
  b.metadata = "<dc:title>T</dc:title><dc:date>Spring 1852</dc:date>";
  b.chapter("c", "<p>x</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(meta_string(d, "createdAt"), "<absent>");
  EXPECT_EQ(meta_string(d, "date"), "Spring 1852");
}

// ---- reading order -----------------------------------------------------------------------------------

TEST(Epub, ChaptersInSpineOrderAsParagraphsAndPages) {
  book b;
  b.manifest = "<item id=\"b\" href=\"b.xhtml\" media-type=\"application/xhtml+xml\"/>";
  b.files.emplace_back("OEBPS/b.xhtml", xhtml("<p>Second <em>chapter</em></p>"));
  b.chapter("a", "<h1>Start</h1><p>First chapter</p>");
  b.spine += "<itemref idref=\"b\"/>";
  quarry::options opts;
  opts.pages = true;
  const auto d = extract_ok(b.build(), opts);
  EXPECT_EQ(d.content, "Start\n\nFirst chapter\n\nSecond chapter");
  ASSERT_EQ(d.pages.size(), 2u);
  EXPECT_EQ(d.pages[0].page_number, 1u);
  EXPECT_EQ(d.pages[0].content, "Start\n\nFirst chapter");
  EXPECT_EQ(d.pages[1].content, "Second chapter");
  EXPECT_TRUE(d.warnings.empty());
  opts.format = quarry::output_format::markdown;
  EXPECT_EQ(extract_ok(b.build(), opts).content, "# Start\n\nFirst chapter\n\nSecond *chapter*");
}

TEST(Epub, ChapterBoundaryClosesOpenMarkup) {
  // A chapter that leaves a list, a quote and emphasis open must not leak them into the next.
  book b;
  b.chapter("a", "<blockquote><ul><li><em>open");
  b.chapter("b", "<p>Next</p>");
  quarry::options opts;
  opts.format = quarry::output_format::markdown;
  const auto d = extract_ok(b.build(), opts);
  EXPECT_EQ(d.content, "> - *open*\n\nNext");
}

TEST(Epub, NonLinearDocumentsComeAfterTheLinearOnesAndTheCoverIsLeftOut) {
  book b;
  b.chapter("cover", "<img src=\"cover.jpg\" alt=\"cover.jpg\"/>", " linear=\"no\"");
  b.chapter("notes", "<p>Endnote text</p>", " linear=\"no\"");
  b.chapter("one", "<p>Chapter one</p>");
  b.chapter("two", "<p>Chapter two</p>", " linear=\"yes\"");
  b.guide = "<reference type=\"cover\" title=\"Cover\" href=\"cover.xhtml\"/>";
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Chapter one\n\nChapter two\n\nEndnote text");
}

TEST(Epub, LinearCoverStaysInPlace) {
  book b;
  b.chapter("cover", "<img src=\"cover.jpg\" alt=\"The cover\"/>");
  b.chapter("one", "<p>Chapter one</p>");
  b.guide = "<reference type=\"cover\" href=\"cover.xhtml\"/>";
  EXPECT_EQ(extract_ok(b.build()).content, "The cover\n\nChapter one");
}

TEST(Epub, NavigationDocumentsAreNotText) {
  book b;
  b.manifest = "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>"
               "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
               "<item id=\"toc2\" href=\"toc.xhtml\" media-type=\"application/xhtml+xml\"/>";
  b.spine = "<itemref idref=\"nav\"/><itemref idref=\"ncx\"/><itemref idref=\"toc2\"/>";
  b.guide = "<reference type=\"toc\" href=\"toc.xhtml\"/>";
  b.files.emplace_back("OEBPS/nav.xhtml", xhtml("<nav epub:type=\"toc\"><ol><li><a href=\"c.xhtml\">NavEntry</a></li></ol></nav>"));
  b.files.emplace_back("OEBPS/toc.xhtml", xhtml("<p>TocPage</p>"));
  b.files.emplace_back("OEBPS/toc.ncx", "<ncx><navMap><navPoint><navLabel><text>NcxEntry</text></navLabel></navPoint></navMap></ncx>");
  b.chapter("c", "<p>Body text</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Body text");
  EXPECT_FALSE(has_warning(d, "unsupported_document"));
}

TEST(Epub, FallbacksAndUnsupportedSpineItems) {
  book b;
  b.manifest = "<item id=\"pdf\" href=\"x.pdf\" media-type=\"application/pdf\" fallback=\"alt\"/>"
               "<item id=\"alt\" href=\"alt.xhtml\" media-type=\"application/xhtml+xml\"/>"
               "<item id=\"img\" href=\"pic.png\" media-type=\"image/png\"/>"
               "<item id=\"svg\" href=\"page.svg\" media-type=\"image/svg+xml\" fallback=\"svgalt\"/>"
               "<item id=\"svgalt\" href=\"svgalt.xhtml\" media-type=\"application/xhtml+xml\"/>";
  b.spine = "<itemref idref=\"pdf\"/><itemref idref=\"img\"/><itemref idref=\"svg\"/>";
  b.files.emplace_back("OEBPS/alt.xhtml", xhtml("<p>Fallback text</p>"));
  b.files.emplace_back("OEBPS/page.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Svg words</text></svg>");
  b.files.emplace_back("OEBPS/svgalt.xhtml", xhtml("<p>Svg fallback</p>"));
  auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Fallback text\n\nSvg fallback");
  EXPECT_TRUE(has_warning(d, "unsupported_document"));  // the PNG
  b.manifest.erase(b.manifest.find(" fallback=\"svgalt\""), 18);
  d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Fallback text");
}

TEST(Epub, FallbackCycleEnds) {
  book b;
  b.manifest = "<item id=\"a\" href=\"a.bin\" media-type=\"application/x-a\" fallback=\"b\"/>"
               "<item id=\"b\" href=\"b.bin\" media-type=\"application/x-b\" fallback=\"a\"/>";
  b.spine = "<itemref idref=\"a\"/>";
  b.chapter("c", "<p>Still read</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Still read");
  EXPECT_TRUE(has_warning(d, "unsupported_document"));
}

TEST(Epub, XhtmlSelfClosingTagsCloseThemselves) {
  book b;
  b.chapter("c", "<p>Before<a id=\"page5\"/> after</p><script type=\"text/javascript\" src=\"x.js\"/>"
                 "<p>Not swallowed</p><div/><p>End<br/>line</p>");
  quarry::options opts;
  opts.format = quarry::output_format::markdown;
  const auto d = extract_ok(b.build(), opts);
  EXPECT_EQ(d.content, "Before after\n\nNot swallowed\n\nEnd\\\nline");
}

TEST(Epub, ImagesGiveTheirAltText) {
  book b;
  b.chapter("c", "<p>See <img src=\"../images/fig%201.png\" alt=\"a figure\"/> here</p>");
  EXPECT_EQ(extract_ok(b.build()).content, "See a figure here");
  quarry::options opts;
  opts.format = quarry::output_format::markdown;
  EXPECT_EQ(extract_ok(b.build(), opts).content, "See ![a figure](../images/fig%201.png) here");
}

TEST(Epub, ImagesOfTheManifestAreListedOnRequest) {
  book b;
  b.manifest = "<item id=\"i1\" href=\"img/a.jpg\" media-type=\"image/jpeg\" properties=\"cover-image\"/>"
               "<item id=\"i2\" href=\"img/b.svg\" media-type=\"image/svg+xml\"/>"
               "<item id=\"i3\" href=\"img/missing.png\" media-type=\"image/png\"/>"
               "<item id=\"css\" href=\"s.css\" media-type=\"text/css\"/>";
  b.files.emplace_back("OEBPS/img/a.jpg", "\xFF\xD8\xFF");
  b.files.emplace_back("OEBPS/img/b.svg", "<svg/>");
  b.files.emplace_back("OEBPS/s.css", "p{}");
  b.chapter("c", "<p>x</p>");
  EXPECT_TRUE(extract_ok(b.build()).images.empty());
  quarry::options opts;
  opts.extract_images = true;
  const auto d = extract_ok(b.build(), opts);
  ASSERT_EQ(d.images.size(), 2u);
  EXPECT_EQ(d.images[0].format, "jpeg");
  EXPECT_EQ(d.images[0].name, "OEBPS/img/a.jpg");
  EXPECT_EQ(d.images[1].format, "svg");
  EXPECT_EQ(d.images[1].name, "OEBPS/img/b.svg");
}

TEST(Epub, Utf16AndWindows1252Chapters) {
  book b;
  const std::string text = "<p>Gr\xC3\xBC\xC3\x9F" "e</p>";
  std::string u16 = "\xFF\xFE";
  for (const char c : xhtml("<p>Wide text</p>")) {
    u16 += c;
    u16 += '\0';
  }
  b.manifest = "<item id=\"w\" href=\"w.xhtml\" media-type=\"application/xhtml+xml\"/>";
  b.spine = "<itemref idref=\"w\"/>";
  b.files.emplace_back("OEBPS/w.xhtml", u16);
  b.chapter("u", text);
  b.chapter("l", "");
  b.files.back().second = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><html><body><p>caf\xE9</p></body></html>";
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Wide text\n\nGr\xC3\xBC\xC3\x9F" "e\n\ncaf\xC3\xA9");
}

TEST(Epub, InvalidUtf8InADeclaredUtf8ChapterIsReplaced) {
  // The XML declaration plays the part of HTML's <meta charset>: a stray byte in a UTF-8 chapter
  // does not turn the whole chapter into Windows-1252 mojibake.
  book b;
  b.chapter("c", "");
  b.files.back().second = "<?xml version='1.0' encoding='utf-8'?><html><body><p>caf\xC3\xA9 \xFF ok</p></body></html>";
  b.chapter("l", "");
  b.files.back().second = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body><p>na\xEFve</p></body></html>";
  b.chapter("u", "");
  b.files.back().second = "<html><body><p>undeclared caf\xE9</p></body></html>";  // not UTF-8: Windows-1252
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "caf\xC3\xA9 \xEF\xBF\xBD ok\n\nna\xC3\xAFve\n\nundeclared caf\xC3\xA9");
  EXPECT_TRUE(has_warning(d, "invalid_utf8"));
}

// ---- damaged and hostile books ----------------------------------------------------------------------

TEST(Epub, WrongOrMissingMimetypeIsAWarning) {
  book b;
  b.chapter("c", "<p>Text</p>");
  b.mimetype = "application/zip";
  auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Text");
  EXPECT_TRUE(has_warning(d, "mimetype"));
  b.mimetype.clear();
  d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Text");
  EXPECT_TRUE(has_warning(d, "mimetype"));
}

TEST(Epub, MissingContainerFallsBackToTheOpf) {
  book b;
  b.with_container = false;
  b.chapter("c", "<p>Found anyway</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Found anyway");
  EXPECT_TRUE(has_warning(d, "missing_container"));
}

TEST(Epub, NoPackageDocumentIsCorrupt) {
  const std::string archive = zip_writer()
                                  .add("mimetype", "application/epub+zip", {.deflate = false})
                                  .add("META-INF/container.xml", container("OEBPS/missing.opf"))
                                  .add("OEBPS/c.xhtml", xhtml("<p>x</p>"))
                                  .build();
  auto r = run(archive);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  EXPECT_NE(r.err().detail.find("missing"), std::string::npos);
}

TEST(Epub, PackageOutsideTheArchiveIsNotFollowed) {
  book b;
  b.opf_path = "../../x";
  b.chapter("c", "<p>x</p>");
  auto r = run(b.build());  // the OPF entry is literally named "../../x": not a package path
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  EXPECT_NE(r.err().detail.find("outside"), std::string::npos);
}

TEST(Epub, ManifestReferencesOutsideTheArchiveAreSkipped) {
  book b;
  b.manifest = "<item id=\"evil\" href=\"../../../etc/passwd\" media-type=\"application/xhtml+xml\"/>"
               "<item id=\"remote\" href=\"https://example.com/c.xhtml\" media-type=\"application/xhtml+xml\"/>"
               "<item id=\"gone\" href=\"gone.xhtml\" media-type=\"application/xhtml+xml\"/>";
  b.spine = "<itemref idref=\"evil\"/><itemref idref=\"remote\"/><itemref idref=\"gone\"/>";
  b.files.emplace_back("etc/passwd", xhtml("<p>secret</p>"));
  b.chapter("c", "<p>Safe</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Safe");
  EXPECT_TRUE(has_warning(d, "outside_archive"));
  EXPECT_TRUE(has_warning(d, "missing_document"));
}

TEST(Epub, SpineDuplicatesAreReadOnce) {
  book b;
  b.chapter("c", "<p>Once</p>");
  for (int i = 0; i < 5; ++i) b.spine += "<itemref idref=\"c\"/>";
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Once");
  EXPECT_TRUE(has_warning(d, "duplicate_spine_item"));
}

TEST(Epub, ADocumentReachedTwiceIsReadOnce) {
  book b;
  b.chapter("c", "<p>Once</p>");
  b.manifest += "<item id=\"alias\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>"
                "<item id=\"svg\" href=\"p.svg\" media-type=\"image/svg+xml\" fallback=\"c\"/>";
  b.spine += "<itemref idref=\"alias\"/><itemref idref=\"svg\"/>";
  EXPECT_EQ(extract_ok(b.build()).content, "Once");
}

TEST(Epub, BillionLaughsPackageIsNotExpanded) {
  book b;
  std::string dtd = "<!DOCTYPE package [<!ENTITY lol \"lol\">";
  dtd += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">";
  for (int i = 2; i <= 9; ++i) {
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&lol" + std::to_string(i - 1) + ";";
    dtd += "\">";
  }
  dtd += "]>";
  b.metadata = "<dc:title>&lol9;</dc:title>";
  b.chapter("c", "<p>Text</p>");
  std::string opf = b.opf();
  opf.insert(opf.find("<package"), dtd);
  zip_writer z;
  z.add("mimetype", "application/epub+zip", {.deflate = false}).add("META-INF/container.xml", container(b.opf_path));
  z.add(b.opf_path, opf);
  for (const auto& [name, data] : b.files) z.add(name, data);
  const auto start = std::chrono::steady_clock::now();
  auto r = run(z.build());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "Text");
  EXPECT_LT(meta_string(r.value(), "title").size(), 100u);
}

TEST(Epub, HundredThousandItemSpine) {
  // 100,000 distinct items, each a missing document, and 100,000 references to one real chapter.
  book b;
  b.manifest.reserve(8'000'000);
  b.spine.reserve(4'000'000);
  for (int i = 0; i < 100000; ++i) {
    const std::string id = numbered("m", i);
    b.manifest += "<item id=\"" + id + "\" href=\"" + id + ".xhtml\" media-type=\"application/xhtml+xml\"/>";
    b.spine += "<itemref idref=\"" + id + "\"/>";
  }
  b.chapter("real", "<p>Real chapter</p>");
  for (int i = 0; i < 100000; ++i) b.spine += "<itemref idref=\"real\"/>";
  // 1,000 unreadable items whose fallbacks lead on to the next one: each chain is cut short.
  for (int i = 0; i < 1000; ++i) {
    b.manifest += "<item id=\"" + numbered("f", i) + "\" href=\"f.bin\" media-type=\"application/x-f\" fallback=\"" +
                  numbered("f", i + 1) + "\"/>";
    b.spine += "<itemref idref=\"" + numbered("f", i) + "\"/>";
  }
  const auto start = std::chrono::steady_clock::now();
  const auto d = extract_ok(b.build());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(d.content, "Real chapter");
  EXPECT_TRUE(has_warning(d, "missing_document"));
  EXPECT_TRUE(has_warning(d, "duplicate_spine_item"));
  EXPECT_TRUE(has_warning(d, "unsupported_document"));
  EXPECT_LE(d.warnings.size(), 5u);  // one warning per kind, not one per entry

  quarry::options small;
  small.limits.max_entries = 50000;  // the spine has 201,000 entries
  auto r = run(b.build(), small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Epub, ManyEntriesAndManyMissingDocumentsStayFast) {
  // 60,000 archive entries and 60,000 spine documents that are not among them: every lookup
  // misses, and a miss must not scan the directory.
  book b;
  b.chapter("real", "<p>Found</p>");
  for (int i = 0; i < 60000; ++i) {
    const std::string id = numbered("m", i);
    b.manifest += "<item id=\"" + id + "\" href=\"gone/" + id + ".xhtml\" media-type=\"application/xhtml+xml\"/>";
    b.spine += "<itemref idref=\"" + id + "\"/>";
    b.files.emplace_back(numbered("OEBPS/other/", i), "");
  }
  const std::string epub = b.build();
  const auto start = std::chrono::steady_clock::now();
  const auto d = extract_ok(epub);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(d.content, "Found");
  EXPECT_TRUE(has_warning(d, "missing_document"));
}

TEST(Epub, ElementBudgetIsSharedByTheChapters) {
  book b;
  std::string body;
  for (int i = 0; i < 40; ++i) body += "<p>x</p>";
  for (int i = 0; i < 10; ++i) b.chapter(numbered("c", i), body);
  quarry::options opts;
  opts.limits.max_entries = 300;  // ~45 elements per chapter: one chapter fits, all ten do not
  auto r = run(b.build(), opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Epub, DeepNestingInAChapterIsFlattened) {
  book b;
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "deep text";
  b.chapter("c", deep);
  b.chapter("d", "<p>after</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "deep text\n\nafter");
  EXPECT_TRUE(has_warning(d, "max_depth"));
}

TEST(Epub, DeepNestingInThePackageCostsNoStack) {
  book b;
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<x>";
  for (int i = 0; i < 100000; ++i) deep += "</x>";
  b.metadata = "<dc:title>T</dc:title>" + deep;
  b.chapter("c", "<p>Text</p>");
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Text");
}

TEST(Epub, BombChapterIsALimitError) {
  book b;
  b.chapter("c", "");
  b.files.back().second = "<p>" + std::string(64u << 20, 'a') + "</p>";
  quarry::options opts;
  opts.limits.max_decompressed_bytes = 8u << 20;
  auto r = run(b.build(), opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Epub, CrcMismatchKeepsTheText) {
  book b;
  b.chapter("c", "<p>Damaged but readable</p>");
  zip_writer z;
  z.add("mimetype", "application/epub+zip", {.deflate = false}).add("META-INF/container.xml", container(b.opf_path));
  z.add(b.opf_path, b.opf());
  z.add(b.files[0].first, b.files[0].second, {.bad_crc = true});
  const auto d = extract_ok(z.build());
  EXPECT_EQ(d.content, "Damaged but readable");
  EXPECT_TRUE(has_warning(d, "crc_mismatch"));
}

TEST(Epub, DamagedChapterIsSkipped) {
  book b;
  b.chapter("c", "<p>Lost</p>");
  b.chapter("d", "<p>Kept</p>");
  zip_writer z;
  z.add("mimetype", "application/epub+zip", {.deflate = false}).add("META-INF/container.xml", container(b.opf_path));
  z.add(b.opf_path, b.opf());
  z.add(b.files[0].first, b.files[0].second, {.method_override = 99});
  z.add(b.files[1].first, b.files[1].second);
  const auto d = extract_ok(z.build());
  EXPECT_EQ(d.content, "Kept");
  EXPECT_TRUE(has_warning(d, "damaged_document"));
}

// ---- encryption ------------------------------------------------------------------------------------

std::string encryption_xml(std::vector<std::pair<std::string, std::string>> refs) {
  std::string x = "<encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
                  "xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\">";
  for (const auto& [uri, algorithm] : refs) {
    x += "<enc:EncryptedData><enc:EncryptionMethod Algorithm=\"" + algorithm +
         "\"/><enc:CipherData><enc:CipherReference URI=\"" + uri + "\"/></enc:CipherData></enc:EncryptedData>";
  }
  return x + "</encryption>";
}

constexpr const char* aes = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
constexpr const char* idpf_font = "http://www.idpf.org/2008/embedding";

TEST(EpubEncryption, ReadsTheListedParts) {
  const auto parts = epub::read_encryption(
      encryption_xml({{"OEBPS/fonts/a.ttf", idpf_font}, {"OEBPS/ch%201.xhtml", aes}, {"../x", aes}}), 100);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].path, "OEBPS/fonts/a.ttf");
  EXPECT_TRUE(parts[0].obfuscation);
  EXPECT_EQ(parts[1].path, "OEBPS/ch 1.xhtml");
  EXPECT_FALSE(parts[1].obfuscation);
  EXPECT_EQ(epub::read_encryption(encryption_xml({{"a", aes}, {"b", aes}, {"c", aes}}), 2).size(), 2u);
  EXPECT_TRUE(epub::read_encryption("garbage", 10).empty());
}

TEST(EpubEncryption, ObfuscatedFontsAreHarmless) {
  book b;
  b.chapter("c", "<p>Readable</p>");
  b.files.emplace_back("META-INF/encryption.xml", encryption_xml({{"OEBPS/fonts/f.otf", idpf_font}}));
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Readable");
  EXPECT_TRUE(d.warnings.empty());
}

TEST(EpubEncryption, SomeEncryptedChaptersAreWarnings) {
  book b;
  b.chapter("c1", "<p>Open chapter</p>");
  b.chapter("c2", "<p>\x8F\x01 ciphertext</p>");
  b.files.emplace_back("META-INF/encryption.xml", encryption_xml({{"OEBPS/c2.xhtml", aes}}));
  const auto d = extract_ok(b.build());
  EXPECT_EQ(d.content, "Open chapter");
  EXPECT_TRUE(has_warning(d, "encrypted"));
}

TEST(EpubEncryption, AllChaptersEncryptedIsAnError) {
  book b;
  b.chapter("c1", "<p>a</p>");
  b.chapter("c2", "<p>b</p>");
  b.files.emplace_back("META-INF/encryption.xml", encryption_xml({{"OEBPS/c1.xhtml", aes}, {"OEBPS/c2.xhtml", aes}}));
  auto r = run(b.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::encrypted);
}

TEST(EpubEncryption, ZipEncryptedChapterCountsAsEncrypted) {
  book b;
  b.chapter("c", "<p>x</p>");
  zip_writer z;
  z.add("mimetype", "application/epub+zip", {.deflate = false}).add("META-INF/container.xml", container(b.opf_path));
  z.add(b.opf_path, b.opf());
  z.add(b.files[0].first, b.files[0].second, {.encrypted_flag = true});
  auto r = run(z.build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::encrypted);
}

// ---- bad input -----------------------------------------------------------------------------------------

TEST(EpubBadInput, EmptyTruncatedAndRandom) {
  auto empty = quarry::extract({}, "application/epub+zip");
  EXPECT_FALSE(empty.ok());

  book b;
  b.chapter("c", "<p>Some text that is long enough to matter</p>");
  const std::string whole = b.build();
  for (std::size_t cut = 0; cut < whole.size(); cut += 37) {
    auto r = run(whole.substr(0, cut));  // a typed error or a (partial) result, never a crash
    if (!r.ok()) {
      EXPECT_NE(r.err().code, quarry::error_code::out_of_memory);
    }
  }

  std::mt19937 rng(1234);
  std::string noise(3u << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  auto r = run(noise);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);

  // Random bytes with a ZIP's end record: a directory that points at garbage.
  std::string fake = noise.substr(0, 100000) + whole.substr(whole.rfind(std::string("PK\x05\x06", 4)));
  auto r2 = run(fake);
  if (!r2.ok()) {
    EXPECT_NE(r2.err().code, quarry::error_code::out_of_memory);
  }
}

TEST(EpubBadInput, SinkStopEndsTheBookEarly) {
  book b;
  for (int i = 0; i < 50; ++i) b.chapter(numbered("c", i), "<p>" + std::string(20000, 'w') + "</p>");
  struct stopper final : quarry::sink {
    std::size_t calls = 0;
    bool on_content(std::string_view) override { return ++calls < 2; }
  } s;
  const std::string epub = b.build();
  auto r = quarry::extract(bytes_of(epub), "application/epub+zip", {}, s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.calls, 2u);
  EXPECT_LT(r.value().content_bytes, 50u * 20000u);
}

}  // namespace
