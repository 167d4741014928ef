// ODS: the spreadsheet reader behind the ODF extractor. Its content.xml reading is tested
// directly (read_ods_content / extract_ods_content); whole packages through quarry::extract only
// when the ODF folder is in the build (it dispatches spreadsheets here).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "core/document_sink.hpp"
#include "core/writer.hpp"
#include "core/zip.hpp"
#include "formats/xlsx/ods_reader.hpp"
#include "quarry/quarry.hpp"
#include "zip_writer.hpp"

namespace {

struct ods_result {
  quarry::status st = std::monostate{};
  quarry::document doc;
};

const char* const head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\">";

std::string content(std::string_view body, std::string_view styles = {}) {
  return std::string(head) + "<office:automatic-styles>" + std::string(styles) +
         "</office:automatic-styles><office:body><office:spreadsheet>" + std::string(body) +
         "</office:spreadsheet></office:body></office:document-content>";
}

ods_result read(const std::string& xml, quarry::options o = {}) {
  ods_result r;
  quarry::detail::document_sink sink(r.doc, o.pages);
  quarry::detail::writer w(sink, o);
  r.st = quarry::detail::read_ods_content(xml, w);
  if (r.st.ok()) r.st = w.finish();
  return r;
}

std::string cell(std::string_view text, std::string_view attrs = {}) {
  return "<table:table-cell office:value-type=\"string\" " + std::string(attrs) + "><text:p>" + std::string(text) +
         "</text:p></table:table-cell>";
}

std::string row(std::string_view cells, std::string_view attrs = {}) {
  return "<table:table-row " + std::string(attrs) + ">" + std::string(cells) + "</table:table-row>";
}

std::string table(std::string_view name, std::string_view rows, std::string_view attrs = {}) {
  return "<table:table table:name=\"" + std::string(name) + "\" " + std::string(attrs) + ">" +
         "<table:table-column table:number-columns-repeated=\"16384\"/>" + std::string(rows) + "</table:table>";
}

TEST(Ods, SheetsRowsAndDisplayText) {
  const std::string xml = content(
      table("Prices",
            row(cell("Item") + cell("Price")) +
                row(cell("Tea") +
                    "<table:table-cell office:value-type=\"currency\" office:value=\"3.5\"><text:p>$3.50</text:p></table:table-cell>") +
                row(cell("Milk") + "<table:table-cell office:value-type=\"float\" office:value=\"0.25\"/>") +
                row("<table:table-cell table:number-columns-repeated=\"16384\"/>", "table:number-rows-repeated=\"1048573\"")) +
      table("Second", row(cell("x"))));
  quarry::options o;
  o.format = quarry::output_format::markdown;
  o.pages = true;
  auto r = read(xml, o);
  ASSERT_TRUE(r.st.ok()) << r.st.err().detail;
  EXPECT_EQ(r.doc.content,
            "## Prices\n\n| Item | Price |\n| --- | --- |\n| Tea | $3.50 |\n| Milk | 0.25 |\n\n## Second\n\n| x |\n| --- |");
  ASSERT_EQ(r.doc.pages.size(), 2u);
  EXPECT_EQ(r.doc.pages[1].page_number, 2u);
  const quarry::value* names = r.doc.metadata.find("sheetNames");
  ASSERT_NE(names, nullptr);
  ASSERT_EQ(names->size(), 2u);
  EXPECT_EQ(names->items()[0].as_string(), "Prices");
  EXPECT_EQ(r.doc.metadata.find("sheetCount")->as_int(), 2);
  ASSERT_EQ(r.doc.tables.size(), 2u);
  EXPECT_EQ(r.doc.tables[0].cells[1][1], "$3.50");
}

TEST(Ods, RepeatsSpacesAndParagraphs) {
  const std::string xml = content(table(
      "S", row(cell("a", "table:number-columns-repeated=\"3\"") + "<table:table-cell table:number-columns-repeated=\"2\"/>" + cell("b")) +
               row("<table:table-cell><text:p>two<text:s text:c=\"3\"/>spaces</text:p><text:p>second   line</text:p></table:table-cell>",
                   "table:number-rows-repeated=\"2\"")));
  auto r = read(xml);
  ASSERT_TRUE(r.st.ok());
  EXPECT_EQ(r.doc.content, "S\n\na\ta\ta\t\t\tb\ntwo spaces second line\ntwo spaces second line");
  ASSERT_EQ(r.doc.tables.size(), 1u);
  EXPECT_EQ(r.doc.tables[0].cells[1][0], "two   spaces\nsecond line");
}

TEST(Ods, CoveredCellsHiddenSheetsAndTypedValues) {
  const std::string styles =
      "<style:style style:name=\"ta2\" style:family=\"table\"><style:table-properties table:display=\"false\"/></style:style>";
  const std::string xml = content(
      table("Shown",
            row("<table:table-cell table:number-columns-spanned=\"2\" office:value-type=\"string\"><text:p>wide</text:p></table:table-cell>"
                "<table:covered-table-cell><text:p>stale</text:p></table:covered-table-cell>" + cell("c")) +
                row("<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"/>"
                    "<table:table-cell office:value-type=\"percentage\" office:value=\"0.125\"/>"
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-01-30\"/>"
                    "<table:table-cell office:value-type=\"time\" office:time-value=\"PT36H30M00S\"/>")) +
          table("Hidden", row(cell("secret")), "table:style-name=\"ta2\""),
      styles);
  auto r = read(xml);
  ASSERT_TRUE(r.st.ok());
  EXPECT_EQ(r.doc.content, "Shown\n\nwide\t\tc\nTRUE\t12.5%\t2024-01-30\t36:30:00\n\nHidden\n\nsecret");
  const quarry::value* hidden = r.doc.metadata.find("hiddenSheets");
  ASSERT_NE(hidden, nullptr);
  ASSERT_EQ(hidden->size(), 1u);
  EXPECT_EQ(hidden->items()[0].as_string(), "Hidden");
}

TEST(Ods, AnnotationsOnlyWhenAsked) {
  const std::string xml = content(table(
      "N", row(cell("x") + "<table:table-cell office:value-type=\"float\" office:value=\"2\"><office:annotation><dc:creator>Ada</dc:creator>"
                           "<dc:date>2024-01-01T00:00:00</dc:date><text:p>check</text:p><text:p>this</text:p></office:annotation>"
                           "<text:p>2</text:p></table:table-cell>")));
  auto plain = read(xml);
  ASSERT_TRUE(plain.st.ok());
  EXPECT_EQ(plain.doc.content, "N\n\nx\t2");
  quarry::options o;
  o.include_comments = true;
  auto with = read(xml, o);
  ASSERT_TRUE(with.st.ok());
  EXPECT_EQ(with.doc.content, "N\n\nx\t2\n\n- B1: check this (Ada)");
}

TEST(Ods, DrawingsInCellsAreNotText) {
  const std::string xml = content(table(
      "D", row("<table:table-cell><draw:frame><draw:text-box><text:p>caption</text:p></draw:text-box></draw:frame>"
               "<text:p>value</text:p></table:table-cell>") +
               "<table:shapes><draw:frame><draw:text-box><text:p>floating</text:p></draw:text-box></draw:frame></table:shapes>"));
  auto r = read(xml);
  ASSERT_TRUE(r.st.ok());
  EXPECT_EQ(r.doc.content, "D\n\nvalue");
}

TEST(OdsHostile, HugeRepeatsOfTextAreALimitError) {
  const std::string xml = content(
      table("S", row(cell("x", "table:number-columns-repeated=\"16384\""), "table:number-rows-repeated=\"1048576\"")));
  quarry::options o;
  auto r = read(xml, o);
  ASSERT_FALSE(r.st.ok());
  EXPECT_EQ(r.st.err().code, quarry::error_code::limit_exceeded);
}

TEST(OdsHostile, EmptyRepeatsCostNothing) {
  std::string rows;
  for (int i = 0; i < 1000; ++i) {
    rows += row("<table:table-cell table:number-columns-repeated=\"4294967295\"/>", "table:number-rows-repeated=\"4294967295\"");
  }
  const std::string xml = content(table("S", row(cell("first")) + rows + row(cell("never placed: past the last row"))));
  auto r = read(xml);
  ASSERT_TRUE(r.st.ok());
  EXPECT_EQ(r.doc.content, "S\n\nfirst");
}

TEST(OdsHostile, DeepNestingAndDamage) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<text:span>";
  auto r = read(content(table("S", row("<table:table-cell><text:p>" + deep))));
  ASSERT_FALSE(r.st.ok());
  EXPECT_EQ(r.st.err().code, quarry::error_code::limit_exceeded);

  // Cut in the middle of a tag: the rows before stay, with a warning.
  const std::string whole = content(table("S", row(cell("kept")) + row(cell("lost"))));
  const std::string cut = whole.substr(0, whole.find("lost") - 12);
  auto d = read(cut);
  ASSERT_TRUE(d.st.ok());
  EXPECT_EQ(d.doc.content, "S\n\nkept");
  ASSERT_FALSE(d.doc.warnings.empty());
  EXPECT_EQ(d.doc.warnings[0].code, "damaged_part");

  // Cut in the middle of text: the same.
  const std::string cut_text = whole.substr(0, whole.find("lost") + 2);
  auto t = read(cut_text);
  ASSERT_TRUE(t.st.ok());
  EXPECT_EQ(t.doc.content, "S\n\nkept");

  // Random bytes and invalid UTF-8: a result or an error, never a crash.
  std::mt19937 rng(3);
  std::string junk(1u << 20, '\0');
  for (auto& c : junk) c = static_cast<char>(rng());
  (void)read(junk);
  auto bad = read(content(table("S", row(cell("bad \xC3 byte")))));
  ASSERT_TRUE(bad.st.ok());
  EXPECT_EQ(bad.doc.content, "S\n\nbad \xEF\xBF\xBD byte");
}

TEST(Ods, FromTheArchive) {
  const std::string archive = quarry::test::zip_writer()
                                  .add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", {.deflate = false})
                                  .add("content.xml", content(table("Z", row(cell("zipped")))))
                                  .build();
  auto z = quarry::detail::zip_archive::open(std::as_bytes(std::span(archive.data(), archive.size())), {});
  ASSERT_TRUE(z.ok());
  quarry::document doc;
  quarry::detail::document_sink sink(doc, false);
  quarry::options o;
  quarry::detail::writer w(sink, o);
  ASSERT_TRUE(quarry::detail::extract_ods_content(z.value(), w).ok());
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(doc.content, "Z\n\nzipped");

  const std::string empty = quarry::test::zip_writer().add("mimetype", "application/vnd.oasis.opendocument.spreadsheet").build();
  auto e = quarry::detail::zip_archive::open(std::as_bytes(std::span(empty.data(), empty.size())), {});
  ASSERT_TRUE(e.ok());
  quarry::detail::writer w2(sink, o);
  const auto st = quarry::detail::extract_ods_content(e.value(), w2);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::corrupt);
}

// The ODS golden files (made by LibreOffice, tools/make_sheet_test_files.py), read here without
// the ODF extractor; golden_test reads them through it when it is in the build.
TEST(Ods, GoldenFilesThroughTheReader) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(QUARRY_GOLDEN_DIR) / "ods";
  std::size_t checked = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".ods") continue;
    std::ifstream in(e.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const bool md : {false, true}) {
      fs::path expected_path = e.path();
      expected_path += md ? ".md" : ".txt";
      std::ifstream ex(expected_path, std::ios::binary);
      ASSERT_TRUE(ex.good()) << expected_path;
      std::string expected((std::istreambuf_iterator<char>(ex)), std::istreambuf_iterator<char>());
      while (!expected.empty() && expected.back() == '\n') expected.pop_back();
      auto z = quarry::detail::zip_archive::open(std::as_bytes(std::span(bytes.data(), bytes.size())), {});
      ASSERT_TRUE(z.ok()) << e.path();
      quarry::document doc;
      quarry::detail::document_sink sink(doc, false);
      quarry::options o;
      o.format = md ? quarry::output_format::markdown : quarry::output_format::plain;
      quarry::detail::writer w(sink, o);
      ASSERT_TRUE(quarry::detail::extract_ods_content(z.value(), w).ok()) << e.path();
      ASSERT_TRUE(w.finish().ok());
      EXPECT_EQ(doc.content, expected) << expected_path;
      ++checked;
    }
  }
  EXPECT_GE(checked, 8u);
}

TEST(OdsHostile, ZipBombContentIsALimitError) {
  const std::string archive = quarry::test::zip_writer()
                                  .add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", {.deflate = false})
                                  .add("content.xml", content(std::string(64u << 20, ' ')))
                                  .build();
  quarry::options o;
  o.limits.max_decompressed_bytes = 8u << 20;
  auto z = quarry::detail::zip_archive::open(std::as_bytes(std::span(archive.data(), archive.size())), o.limits);
  ASSERT_TRUE(z.ok());
  quarry::document doc;
  quarry::detail::document_sink sink(doc, false);
  quarry::detail::writer w(sink, o);
  const auto st = quarry::detail::extract_ods_content(z.value(), w);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::limit_exceeded);
}

#if QUARRY_HAS_ODF
TEST(Ods, ThroughTheOdfExtractor) {
  const std::string archive = quarry::test::zip_writer()
                                  .add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", {.deflate = false})
                                  .add("content.xml", content(table("Z", row(cell("zipped")))))
                                  .add("meta.xml",
                                       "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                                       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>T</dc:title>"
                                       "</office:meta></office:document-meta>")
                                  .build();
  auto r = quarry::extract(std::as_bytes(std::span(archive.data(), archive.size())), "ods");
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "Z\n\nzipped");
  EXPECT_EQ(r.value().mime_type, "application/vnd.oasis.opendocument.spreadsheet");
  ASSERT_NE(r.value().metadata.find("title"), nullptr);
  EXPECT_EQ(r.value().metadata.find("sheetCount")->as_int(), 1);
}
#endif

}  // namespace
