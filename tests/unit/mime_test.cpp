// Format detection: hints (MIME types, extensions, file names), signatures, and how the two combine.
#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/mime.hpp"
#include "quarry/quarry.hpp"

using namespace std::string_literals;

namespace quarry {
// Failure messages name the format rather than print its address (found by argument lookup).
void PrintTo(const format_info* f, std::ostream* os) { *os << (f ? f->name : std::string_view("(none)")); }
}  // namespace quarry

namespace catalog = quarry::catalog;
using quarry::detail::format_from_bytes;
using quarry::detail::format_from_hint;
using quarry::detail::resolve_format;

namespace {

std::span<const std::byte> bytes_of(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }

const quarry::format_info* sniff(const std::string& s, bool* strong_out = nullptr) {
  bool strong = false;
  const quarry::format_info* f = format_from_bytes(bytes_of(s), strong);
  if (strong_out) *strong_out = strong;
  return f;
}


std::uint32_t crc32(std::string_view s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : s) {
    c ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

void put16(std::string& out, std::size_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::size_t v) {
  put16(out, v & 0xFFFF);
  put16(out, (v >> 16) & 0xFFFF);
}

// A real (stored, uncompressed) ZIP archive with the given entries in order, central directory
// included, as `unzip -t` would accept it.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  std::string central;
  for (const auto& [name, data] : entries) {
    const std::size_t offset = out.size();
    const std::uint32_t crc = crc32(data);
    out += "PK\x03\x04"s;
    put16(out, 20);  // version needed
    put16(out, 0);   // flags
    put16(out, 0);   // stored
    put16(out, 0);   // time
    put16(out, 0x21);  // date
    put32(out, crc);
    put32(out, data.size());
    put32(out, data.size());
    put16(out, name.size());
    put16(out, 0);
    out += name;
    out += data;
    central += "PK\x01\x02"s;
    put16(central, 20);
    put16(central, 20);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, crc);
    put32(central, data.size());
    put32(central, data.size());
    put16(central, name.size());
    put16(central, 0);  // extra
    put16(central, 0);  // comment
    put16(central, 0);  // disk
    put16(central, 0);  // internal attributes
    put32(central, 0);  // external attributes
    put32(central, offset);
    central += name;
  }
  const std::size_t central_offset = out.size();
  out += central;
  out += "PK\x05\x06"s;
  put16(out, 0);
  put16(out, 0);
  put16(out, entries.size());
  put16(out, entries.size());
  put32(out, central.size());
  put32(out, central_offset);
  put16(out, 0);
  return out;
}

std::string odf(std::string_view mimetype) {
  return make_zip({{"mimetype", std::string(mimetype)}, {"content.xml", "<office:document-content/>"},
                   {"META-INF/manifest.xml", "<manifest/>"}});
}

}  // namespace

// ---- hints --------------------------------------------------------------------------------------

TEST(MimeHint, MimeTypes) {
  EXPECT_EQ(format_from_hint("text/html"), &catalog::html);
  EXPECT_EQ(format_from_hint("TEXT/HTML"), &catalog::html);
  EXPECT_EQ(format_from_hint("application/xhtml+xml"), &catalog::html);
  EXPECT_EQ(format_from_hint("text/tab-separated-values"), &catalog::csv);
  EXPECT_EQ(format_from_hint("application/x-yaml"), &catalog::yaml);
  EXPECT_EQ(format_from_hint("message/rfc822"), &catalog::eml);
  EXPECT_EQ(format_from_hint("application/pdf"), &catalog::pdf);
}

TEST(MimeHint, MimeTypesWithParameters) {
  EXPECT_EQ(format_from_hint("text/html; charset=utf-8"), &catalog::html);
  EXPECT_EQ(format_from_hint("  text/markdown ;variant=GFM"), &catalog::markdown);
  EXPECT_EQ(format_from_hint("application/json;charset=\"utf-8\""), &catalog::json);
}

TEST(MimeHint, MimeTypesWithDots) {
  EXPECT_EQ(format_from_hint("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            &catalog::docx);
  EXPECT_EQ(format_from_hint("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), &catalog::xlsx);
  EXPECT_EQ(format_from_hint("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            &catalog::pptx);
  // Not plain text, whatever its last dotted part says.
  EXPECT_EQ(format_from_hint("application/vnd.oasis.opendocument.text"), &catalog::odt);
  EXPECT_EQ(format_from_hint("application/vnd.oasis.opendocument.spreadsheet"), &catalog::ods);
  EXPECT_EQ(format_from_hint("application/vnd.oasis.opendocument.presentation"), &catalog::odp);
}

TEST(MimeHint, ExtensionsAndNames) {
  EXPECT_EQ(format_from_hint("html"), &catalog::html);
  EXPECT_EQ(format_from_hint(".htm"), &catalog::html);
  EXPECT_EQ(format_from_hint("MD"), &catalog::markdown);
  EXPECT_EQ(format_from_hint("tsv"), &catalog::csv);
  EXPECT_EQ(format_from_hint("yml"), &catalog::yaml);
  EXPECT_EQ(format_from_hint("markdown"), &catalog::markdown);  // the format's own name
  EXPECT_EQ(format_from_hint("text"), &catalog::text);
  EXPECT_EQ(format_from_hint("eml"), &catalog::eml);
  EXPECT_EQ(format_from_hint("report.PDF"), &catalog::pdf);
  EXPECT_EQ(format_from_hint("data.tar.json"), &catalog::json);
}

TEST(MimeHint, Paths) {
  EXPECT_EQ(format_from_hint("/home/me/notes.v2/readme.md"), &catalog::markdown);
  EXPECT_EQ(format_from_hint("docs.old/page.html"), &catalog::html);
  EXPECT_EQ(format_from_hint("C:\\Users\\me\\My.Docs\\table.csv"), &catalog::csv);
  // A dot in a directory is not an extension.
  EXPECT_EQ(format_from_hint("/home/me/notes.md/README"), nullptr);
  EXPECT_EQ(format_from_hint("site.html/index"), nullptr);
  EXPECT_EQ(format_from_hint("docs/a"), nullptr);
}

TEST(MimeHint, Unknown) {
  EXPECT_EQ(format_from_hint(""), nullptr);
  EXPECT_EQ(format_from_hint("   "), nullptr);
  EXPECT_EQ(format_from_hint(";charset=utf-8"), nullptr);
  EXPECT_EQ(format_from_hint("image/png"), nullptr);
  EXPECT_EQ(format_from_hint("archive.tar.gz"), nullptr);
  EXPECT_EQ(format_from_hint("Makefile"), nullptr);
  EXPECT_EQ(format_from_hint("file."), nullptr);
}

// ---- signatures ---------------------------------------------------------------------------------

TEST(MimeBytes, OfficeZipContainers) {
  bool strong = false;
  const std::string docx = make_zip({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<Relationships/>"},
                                     {"word/document.xml", "<w:document/>"}});
  EXPECT_EQ(sniff(docx, &strong), &catalog::docx);
  EXPECT_TRUE(strong);
  const std::string xlsx = make_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}});
  EXPECT_EQ(sniff(xlsx, &strong), &catalog::xlsx);
  EXPECT_TRUE(strong);
  const std::string pptx = make_zip({{"[Content_Types].xml", "<Types/>"}, {"ppt/presentation.xml", "<p/>"}});
  EXPECT_EQ(sniff(pptx, &strong), &catalog::pptx);
  EXPECT_TRUE(strong);
}

TEST(MimeBytes, OdfAndEpubByTheirMimetypeEntry) {
  bool strong = false;
  EXPECT_EQ(sniff(odf("application/vnd.oasis.opendocument.text"), &strong), &catalog::odt);
  EXPECT_TRUE(strong);
  EXPECT_EQ(sniff(odf("application/vnd.oasis.opendocument.spreadsheet")), &catalog::ods);
  EXPECT_EQ(sniff(odf("application/vnd.oasis.opendocument.presentation")), &catalog::odp);
  EXPECT_EQ(sniff(odf("application/epub+zip")), &catalog::epub);
  // An EPUB whose first entry is not "mimetype" is still found by its container file.
  EXPECT_EQ(sniff(make_zip({{"META-INF/container.xml", "<container/>"}, {"OEBPS/a.xhtml", "<html/>"}})),
            &catalog::epub);
}

TEST(MimeBytes, OtherZipIsNotAFormat) {
  bool strong = true;
  EXPECT_EQ(sniff(make_zip({{"readme.txt", "hello"}}), &strong), nullptr);
  EXPECT_FALSE(strong);
}

TEST(MimeBytes, Pdf) {
  bool strong = false;
  EXPECT_EQ(sniff("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", &strong), &catalog::pdf);
  EXPECT_TRUE(strong);
  // Junk before the header (readers allow 1 KB of it): still a PDF, but only weakly.
  EXPECT_EQ(sniff(std::string(100, '\x01') + "\n%PDF-1.4\n", &strong), &catalog::pdf);
  EXPECT_FALSE(strong);
  // A text that talks about PDF headers is not a PDF.
  EXPECT_EQ(sniff("Every file starts with %PDF-1.7 and ends with %%EOF.", &strong), nullptr);
  EXPECT_FALSE(strong);
  // Past the first 1024 bytes it is not a header.
  EXPECT_EQ(sniff(std::string(2000, 'a') + "\n%PDF-1.4\n"), nullptr);
}

TEST(MimeBytes, Rtf) {
  bool strong = false;
  EXPECT_EQ(sniff("{\\rtf1\\ansi\\deff0 {\\fonttbl}Hello}", &strong), &catalog::rtf);
  EXPECT_TRUE(strong);
}

TEST(MimeBytes, XmlAndXhtml) {
  EXPECT_EQ(sniff("<?xml version=\"1.0\"?>\n<note><to>x</to></note>"), &catalog::xml);
  EXPECT_EQ(sniff("<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html><body/></html>"), &catalog::html);
  EXPECT_EQ(sniff("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>"), &catalog::html);
  // An element whose name merely starts with "html" does not make XHTML.
  EXPECT_EQ(sniff("<?xml version=\"1.0\"?><doc><htmlContent>x</htmlContent></doc>"), &catalog::xml);
  EXPECT_EQ(sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), &catalog::xml);
  EXPECT_EQ(sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"), &catalog::xml);
}

TEST(MimeBytes, Html) {
  EXPECT_EQ(sniff("<!DOCTYPE html><p>x"), &catalog::html);
  EXPECT_EQ(sniff("  \n<html lang=en>"), &catalog::html);
  EXPECT_EQ(sniff("<p class=\"x\">para</p>"), &catalog::html);
  EXPECT_EQ(sniff("<DIV>x</DIV>"), &catalog::html);
  EXPECT_EQ(sniff("<a href=x>link</a>"), &catalog::html);
  EXPECT_EQ(sniff("<br/>"), &catalog::html);
  EXPECT_EQ(sniff("<section><h2>t</h2></section>"), &catalog::html);
  EXPECT_EQ(sniff("<!-- generated -->\n<html><body>x</body></html>"), &catalog::html);
  EXPECT_EQ(sniff("<!-- just a comment -->\nplain"), nullptr);
  EXPECT_EQ(sniff("<paragraph>not html</paragraph>"), nullptr);
  EXPECT_EQ(sniff("<abbr>"), nullptr);  // not an opener we trust
  EXPECT_EQ(sniff("\xEF\xBB\xBF<html>"), &catalog::html);
}

TEST(MimeBytes, Utf16Text) {
  EXPECT_EQ(sniff("\xFF\xFE<\0h\0t\0m\0l\0>\0"s), &catalog::html);
  EXPECT_EQ(sniff("\0{\0\"\0a\0\"\0:\0"s), &catalog::json);  // UTF-16BE without a BOM
}

TEST(MimeBytes, Json) {
  EXPECT_EQ(sniff("{\"a\": 1}"), &catalog::json);
  EXPECT_EQ(sniff("{}"), &catalog::json);
  EXPECT_EQ(sniff("  [1, 2]"), &catalog::json);
  EXPECT_EQ(sniff("[\n  {\"x\": null}\n]"), &catalog::json);
  EXPECT_EQ(sniff("[true]"), &catalog::json);
  EXPECT_EQ(sniff("[-1]"), &catalog::json);
  EXPECT_EQ(sniff("[]"), &catalog::json);
  EXPECT_EQ(sniff("[link](http://x)"), nullptr);
  EXPECT_EQ(sniff("{not json}"), nullptr);
  EXPECT_EQ(sniff("["), nullptr);
}

TEST(MimeBytes, Email) {
  EXPECT_EQ(sniff("From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nbody"), &catalog::eml);
  EXPECT_EQ(sniff("Received: from x\n\tby y\nMessage-ID: <1@x>\n\nbody"), &catalog::eml);
  EXPECT_EQ(sniff("Subject: only one known field\n\nbody"), nullptr);
  EXPECT_EQ(sniff("From: a\nNot a header line\nTo: b\n"), nullptr);
  EXPECT_EQ(sniff("From : a\nTo: b\n"), nullptr);  // field names have no spaces
}

TEST(MimeBytes, EmailTypicalStarts) {
  // Trace fields first (folded), Return-Path, MIME-Version with a folded Message-ID, an mbox
  // "From " line, and many vendor fields before the first well-known one.
  EXPECT_EQ(sniff("Received: from a\r\n\tby b; Mon, 1 Jan 2024\r\nReceived: from c\r\n by d\r\nSubject: x\r\n\r\nbody"),
            &catalog::eml);
  EXPECT_EQ(sniff("Return-Path: <a@b>\nDelivered-To: c@d\n\nbody"), &catalog::eml);
  EXPECT_EQ(sniff("MIME-Version: 1.0\nDate: Fri, 16 Dec 2022 17:04:16 -0500\nMessage-ID:\n <x@y>\n\n"), &catalog::eml);
  EXPECT_EQ(sniff("From someone@example.com Mon Jan  1 00:00:00 2024\nFrom: a@b\n\nbody"), &catalog::eml);
  std::string many;
  for (int i = 0; i < 20; ++i) many += "X-Filter-" + std::to_string(i) + ": yes\n";
  EXPECT_EQ(sniff(many + "From: a@b\nTo: c@d\n\nbody"), &catalog::eml);
  EXPECT_EQ(sniff("From the start, this is prose.\nIt is not mail.\n"), nullptr);
  EXPECT_EQ(sniff(" continuation first\nFrom: a\nTo: b\n"), nullptr);
}

TEST(MimeBytes, Yaml) { EXPECT_EQ(sniff("%YAML 1.2\n---\na: 1\n"), &catalog::yaml); }

TEST(MimeBytes, PlainTextAndBinaryShowNothing) {
  EXPECT_EQ(sniff("just some words"), nullptr);
  EXPECT_EQ(sniff(""), nullptr);
  EXPECT_EQ(sniff("\x7F" "ELF\x02\x01\x01\0\0\0"s), nullptr);
  EXPECT_EQ(sniff(std::string(100, '\x02')), nullptr);
}

// ---- resolving a hint against the bytes ---------------------------------------------------------

TEST(ResolveFormat, HintIsTrusted) {
  EXPECT_EQ(resolve_format(bytes_of("<html><p>x</p></html>"), "notes.txt"), &catalog::text);
  EXPECT_EQ(resolve_format(bytes_of("{\"a\":1}"), "text/plain"), &catalog::text);
  EXPECT_EQ(resolve_format(bytes_of("# Title"), "md"), &catalog::markdown);
  EXPECT_EQ(resolve_format(bytes_of("anything"), "application/vnd.oasis.opendocument.text"), &catalog::odt);
}

TEST(ResolveFormat, StrongSignatureOverridesTheHint) {
  EXPECT_EQ(resolve_format(bytes_of("%PDF-1.4\n"), "text/html"), &catalog::pdf);
  const std::string docx = make_zip({{"word/document.xml", "<w:document/>"}});
  EXPECT_EQ(resolve_format(bytes_of(docx), "report.txt"), &catalog::docx);
  EXPECT_EQ(resolve_format(bytes_of(docx), "docx"), &catalog::docx);
  EXPECT_EQ(resolve_format(bytes_of("{\\rtf1 x}"), "md"), &catalog::rtf);
  // A weak PDF header does not override a hint.
  EXPECT_EQ(resolve_format(bytes_of("intro\n%PDF-1.4\n"), "md"), &catalog::markdown);
}

TEST(ResolveFormat, BytesDecideWithoutAHint) {
  EXPECT_EQ(resolve_format(bytes_of("<!doctype html>"), ""), &catalog::html);
  EXPECT_EQ(resolve_format(bytes_of("[1]"), "image/x-unknown"), &catalog::json);
  EXPECT_EQ(resolve_format(bytes_of("hello"), ""), &catalog::text);
  EXPECT_EQ(resolve_format(bytes_of(""), ""), &catalog::text);
  EXPECT_EQ(resolve_format(bytes_of("H\0i\0 \0t\0h\0e\0r\0e\0"s), ""), &catalog::text);  // UTF-16 text
  EXPECT_EQ(resolve_format(bytes_of("\0\x01\x02\x03"s), ""), nullptr);
}

TEST(ResolveFormat, ImagesAreNeverText) {
  // A PNG header's zero bytes could pass for UTF-16; its signature says otherwise.
  const std::string png = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xDE"s;
  EXPECT_EQ(resolve_format(bytes_of(png), ""), nullptr);
  EXPECT_EQ(resolve_format(bytes_of("GIF89a\x01\0\x01\0\x80\0\0"s), ""), nullptr);
}

// ---- detect_mime --------------------------------------------------------------------------------

TEST(DetectMime, ImagesAndArchives) {
  struct sample {
    std::string bytes;
    std::string_view mime;
  };
  const sample samples[] = {
      {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, "image/png"},
      {"\xFF\xD8\xFF\xE0\0\x10JFIF\0"s, "image/jpeg"},
      {"GIF87a\x01\0\x01\0"s, "image/gif"},
      {"GIF89a\x01\0\x01\0"s, "image/gif"},
      {"II*\0\x08\0\0\0"s, "image/tiff"},
      {"MM\0*\0\0\0\x08"s, "image/tiff"},
      {"BM\x3A\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0"s, "image/bmp"},
      {"RIFF\x24\0\0\0WEBPVP8 "s, "image/webp"},
      {"\x1F\x8B\x08\0\0\0\0\0"s, "application/gzip"},
      {make_zip({{"a.txt", "x"}}), "application/zip"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"s, "application/x-ole-storage"},
      {"7z\xBC\xAF\x27\x1C\0\x04"s, "application/x-7z-compressed"},
  };
  for (const auto& s : samples) {
    SCOPED_TRACE(std::string(s.mime));
    EXPECT_EQ(quarry::detect_mime(bytes_of(s.bytes)), s.mime);
  }
}

TEST(DetectMime, Documents) {
  EXPECT_EQ(quarry::detect_mime(bytes_of("%PDF-1.5\n")), "application/pdf");
  EXPECT_EQ(quarry::detect_mime(bytes_of(make_zip({{"word/document.xml", "<w/>"}}))),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(quarry::detect_mime(bytes_of(odf("application/epub+zip"))), "application/epub+zip");
  EXPECT_EQ(quarry::detect_mime(bytes_of("<html>")), "text/html");
  EXPECT_EQ(quarry::detect_mime(bytes_of("{\"a\":1}")), "application/json");
  EXPECT_EQ(quarry::detect_mime(bytes_of("<?xml version='1.0'?><a/>")), "application/xml");
}

TEST(DetectMime, MagicBytesBeatTheName) {
  EXPECT_EQ(quarry::detect_mime(bytes_of("%PDF-1.5\n"), "notes.txt"), "application/pdf");
  EXPECT_EQ(quarry::detect_mime(bytes_of("\x89PNG\r\n\x1A\n"s), "photo.html"), "image/png");
  EXPECT_EQ(quarry::detect_mime(bytes_of("<html>"), "x.md"), "text/html");
}

TEST(DetectMime, NameWhenTheBytesDoNotTell) {
  EXPECT_EQ(quarry::detect_mime(bytes_of("# Title\n\ntext"), "README.md"), "text/markdown");
  EXPECT_EQ(quarry::detect_mime(bytes_of("a,b\n1,2\n"), "data.csv"), "text/csv");
  EXPECT_EQ(quarry::detect_mime(bytes_of(""), "x.yaml"), "application/yaml");
}

TEST(DetectMime, TextOrOctetStream) {
  EXPECT_EQ(quarry::detect_mime(bytes_of("plain words")), "text/plain");
  EXPECT_EQ(quarry::detect_mime(bytes_of("\xFF\xFEh\0i\0"s)), "text/plain");
  EXPECT_EQ(quarry::detect_mime(bytes_of("")), "application/octet-stream");
  EXPECT_EQ(quarry::detect_mime(bytes_of("\0\x01\x02\x03\x04"s)), "application/octet-stream");
  EXPECT_EQ(quarry::detect_mime(bytes_of("\0\x01\x02"s), "unknown.bin"), "application/octet-stream");
}

TEST(MimeHelpers, CaseInsensitiveEquality) {
  EXPECT_TRUE(quarry::detail::iequals_ascii("Text/HTML", "text/html"));
  EXPECT_FALSE(quarry::detail::iequals_ascii("text/htm", "text/html"));
  EXPECT_FALSE(quarry::detail::iequals_ascii("\xC3\xA9", "\xC3\x89"));  // ASCII only
}
