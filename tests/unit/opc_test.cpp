// OPC: part-name resolution, relationships and document properties of DOCX/XLSX/PPTX packages.
#include <gtest/gtest.h>

#if QUARRY_WITH_OFFICE
#include "formats/office/opc.hpp"
#include "zip_writer.hpp"

namespace {

using quarry::detail::zip_archive;
namespace office = quarry::detail::office;

class collect : public quarry::sink {
 public:
  bool on_content(std::string_view) override { return true; }
  void on_metadata(std::string_view key, quarry::value&& v) override { meta.set(key, std::move(v)); }
  void on_warning(quarry::warning&& w) override { warnings.push_back(std::move(w)); }
  quarry::value meta = quarry::value::object();
  std::vector<quarry::warning> warnings;
};

struct fixture {
  explicit fixture(const std::string& archive) : bytes(archive), out(sink, opts) {
    auto z = zip_archive::open(std::as_bytes(std::span(bytes.data(), bytes.size())), opts.limits);
    EXPECT_TRUE(z.ok());
    zip.emplace(std::move(z.value()));
  }
  std::string bytes;
  quarry::options opts;
  collect sink;
  quarry::detail::writer out;
  std::optional<zip_archive> zip;
};

TEST(Opc, ResolvesPartNames) {
  EXPECT_EQ(office::resolve_part("word/document.xml", "media/image1.png"), "word/media/image1.png");
  EXPECT_EQ(office::resolve_part("ppt/slides/slide1.xml", "../media/a.png"), "ppt/media/a.png");
  EXPECT_EQ(office::resolve_part("ppt/slides/slide1.xml", "/ppt/notesSlides/n1.xml"), "ppt/notesSlides/n1.xml");
  EXPECT_EQ(office::resolve_part("", "word/document.xml"), "word/document.xml");
  EXPECT_EQ(office::resolve_part("a/b.xml", "../../../../etc/passwd"), "etc/passwd");  // never above the root
  EXPECT_EQ(office::resolve_part("xl/workbook.xml", "./worksheets/sheet%201.xml#frag"), "xl/worksheets/sheet 1.xml");
}

TEST(Opc, RelationshipsAndTheMainDocument) {
  const std::string rels =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.xml"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
      R"(</Relationships>)";
  const std::string doc_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId5" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink" Target="https://example.org/a?b=c" TargetMode="External"/>)"
      R"(<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/i.png"/>)"
      R"(</Relationships>)";
  fixture f(quarry::test::zip_writer().add("_rels/.rels", rels).add("word/main.xml", "<w/>").add("word/_rels/main.xml.rels", doc_rels).build());
  EXPECT_EQ(office::main_document(*f.zip, "word/document.xml", f.out), "word/main.xml");
  const auto r = office::read_relationships(*f.zip, "word/main.xml", f.out);
  ASSERT_EQ(r.size(), 2u);
  const auto* link = office::find_by_id(r, "rId5");
  ASSERT_NE(link, nullptr);
  EXPECT_TRUE(link->external);
  EXPECT_EQ(link->target, "https://example.org/a?b=c");
  const auto* image = office::find_by_type(r, "/image");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->target, "word/media/i.png");
  EXPECT_EQ(office::find_by_id(r, "rId9"), nullptr);
  EXPECT_TRUE(f.sink.warnings.empty());
}

TEST(Opc, MissingOrDamagedRelationships) {
  fixture f(quarry::test::zip_writer().add("_rels/.rels", "<Relationships><Relationship").add("word/document.xml", "<w/>").build());
  EXPECT_EQ(office::main_document(*f.zip, "word/document.xml", f.out), "word/document.xml");
  ASSERT_FALSE(f.sink.warnings.empty());
  EXPECT_EQ(f.sink.warnings[0].code, "damaged_part");
  EXPECT_TRUE(office::read_relationships(*f.zip, "word/document.xml", f.out).empty());
}

TEST(Opc, DocumentProperties) {
  const std::string core =
      R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
      R"(xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">)"
      R"(<dc:title>Quarterly report</dc:title><dc:subject>Sales</dc:subject><dc:creator>Ann Lee; Bo Chen</dc:creator>)"
      R"(<cp:keywords>sales, q3;  europe</cp:keywords><dc:description>Numbers</dc:description>)"
      R"(<cp:lastModifiedBy>Cy</cp:lastModifiedBy><cp:revision>4</cp:revision>)"
      R"(<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T09:30:00Z</dcterms:created>)"
      R"(<dcterms:modified>not a date</dcterms:modified></cp:coreProperties>)";
  const std::string app =
      R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">)"
      R"(<Application>Microsoft Office Word</Application><Pages>3</Pages><Words>812</Words><Company>ACME</Company>)"
      R"(<Characters>x</Characters></Properties>)";
  fixture f(quarry::test::zip_writer().add("docProps/core.xml", core).add("docProps/app.xml", app).build());
  office::read_document_properties(*f.zip, f.out);
  const auto& m = f.sink.meta;
  ASSERT_NE(m.find("title"), nullptr);
  EXPECT_EQ(m.find("title")->as_string(), "Quarterly report");
  EXPECT_EQ(m.find("subject")->as_string(), "Sales");
  ASSERT_EQ(m.find("authors")->size(), 2u);
  EXPECT_EQ(m.find("authors")->items()[1].as_string(), "Bo Chen");
  ASSERT_EQ(m.find("keywords")->size(), 3u);
  EXPECT_EQ(m.find("keywords")->items()[2].as_string(), "europe");
  EXPECT_EQ(m.find("createdAt")->as_string(), "2024-03-01T09:30:00Z");
  EXPECT_EQ(m.find("modifiedAt"), nullptr);  // not a date: left out
  EXPECT_EQ(m.find("pageCount")->as_int(), 3);
  EXPECT_EQ(m.find("wordCount")->as_int(), 812);
  EXPECT_EQ(m.find("characterCount"), nullptr);
  EXPECT_EQ(m.find("application")->as_string(), "Microsoft Office Word");
  EXPECT_EQ(m.find("company")->as_string(), "ACME");
}

}  // namespace
#endif
