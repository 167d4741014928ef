// PDF extractor tests. The PDFs are written here, object by object, by a small builder that computes
// the cross-reference table; the encrypted ones in tests/golden/pdf/ were made from such PDFs by the
// qpdf program. Corpus-based robustness runs only when the shared corpus is present.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "formats/pdf/date.hpp"
#include "quarry/quarry.hpp"

namespace {

// ---- a tiny PDF writer -------------------------------------------------------------------------

std::string stream_object(const std::string& data, const std::string& dict_extra = {}) {
  return "<< /Length " + std::to_string(data.size()) + " " + dict_extra + " >>\nstream\n" + data + "\nendstream";
}

// Objects are numbered from 1 in order; object 1 must be the catalog.
std::string build_pdf(const std::vector<std::string>& objects, const std::string& trailer_extra = {}) {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " + trailer_extra + " >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

const char* helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

// One page (object 3) with `content` (object 4) and fonts /F1.. given as objects 5...; `more` objects
// follow them. Page dictionary extras (e.g. /Rotate) in `page_extra`.
std::string one_page(const std::string& content, const std::vector<std::string>& fonts = {helvetica},
                     const std::vector<std::string>& more = {}, const std::string& page_extra = {},
                     const std::string& resources_extra = {}) {
  std::string font_dict = "<<";
  for (std::size_t i = 0; i < fonts.size(); ++i) {
    font_dict += " /F" + std::to_string(i + 1) + " " + std::to_string(5 + i) + " 0 R";
  }
  font_dict += " >>";
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font " + font_dict + " " +
          resources_extra + " >> " + page_extra + " >>",
      stream_object(content)};
  for (const auto& f : fonts) objs.push_back(f);
  for (const auto& m : more) objs.push_back(m);
  return build_pdf(objs);
}

quarry::result<quarry::document> run(const std::string& pdf, quarry::options opts = {}) {
  return quarry::extract(std::as_bytes(std::span(pdf.data(), pdf.size())), "application/pdf", opts);
}

std::string text_of(const std::string& pdf, quarry::options opts = {}) {
  auto r = run(pdf, opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? r.value().content : std::string();
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const quarry::value* meta(const quarry::document& d, std::string_view key) { return d.metadata.find(key); }

// ---- text ----------------------------------------------------------------------------------------

TEST(Pdf, SimpleTextAndMetadata) {
  auto r = run(one_page("BT /F1 12 Tf 72 700 Td (Hello, World!) Tj ET"));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "Hello, World!");
  EXPECT_EQ(r.value().mime_type, "application/pdf");
  ASSERT_NE(meta(r.value(), "pageCount"), nullptr);
  EXPECT_EQ(meta(r.value(), "pageCount")->as_int(), 1);
  EXPECT_EQ(meta(r.value(), "pdfVersion")->as_string(), "1.7");
  EXPECT_FALSE(meta(r.value(), "isEncrypted")->as_bool());
}

TEST(Pdf, LinesAndParagraphs) {
  const std::string c =
      "BT /F1 12 Tf 14 TL 72 700 Td (First line of the paragraph) Tj T* (second line.) Tj "
      "0 -60 Td (A new paragraph after a gap.) Tj ET";
  EXPECT_EQ(text_of(one_page(c)), "First line of the paragraph\nsecond line.\n\nA new paragraph after a gap.");
}

TEST(Pdf, KerningAndWordGapsInTJ) {
  // Small adjustments are kerning; a large one is a word break.
  EXPECT_EQ(text_of(one_page("BT /F1 12 Tf 72 700 Td [(W) 80 (ord) -20 (s) -600 (apart)] TJ ET")), "Words apart");
}

TEST(Pdf, StandardFontWidthsWithoutWidthsArray) {
  // "Hello" in Helvetica is 2.278 em wide; a following word placed right after it touches it,
  // placed a space (0.278 em) further is a new word.
  EXPECT_EQ(text_of(one_page("BT /F1 10 Tf 72 700 Td (Hello) Tj 22.78 0 Td (World) Tj ET")), "HelloWorld");
  EXPECT_EQ(text_of(one_page("BT /F1 10 Tf 72 700 Td (Hello) Tj 25.56 0 Td (World) Tj ET")), "Hello World");
}

TEST(Pdf, TextOperatorsQuoteAndDoubleQuote) {
  const std::string c = "BT /F1 12 Tf 14 TL 72 700 Td (one) Tj (two) ' 1 0 (three) \" ET";
  EXPECT_EQ(text_of(one_page(c)), "one\ntwo\nthree");
}

TEST(Pdf, TextMatrixScaleAndCharSpacing) {
  // Tm scales the font; letter-spaced text (Tc) stays one word.
  EXPECT_EQ(text_of(one_page("BT /F1 1 Tf 12 0 0 12 72 700 Tm 2 Tc (spaced) Tj ET")), "spaced");
}

TEST(Pdf, DifferencesAndGlyphNames) {
  const std::string font =
      "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding /BaseEncoding "
      "/WinAnsiEncoding /Differences [65 /uni00E9 /u1F600 /f_i /fi /Eacute /nonsense.alt] >> >>";
  const std::string text = text_of(one_page("BT /F1 12 Tf 72 700 Td (ABCDE) Tj ET", {font}));
  EXPECT_EQ(text, "\xC3\xA9\xF0\x9F\x98\x80" "fifi\xC3\x89");
}

TEST(Pdf, BuiltInEncodingsOfSymbolAndMacRoman) {
  const std::string symbol = "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>";
  const std::string mac = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /MacRomanEncoding >>";
  const std::string c = "BT /F1 12 Tf 72 700 Td (abg) Tj /F2 12 Tf 0 -14 Td (\\212) Tj ET";
  EXPECT_EQ(text_of(one_page(c, {symbol, mac})), "\xCE\xB1\xCE\xB2\xCE\xB3\n\xC3\xA4");
}

TEST(Pdf, ToUnicodeOnIdentityFont) {
  const std::string cmap =
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
      "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
      "2 beginbfchar <0001> <0048> <0002> <00690021> endbfchar\n"
      "2 beginbfrange <0010> <0012> <0061> <0020> <0021> [<D83DDE00> <0078>] endbfrange\n"
      "endcmap CMapName currentdict /CMap defineresource pop end end";
  const std::string type0 =
      "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [6 0 R] "
      "/ToUnicode 7 0 R >>";
  const std::string cid =
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo << /Registry (Adobe) "
      "/Ordering (Identity) /Supplement 0 >> /DW 500 /W [1 [600 500]] >>";
  const std::string c = "BT /F1 12 Tf 72 700 Td <0001000200100011001200200021> Tj ET";
  EXPECT_EQ(text_of(one_page(c, {type0}, {cid, stream_object(cmap)})), "Hi!abc\xF0\x9F\x98\x80x");
}

// A TrueType program with nothing but a format 4 (3,1) cmap: 'H' → glyph 5, 'i' → glyph 6 (by
// delta), 'j'..'k' → glyphs 7..8 (through the glyph id array).
std::string tiny_truetype() {
  std::string t;
  auto u16 = [&](unsigned v) { t.push_back(static_cast<char>((v >> 8) & 0xFF)); t.push_back(static_cast<char>(v & 0xFF)); };
  auto u32 = [&](unsigned v) { u16(v >> 16); u16(v & 0xFFFF); };
  u32(0x00010000); u16(1); u16(16); u16(0); u16(0);  // sfnt header, one table
  t += "cmap"; u32(0); u32(28); u32(0);                // table record: cmap at 28
  u16(0); u16(1); u16(3); u16(1); u32(12);             // cmap header, one (3,1) subtable at +12
  const unsigned segs = 4;
  u16(4); u16(0); u16(0); u16(segs * 2); u16(0); u16(0); u16(0);
  for (unsigned e : {0x48u, 0x69u, 0x6Bu, 0xFFFFu}) u16(e);  // end codes
  u16(0);
  for (unsigned st : {0x48u, 0x69u, 0x6Au, 0xFFFFu}) u16(st);  // start codes
  for (unsigned d : {(5u - 0x48u) & 0xFFFF, (6u - 0x69u) & 0xFFFF, 0u, 1u}) u16(d);
  u16(0); u16(0); u16(4); u16(0);  // range offsets: segment 3 reads the array just after them
  u16(7); u16(8);                  // glyph id array
  return t;
}

TEST(Pdf, CidTrueTypeWithoutToUnicodeUsesTheFontsCmap) {
  const std::string type0 = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>";
  const std::string cid =
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDToGIDMap 8 0 R /FontDescriptor 7 0 R /DW 500 >>";
  const std::string descriptor = "<< /Type /FontDescriptor /FontName /X /Flags 4 /FontFile2 9 0 R >>";
  const std::string cid_to_gid("\x00\x00\x00\x05\x00\x06\x00\x07\x00\x08", 10);
  EXPECT_EQ(text_of(one_page("BT /F1 12 Tf 72 700 Td <0001000200030004> Tj ET", {type0},
                             {cid, descriptor, stream_object(cid_to_gid), stream_object(tiny_truetype())})),
            "Hijk");
}

TEST(Pdf, FormXObjectsAndCycles) {
  // Form 6 shows text and draws form 7, which draws itself: the cycle is cut, with a warning.
  const std::string form1 = stream_object("BT /F1 12 Tf 72 600 Td (Inside the form) Tj ET /X2 Do",
                                          "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
                                          "/XObject << /X2 7 0 R >> >>");
  const std::string form2 = stream_object("/X2 Do BT /F1 12 Tf 72 500 Td (Once) Tj ET",
                                          "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
                                          "/XObject << /X2 7 0 R >> >>");
  auto r = run(one_page("BT /F1 12 Tf 72 700 Td (Page text) Tj ET /X1 Do", {helvetica}, {form1, form2}, {},
                        "/XObject << /X1 6 0 R >>"));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "Page text\n\nInside the form\n\nOnce");
  bool cycle_warned = false;
  for (const auto& w : r.value().warnings) cycle_warned = cycle_warned || w.code == "pdf_form_cycle";
  EXPECT_TRUE(cycle_warned);
}

TEST(Pdf, ImagesAreListedWhenAsked) {
  // An XObject image (JPEG after Flate), one inside a form, an inline CCITT image, and an image in
  // the resources that the page never draws (not listed).
  const std::string jpeg = stream_object("xx", "/Type /XObject /Subtype /Image /Width 640 /Height 480 /BitsPerComponent 8 "
                                               "/ColorSpace /DeviceRGB /Filter [/FlateDecode /DCTDecode]");
  const std::string form = stream_object("/Im2 Do", "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Im2 8 0 R >> >>");
  const std::string jpx = stream_object("yy", "/Type /XObject /Subtype /Image /Width 32 /Height 99999999999 /Filter /JPXDecode");
  const std::string unused = stream_object("zz", "/Type /XObject /Subtype /Image /Width 5 /Height 5");
  const std::string pdf = one_page("q 100 0 0 100 0 0 cm /Im1 Do Q /Fm Do BI /W 8 /H 2 /BPC 1 /F [/CCF] ID \x01\x02 EI "
                                   "BT /F1 12 Tf 72 700 Td (Caption) Tj ET",
                                   {helvetica}, {jpeg, form, jpx, unused}, {},
                                   "/XObject << /Im1 6 0 R /Fm 7 0 R /Unused 9 0 R >>");
  auto plain = run(pdf);
  ASSERT_TRUE(plain.ok()) << plain.err().detail;
  EXPECT_TRUE(plain.value().images.empty());  // only with extract_images
  quarry::options opts;
  opts.extract_images = true;
  auto r = run(pdf, opts);
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "Caption");
  const auto& im = r.value().images;
  ASSERT_EQ(im.size(), 3u);
  EXPECT_EQ(im[0].format, "jpeg");
  EXPECT_EQ(im[0].width, 640u);
  EXPECT_EQ(im[0].height, 480u);
  EXPECT_EQ(im[0].page_number, 1u);
  EXPECT_EQ(im[0].name, "Im1");
  EXPECT_EQ(im[1].format, "jpeg2000");
  EXPECT_EQ(im[1].height, 4294967295u);  // a hostile size is clamped, never undefined
  EXPECT_EQ(im[2].format, "ccitt");
  EXPECT_EQ(im[2].width, 8u);
  EXPECT_EQ(im[2].height, 2u);
  EXPECT_EQ(im[2].name, "inline");
  std::string json;
  quarry::write_document_json(r.value(), json);
  EXPECT_NE(json.find(R"("images":[{"format":"jpeg","width":640,"height":480,"pageNumber":1,"name":"Im1"})"), std::string::npos) << json;
}

TEST(Pdf, FormMatrixAppliesToText) {
  // The form is scaled 2× and moved: its text lands below the page text, as one block each.
  const std::string form = stream_object("BT /F1 6 Tf 0 0 Td (Scaled) Tj ET",
                                         "/Subtype /Form /BBox [0 0 100 100] /Matrix [2 0 0 2 72 400] /Resources << /Font << /F1 5 0 R >> >>");
  EXPECT_EQ(text_of(one_page("/X1 Do BT /F1 12 Tf 72 700 Td (Top) Tj ET", {helvetica}, {form}, {}, "/XObject << /X1 6 0 R >>")),
            "Top\n\nScaled");
}

TEST(Pdf, UnbalancedQInAFormDoesNotLeakItsState) {
  // The form pops more than it pushed and scales everything down; the page text after it must be
  // where the page put it (on top), not scaled by the form's matrix.
  const std::string form = stream_object("Q Q 0.1 0 0 0.1 0 0 cm BT /F1 12 Tf 72 500 Td (Form) Tj ET",
                                         "/Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>");
  EXPECT_EQ(text_of(one_page("q /X1 Do BT /F1 12 Tf 72 700 Td (After) Tj ET Q", {helvetica}, {form}, {}, "/XObject << /X1 6 0 R >>")),
            "After\n\nForm");
}

TEST(Pdf, InlineImagesAreSkipped) {
  const std::string c =
      "BT /F1 12 Tf 72 700 Td (Before) Tj ET q 10 0 0 10 72 600 cm BI /W 4 /H 1 /BPC 8 /CS /G ID \x01(Tj)\xFF"
      "EIx EI Q BT /F1 12 Tf 72 686 Td (After) Tj ET";
  EXPECT_EQ(text_of(one_page(c)), "Before\nAfter");
}

TEST(Pdf, ActualTextReplacesGlyphs) {
  const std::string c =
      "BT /F1 12 Tf 72 700 Td (Say ) Tj /Span << /ActualText (\\376\\377\\000f\\000i) >> BDC (XX) Tj EMC (ne) Tj ET";
  EXPECT_EQ(text_of(one_page(c)), "Say fine");
}

TEST(Pdf, FakeBoldDuplicatesAreRemoved) {
  const std::string c = "BT /F1 12 Tf 72 700 Td (Bold) Tj ET BT /F1 12 Tf 72.3 700 Td (Bold) Tj ET";
  EXPECT_EQ(text_of(one_page(c)), "Bold");
}

TEST(Pdf, LigaturesExpandAndHyphensJoin) {
  const std::string font =
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [1 /fi /ffl /uni00AD] >> >>";
  const std::string c =
      "BT /F1 12 Tf 14 TL 72 700 Td (\\001nd the wa\\002e) Tj T* (a long exam-) Tj T* (ple of hy\\003) Tj T* (phenation) Tj ET";
  EXPECT_EQ(text_of(one_page(c, {font})), "find the waffle\na long example of hyphenation");
}

TEST(Pdf, SuperscriptsStayOnTheirLine) {
  const std::string c = "BT /F1 12 Tf 72 700 Td (E = mc) Tj 7 Ts /F1 8 Tf (2) Tj 0 Ts /F1 12 Tf ( is famous) Tj ET";
  EXPECT_EQ(text_of(one_page(c)), "E = mc2 is famous");
}

TEST(Pdf, TwoColumnsReadColumnByColumn) {
  std::string c = "BT /F1 10 Tf 12 TL 72 700 Td";
  for (int i = 0; i < 4; ++i) c += " (Left column line " + std::to_string(i + 1) + ") ' ";
  c += " ET BT /F1 10 Tf 12 TL 320 700 Td";
  for (int i = 0; i < 4; ++i) c += " (Right column line " + std::to_string(i + 1) + ") ' ";
  c += " ET";
  EXPECT_EQ(text_of(one_page(c)),
            "Left column line 1\nLeft column line 2\nLeft column line 3\nLeft column line 4\n\n"
            "Right column line 1\nRight column line 2\nRight column line 3\nRight column line 4");
}

TEST(Pdf, RotatedPageAndRotatedText) {
  // /Rotate 90 with text drawn along the page's y axis reads normally.
  EXPECT_EQ(text_of(one_page("BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Turned page) Tj ET", {helvetica}, {}, "/Rotate 90")),
            "Turned page");
  // Text running upwards on an upright page is still read.
  EXPECT_EQ(text_of(one_page("BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Going up) Tj ET")), "Going up");
}

TEST(Pdf, RightToLeftLinesInVisualOrder) {
  // Hebrew drawn left to right in visual order ("םולש" shows as שלום).
  const std::string cmap =
      "begincmap 1 begincodespacerange <00> <FF> endcodespacerange\n"
      "4 beginbfchar <01> <05E9> <02> <05DC> <03> <05D5> <04> <05DD> endbfchar endcmap";
  const std::string font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>";
  EXPECT_EQ(text_of(one_page("BT /F1 12 Tf 72 700 Td (\\004\\003\\002\\001) Tj ET", {font}, {stream_object(cmap)})),
            "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
}

TEST(Pdf, MarkdownHeadingsBySize) {
  quarry::options o;
  o.format = quarry::output_format::markdown;
  const std::string c =
      "BT /F1 24 Tf 72 700 Td (Big Title) Tj ET BT /F1 10 Tf 12 TL 72 660 Td (Body text that is long enough to be the body.) Tj "
      "T* (More body text.) Tj ET";
  EXPECT_EQ(text_of(one_page(c), o), "# Big Title\n\nBody text that is long enough to be the body.\nMore body text.");
}

TEST(Pdf, PagesAreReportedOneByOne) {
  const std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources << /Font << /F1 7 0 R >> >> /MediaBox [0 0 200 200] >>",
      "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
      "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
      stream_object("BT /F1 12 Tf 20 100 Td (Page one) Tj ET"),
      stream_object("BT /F1 12 Tf 20 100 Td (Page two) Tj ET"),
      helvetica};
  quarry::options o;
  o.pages = true;
  auto r = run(build_pdf(objs), o);
  ASSERT_TRUE(r.ok()) << r.err().detail;
  ASSERT_EQ(r.value().pages.size(), 2u);
  EXPECT_EQ(r.value().pages[0].page_number, 1u);
  EXPECT_NE(r.value().pages[0].content.find("Page one"), std::string::npos);
  EXPECT_NE(r.value().pages[1].content.find("Page two"), std::string::npos);
  EXPECT_EQ(meta(r.value(), "pageCount")->as_int(), 2);
}

TEST(Pdf, InfoAndXmpMetadata) {
  const std::string xmp =
      "<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
      "xmp:CreatorTool=\"Hand Writer\"><dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">From XMP</rdf:li></rdf:Alt>"
      "</dc:description><dc:title><rdf:Alt><rdf:li>Ignored, Info has one</rdf:li></rdf:Alt></dc:title></rdf:Description>"
      "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
  const std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
      "<< /Title (A Title) /Author (Ada Lovelace; Charles Babbage) /Keywords (pdf, text;extraction) "
      "/Producer <FEFF00510075006100720072007900> /CreationDate (D:20240102030405+01'00') /ModDate (D:2024) >>",
      stream_object(xmp, "/Type /Metadata /Subtype /XML")};
  auto r = run(build_pdf(objs, "/Info 4 0 R"));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  const auto& d = r.value();
  EXPECT_EQ(meta(d, "title")->as_string(), "A Title");
  ASSERT_EQ(meta(d, "authors")->size(), 2u);
  EXPECT_EQ(meta(d, "authors")->items()[1].as_string(), "Charles Babbage");
  ASSERT_EQ(meta(d, "keywords")->size(), 3u);
  EXPECT_EQ(meta(d, "producer")->as_string(), "Quarry");
  EXPECT_EQ(meta(d, "createdAt")->as_string(), "2024-01-02T03:04:05+01:00");
  EXPECT_EQ(meta(d, "modifiedAt")->as_string(), "2024-01-01");
  EXPECT_EQ(meta(d, "subject")->as_string(), "From XMP");
  EXPECT_EQ(meta(d, "createdBy")->as_string(), "Hand Writer");
  EXPECT_EQ(d.content, "");
}

TEST(Pdf, DatesToIso8601) {
  using quarry::detail::pdf::pdf_date_to_iso;
  EXPECT_EQ(pdf_date_to_iso("D:19991231235959Z"), "1999-12-31T23:59:59Z");
  EXPECT_EQ(pdf_date_to_iso("D:20010203040506-08'30'"), "2001-02-03T04:05:06-08:30");
  EXPECT_EQ(pdf_date_to_iso("D:200102"), "2001-02-01");
  EXPECT_EQ(pdf_date_to_iso("yesterday"), "");
  EXPECT_EQ(pdf_date_to_iso("D:20011302"), "");
}

// ---- encryption ----------------------------------------------------------------------------------

std::filesystem::path golden(const char* name) { return std::filesystem::path(QUARRY_GOLDEN_DIR) / "pdf" / name; }

TEST(Pdf, EncryptedWithUserPassword) {
  const std::string pdf = read_file(golden("encrypted-user-password.pdf"));
  ASSERT_FALSE(pdf.empty());
  auto r = run(pdf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::encrypted);
  quarry::options o;
  o.password = "wrong";
  r = run(pdf, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::encrypted);
  o.password = "secret";
  r = run(pdf, o);
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_NE(r.value().content.find("Encrypted text"), std::string::npos);
  EXPECT_TRUE(meta(r.value(), "isEncrypted")->as_bool());
}

TEST(Pdf, EncryptedWithEmptyUserPasswordOpensSilently) {
  const std::string pdf = read_file(golden("encrypted-owner-only.pdf"));
  ASSERT_FALSE(pdf.empty());
  auto r = run(pdf);
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_NE(r.value().content.find("Encrypted text"), std::string::npos);
  EXPECT_TRUE(meta(r.value(), "isEncrypted")->as_bool());
}

// ---- limits --------------------------------------------------------------------------------------

TEST(Pdf, DecompressedBytesLimit) {
  quarry::options o;
  o.limits.max_decompressed_bytes = 1000;
  std::string c = "BT /F1 12 Tf 72 700 Td";
  while (c.size() < 5000) c += " (filler) Tj";
  c += " ET";
  auto r = run(one_page(c), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Pdf, OperatorLimit) {
  quarry::options o;
  o.limits.max_entries = 50;
  std::string c;
  for (int i = 0; i < 200; ++i) c += "q Q ";
  auto r = run(one_page(c), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Pdf, FormNestingLimit) {
  // Forms 6..45 each draw the next: deeper than the nesting limit.
  std::vector<std::string> forms;
  for (int i = 0; i < 40; ++i) {
    const int self = 6 + i;
    forms.push_back(stream_object("/N Do", "/Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /N " +
                                               std::to_string(self + 1) + " 0 R >> >>"));
  }
  forms.push_back(stream_object("BT /F1 12 Tf (deep) Tj ET", "/Subtype /Form /BBox [0 0 1 1]"));
  auto r = run(one_page("/N Do", {helvetica}, forms, {}, "/XObject << /N 6 0 R >>"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Pdf, OutputLimit) {
  quarry::options o;
  o.limits.max_output_bytes = 10;
  auto r = run(one_page("BT /F1 12 Tf 72 700 Td (Much more than ten bytes of text) Tj ET"), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

// ---- bad input -----------------------------------------------------------------------------------

TEST(Pdf, EmptyAndGarbageAreCorrupt) {
  for (const std::string& s : {std::string(), std::string("%PDF-1.4\n"), std::string("%PDF-1.4\ngarbage \x01\x02\xFF")}) {
    auto r = run(s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  }
}

TEST(Pdf, NoPageTreeIsCorruptButNoPagesIsEmpty) {
  auto r = run(build_pdf({"<< /Type /Catalog >>"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  r = run(build_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "");
  EXPECT_EQ(meta(r.value(), "pageCount")->as_int(), 0);
}

TEST(Pdf, BrokenXrefIsRepaired) {
  std::string pdf = one_page("BT /F1 12 Tf 72 700 Td (Still here) Tj ET");
  const std::size_t at = pdf.find("startxref\n");
  pdf.replace(at + 10, pdf.find('\n', at + 10) - (at + 10), "12");  // points nowhere
  auto r = run(pdf);
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_EQ(r.value().content, "Still here");
  EXPECT_FALSE(r.value().warnings.empty());
}

TEST(Pdf, TruncatedAtEveryTenthResultsOrErrors) {
  const std::string pdf = one_page("BT /F1 12 Tf 72 700 Td (Truncated text) Tj ET");
  for (std::size_t cut = 0; cut < pdf.size(); cut += pdf.size() / 10 + 1) {
    auto r = run(pdf.substr(0, cut));
    if (!r.ok()) {
      EXPECT_EQ(r.err().code, quarry::error_code::corrupt) << "cut at " << cut;
    }
  }
}

TEST(Pdf, InvalidUtf8InStringsAndNames) {
  const std::string font =
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [65 /\xFF\xFE /uniD800 /uFFFFFFFF] >> >>";
  auto r = run(one_page("BT /F1 12 Tf 72 700 Td (ABC\xFF\xC3) Tj ET", {font}));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  std::string json;
  quarry::write_document_json(r.value(), json);  // must serialise: content is valid UTF-8
  EXPECT_FALSE(json.empty());
}

TEST(Pdf, DeepNestingInContentAndGraphicsState) {
  std::string c(100000, '[');
  c += " (x) ";
  c += std::string(100000, ']');
  c += " TJ ";
  for (int i = 0; i < 100000; ++i) c += "q ";
  c += "BT /F1 12 Tf 72 700 Td (survived) Tj ET";
  for (int i = 0; i < 100000; ++i) c += "Q ";
  c += std::string(100000, '<') + std::string(50000, '>');
  auto r = run(one_page(c));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_NE(r.value().content.find("survived"), std::string::npos);
}

TEST(Pdf, ManyCellsOnManyRowsStayFast) {
  // 100 rows of 300 one-letter cells: 30,000 blocks, nothing quadratic may run over them.
  std::string c = "BT /F1 4 Tf 14 TL 10 780 Td";
  for (int r = 0; r < 100; ++r) {
    c += " T* q";
    for (int k = 0; k < 300; ++k) c += " (x) Tj 6 0 Td";
    c += " Q";
  }
  c += " ET";
  const auto start = std::chrono::steady_clock::now();
  auto r = run(one_page(c));
  ASSERT_TRUE(r.ok()) << r.err().detail;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_GE(r.value().content.size(), 30000u);
}

TEST(Pdf, RandomBytesAfterHeader) {
  std::mt19937 rng(5);
  std::string s = "%PDF-1.5\n";
  s.reserve(3u << 20);
  while (s.size() < (3u << 20)) s.push_back(static_cast<char>(rng() & 0xFF));
  const auto start = std::chrono::steady_clock::now();
  auto r = run(s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  if (!r.ok()) {
      EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
    }
}

TEST(Pdf, RandomContentStream) {
  std::mt19937 rng(7);
  const char* pieces[] = {"BT ", "ET ", "(abc) ", "<414243> ", "Tj ", "TJ ", "[", "] ", "q ", "Q ", "1 ", "-2.5 ", "/F1 ",
                          "Tf ", "Td ", "Tm ", "cm ", "<< ", ">> ", "BDC ", "EMC ", "BI ", "ID ", "EI ", "Do ", "' ", "\" "};
  for (int round = 0; round < 20; ++round) {
    std::string c;
    for (int i = 0; i < 2000; ++i) c += pieces[rng() % std::size(pieces)];
    auto r = run(one_page(c));
    EXPECT_TRUE(r.ok());
  }
}

// ---- the shared corpus: damaged real files ------------------------------------------------------

TEST(Pdf, DamagedCorpusFilesGiveResultsOrTypedErrors) {
  // The corpus sits beside the repository (../shared), or beside its worktree folder.
  std::filesystem::path dir;
  for (const char* up : {"../../..", "../../../.."}) {
    const auto candidate = std::filesystem::path(QUARRY_GOLDEN_DIR) / up / "shared" / "corpus" / "pdf";
    if (std::filesystem::exists(candidate)) dir = candidate;
  }
  const char* names[] = {"fake_memo.pdf", "hello_structure.pdf", "pdfa_034.pdf"};
  int checked = 0;
  for (const char* name : names) {
    const std::string pdf = read_file(dir / name);
    if (pdf.empty()) continue;
    ++checked;
    std::mt19937 rng(11);
    for (int k = 1; k <= 10; ++k) {
      auto r = run(pdf.substr(0, pdf.size() * static_cast<std::size_t>(k) / 11));
      if (!r.ok()) {
      EXPECT_NE(r.err().code, quarry::error_code::out_of_memory);
    }
    }
    for (int k = 0; k < 30; ++k) {
      std::string bad = pdf;
      for (int flips = 0; flips < 100; ++flips) bad[rng() % bad.size()] = static_cast<char>(rng() & 0xFF);
      auto r = run(bad);
      if (!r.ok()) {
      EXPECT_NE(r.err().code, quarry::error_code::out_of_memory);
    }
    }
  }
  if (checked == 0) GTEST_SKIP() << "the shared corpus is not next to the repository";
}

}  // namespace
