// The public API: extract() and its error codes, the sink path against the document path, the
// reported MIME type, the list of compiled-in formats, and the JSON serialisers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/mime.hpp"
#include "core/utf8.hpp"
#include "formats/registry.hpp"
#include "quarry/quarry.hpp"

using namespace std::string_literals;

namespace {

std::span<const std::byte> bytes_of(std::string_view s) { return std::as_bytes(std::span(s.data(), s.size())); }

quarry::result<quarry::document> extract(std::string_view s, std::string_view hint = {}, const quarry::options& o = {}) {
  return quarry::extract(bytes_of(s), hint, o);
}

// Collects what a sink receives.
class collecting_sink final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    ++pieces;
    content.append(text);
    return stop_after == 0 || pieces < stop_after;
  }
  void on_table(quarry::table&& t) override { tables.push_back(std::move(t)); }
  void on_metadata(std::string_view key, quarry::value&& v) override { metadata.set(key, std::move(v)); }
  void on_warning(quarry::warning&& w) override { warnings.push_back(std::move(w)); }

  std::size_t stop_after = 0;
  std::size_t pieces = 0;
  std::string content;
  std::vector<quarry::table> tables;
  quarry::value metadata = quarry::value::object();
  std::vector<quarry::warning> warnings;
};

// A strict JSON (RFC 8259) checker: structure, string escapes, number grammar, UTF-8, no raw
// control characters. Enough to prove the serialisers' output parses anywhere.
class json_checker {
 public:
  explicit json_checker(std::string_view s) : s_(s) {}

  bool valid() {
    ws();
    if (!value(0)) return false;
    ws();
    return i_ == s_.size();
  }

 private:
  bool value(int depth) {
    if (depth > 64 || i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }
  bool object(int depth) {
    ++i_;
    ws();
    if (peek('}')) return ++i_, true;
    for (;;) {
      ws();
      if (!peek('"') || !string()) return false;
      ws();
      if (!peek(':')) return false;
      ++i_;
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (peek('}')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool array(int depth) {
    ++i_;
    ws();
    if (peek(']')) return ++i_, true;
    for (;;) {
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (peek(']')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool string() {
    ++i_;
    const std::size_t start = i_;
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        const bool utf8 = quarry::detail::is_valid_utf8(s_.substr(start, i_ - start));
        ++i_;
        return utf8;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i_ >= s_.size()) return false;
        const char e = s_[i_];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k) {
            if (++i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_]))) return false;
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
      ++i_;
    }
    return false;
  }
  bool number() {
    const std::size_t start = i_;
    if (peek('-')) ++i_;
    if (peek('0')) {
      ++i_;
    } else if (!digits()) {
      return false;
    }
    if (peek('.')) {
      ++i_;
      if (!digits()) return false;
    }
    if (peek('e') || peek('E')) {
      ++i_;
      if (peek('+') || peek('-')) ++i_;
      if (!digits()) return false;
    }
    return i_ > start;
  }
  bool digits() {
    const std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

bool valid_json(std::string_view s) { return json_checker(s).valid(); }

// A document with every part filled, including text that needs escaping.
quarry::document full_document() {
  quarry::document doc;
  doc.content = "line \"one\"\n\ttab \\ back\x01 ctrl \xFF bad \xE2\x82\xAC euro";
  doc.mime_type = "text/html";
  doc.metadata.set("title", "T\"itle");
  doc.metadata.set("pageCount", 2);
  doc.metadata.set("ratio", 0.5);
  doc.metadata.set("nan", std::nan(""));
  quarry::value authors = quarry::value::array();
  authors.push_back("A");
  authors.push_back(quarry::value());
  doc.metadata.set("authors", authors);
  doc.tables.push_back({{{"h|1", "h2"}, {"a\nb", "\x02"}}, "| h\\|1 | h2 |", 1});
  doc.tables.push_back({{}, "", 0});
  doc.pages.push_back({1, "page \"1\""});
  doc.pages.push_back({2, ""});
  doc.warnings.push_back({"invalid_utf8", "bad \xC0 byte"});
  return doc;
}

}  // namespace

// ---- the checker itself -------------------------------------------------------------------------

TEST(JsonChecker, AcceptsJsonAndRejectsTheRest) {
  for (std::string_view ok : {"{}", "[]", "0", "-0.5e+3", "\"\\u00e9\"", "{\"a\":[1,true,null,{\"b\":\"c\"}]}",
                              " [ 1 , 2 ] "}) {
    EXPECT_TRUE(valid_json(ok)) << ok;
  }
  for (std::string_view bad : {"", "{", "[1,]", "{\"a\"}", "01", "1.", "NaN", "\"a\nb\"", "\"\\x\"", "[1] 2",
                               "{\"a\":1,}", "\"\xFF\"", "nul", "'a'"}) {
    EXPECT_FALSE(valid_json(bad)) << bad;
  }
}

// ---- errors -------------------------------------------------------------------------------------

TEST(Api, BinaryIsUnsupported) {
  const auto r = extract("\0\x01\x02\x03\x04\x05\x06\x07"s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::unsupported_format);
  EXPECT_NE(r.err().detail.find("application/octet-stream"), std::string::npos) << r.err().detail;
  const auto png = extract("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0"s);
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.err().code, quarry::error_code::unsupported_format);
  EXPECT_NE(png.err().detail.find("image/png"), std::string::npos) << png.err().detail;
}

TEST(Api, UnknownHintAndBinaryIsUnsupportedAndNamesTheHint) {
  const auto r = extract("\0\0\0\x01"s, "application/x-unknown");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::unsupported_format);
  EXPECT_NE(r.err().detail.find("application/x-unknown"), std::string::npos);
}

TEST(Api, FormatsOutsideThisBuildAreNotLoaded) {
#if !QUARRY_WITH_PDF
  for (std::string_view hint : {"application/pdf", "report.pdf", ""}) {
    SCOPED_TRACE(std::string(hint));
    const auto r = extract("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", hint);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().code, quarry::error_code::format_not_loaded);
    EXPECT_NE(r.err().detail.find("'pdf'"), std::string::npos) << r.err().detail;
  }
#else
  const auto pdf = extract("%PDF-1.4\n", "application/pdf");
  EXPECT_TRUE(pdf.ok() || pdf.err().code != quarry::error_code::format_not_loaded);
#endif
#if !QUARRY_WITH_OFFICE
  for (std::string_view hint : {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                "letter.docx", "application/rtf"}) {
    SCOPED_TRACE(std::string(hint));
    const auto r = extract("some bytes", hint);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().code, quarry::error_code::format_not_loaded);
    EXPECT_NE(r.err().detail.find("'office'"), std::string::npos) << r.err().detail;
  }
#endif
}

TEST(Api, InputLimit) {
  quarry::options o;
  o.limits.max_input_bytes = 10;
  EXPECT_TRUE(extract("0123456789", "txt", o).ok());
  const auto r = extract("0123456789A", "txt", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  EXPECT_NE(r.err().detail.find("max_input_bytes"), std::string::npos);
}

TEST(Api, OutputLimit) {
  quarry::options o;
  o.limits.max_output_bytes = 100;
  const std::string input(1000, 'x');
  const auto r = extract(input, "txt", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  EXPECT_NE(r.err().detail.find("max_output_bytes"), std::string::npos);
  collecting_sink sink;
  const auto s = quarry::extract(bytes_of(input), "txt", o, sink);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().code, quarry::error_code::limit_exceeded);
  EXPECT_LE(sink.content.size(), 100u);
}

TEST(Api, NullPointerWithALengthIsAnInvalidArgument) {
  const std::span<const std::byte> null_bytes(static_cast<const std::byte*>(nullptr), 5);
  const auto r = quarry::extract(null_bytes, "txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::invalid_argument);
  collecting_sink sink;
  const auto s = quarry::extract(null_bytes, "txt", {}, sink);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().code, quarry::error_code::invalid_argument);
  // No pointer and no length is just an empty document.
  const auto empty = quarry::extract(std::span<const std::byte>(), "txt");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->content, "");
}

#if defined(__cpp_exceptions)
namespace {
class throwing_sink final : public quarry::sink {
 public:
  explicit throwing_sink(bool bad_alloc) : bad_alloc_(bad_alloc) {}
  bool on_content(std::string_view) override {
    if (bad_alloc_) throw std::bad_alloc();
    throw std::runtime_error("sink failed");
  }

 private:
  bool bad_alloc_;
};
}  // namespace

TEST(Api, NoExceptionLeavesExtract) {
  throwing_sink oom(true);
  const auto a = quarry::extract(bytes_of("text"), "txt", {}, oom);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.err().code, quarry::error_code::out_of_memory);
  struct odd_sink final : quarry::sink {
    bool on_content(std::string_view) override { throw 42; }
  } odd;
  const auto c = quarry::extract(bytes_of("text"), "txt", {}, odd);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.err().code, quarry::error_code::corrupt);
  throwing_sink other(false);
  const auto b = quarry::extract(bytes_of("text"), "txt", {}, other);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.err().code, quarry::error_code::corrupt);
  EXPECT_NE(b.err().detail.find("sink failed"), std::string::npos);
}
#endif

TEST(Api, ErrorCodeNames) {
  using quarry::error_code;
  EXPECT_EQ(quarry::to_string(error_code::unsupported_format), "UNSUPPORTED_FORMAT");
  EXPECT_EQ(quarry::to_string(error_code::format_not_loaded), "FORMAT_NOT_LOADED");
  EXPECT_EQ(quarry::to_string(error_code::corrupt), "CORRUPT");
  EXPECT_EQ(quarry::to_string(error_code::encrypted), "ENCRYPTED");
  EXPECT_EQ(quarry::to_string(error_code::limit_exceeded), "LIMIT_EXCEEDED");
  EXPECT_EQ(quarry::to_string(error_code::invalid_argument), "INVALID_ARGUMENT");
  EXPECT_EQ(quarry::to_string(error_code::out_of_memory), "OUT_OF_MEMORY");
  EXPECT_EQ(quarry::to_string(static_cast<error_code>(200)), "UNKNOWN");
}

TEST(Api, Version) {
  const std::string_view v = quarry::version();
  EXPECT_EQ(std::count(v.begin(), v.end(), '.'), 2);
  EXPECT_NE(v, "0.0.0");
}

TEST(Api, ResultHoldsAValueOrAnError) {
  quarry::result<int> good(5);
  EXPECT_TRUE(good.ok());
  EXPECT_TRUE(static_cast<bool>(good));
  EXPECT_EQ(good.value(), 5);
  quarry::result<int> bad(quarry::error{quarry::error_code::corrupt, 12, "why"});
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.err().offset, 12u);
  EXPECT_EQ(std::move(bad).err().detail, "why");
}

// ---- content and structure ----------------------------------------------------------------------

TEST(Api, SinkAndDocumentGiveTheSameResult) {
  std::string input;
  for (int i = 0; i < 20000; ++i) input += "line " + std::to_string(i) + " caf\xC3\xA9 \xE2\x82\xAC\r\n";
  for (auto format : {quarry::output_format::plain, quarry::output_format::markdown}) {
    quarry::options o;
    o.format = format;
    const auto doc = extract(input, "", o);
    ASSERT_TRUE(doc.ok()) << doc.err().detail;
    collecting_sink sink;
    const auto sum = quarry::extract(bytes_of(input), "", o, sink);
    ASSERT_TRUE(sum.ok()) << sum.err().detail;
    EXPECT_GT(sink.pieces, 1u);  // it streamed
    EXPECT_EQ(sink.content, doc->content);
    EXPECT_EQ(sum->content_bytes, doc->content.size());
    EXPECT_EQ(sum->mime_type, doc->mime_type);
    EXPECT_EQ(sink.metadata, doc->metadata);
    EXPECT_EQ(sink.warnings.size(), doc->warnings.size());
    EXPECT_EQ(sink.tables.size(), doc->tables.size());
  }
}

TEST(Api, SinkMayStopEarly) {
  const std::string input(1 << 20, 'a');
  collecting_sink sink;
  sink.stop_after = 2;
  const auto sum = quarry::extract(bytes_of(input), "txt", {}, sink);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sink.pieces, 2u);
  EXPECT_LT(sink.content.size(), input.size());
  EXPECT_EQ(sum->content_bytes, sink.content.size());  // what the sink got, not what was produced
}

TEST(Api, ReportedMimeType) {
  EXPECT_EQ(extract("hello", "text/plain; charset=utf-8")->mime_type, "text/plain");
  EXPECT_EQ(extract("hello", "notes.log")->mime_type, "text/plain");
  EXPECT_EQ(extract("hello")->mime_type, "text/plain");
  EXPECT_EQ(extract("hello", "TEXT/PLAIN")->mime_type, "text/plain");
}

TEST(Api, ReportedMimeTypeKeepsTsv) {
  for (std::string_view hint : {"data.tsv", "TSV", "text/tab-separated-values", " text/tab-separated-values ; x=y"}) {
    SCOPED_TRACE(std::string(hint));
    const auto r = extract("a\tb\n1\t2\n", hint);
    if (!r.ok() && r.err().code == quarry::error_code::unsupported_format) {
      GTEST_SKIP() << "the csv extractor is not in this build yet: " << r.err().detail;
    }
    ASSERT_TRUE(r.ok()) << r.err().detail;
    EXPECT_EQ(r->mime_type, "text/tab-separated-values");
  }
  const auto csv = extract("a,b\n1,2\n", "data.csv");
  if (csv.ok()) {
    EXPECT_EQ(csv->mime_type, "text/csv");
  }
}

TEST(Api, HintIsTrustedOverWeakEvidence) {
  const auto r = extract("<p>Hello <b>there</b></p>", "notes.txt");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, "<p>Hello <b>there</b></p>");  // plain text: the markup is the text
  EXPECT_EQ(r->mime_type, "text/plain");
}

TEST(Api, PlainTextEncodings) {
  auto r = extract("caf\xE9 \x93quoted\x94", "txt");  // not UTF-8: Windows-1252
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  ASSERT_NE(r->metadata.find("encoding"), nullptr);
  EXPECT_EQ(r->metadata.find("encoding")->as_string(), "windows-1252");
  r = extract("\xFF\xFEh\0i\0\r\0\n\0!\0"s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, "hi\n!");
  EXPECT_EQ(r->metadata.find("encoding")->as_string(), "utf-16le");
  EXPECT_EQ(r->metadata.find("lineCount")->as_int(), 2);
}

TEST(Api, Utf8CharacterAcrossTheSniffedPrefixIsStillUtf8) {
  // The encoding is decided on the first MB; here a two-byte character straddles that cut.
  std::string input((1 << 20) - 1, 'a');
  input += "\xC3\xA9 end";
  const auto r = extract(input, "txt");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->metadata.find("encoding")->as_string(), "utf-8");
  EXPECT_EQ(r->content.substr(r->content.size() - 6), "\xC3\xA9 end");
  EXPECT_TRUE(r->warnings.empty());
}

TEST(Api, Utf16SurrogatePairAcrossASliceIsKept) {
  // The text extractor converts 64 KB at a time; put a surrogate pair right across the first cut.
  std::string le = "\xFF\xFE";
  for (int i = 0; i < 32767; ++i) le += "a\0"s;
  le += "\x3D\xD8\x00\xDE" "z\0"s;
  auto r = extract(le);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, std::string(32767, 'a') + "\xF0\x9F\x98\x80z");
  EXPECT_TRUE(r->warnings.empty());
  // The same in UTF-16BE without a BOM (guessed): the cut falls one unit earlier.
  std::string be;
  for (int i = 0; i < 32767; ++i) be += "\0a"s;
  be += "\xD8\x3D\xDE\x00" "\0z"s;
  r = extract(be);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content, std::string(32767, 'a') + "\xF0\x9F\x98\x80z");
  EXPECT_EQ(r->metadata.find("encoding")->as_string(), "utf-16be");
}

TEST(Api, LineEndings) {
  EXPECT_EQ(extract("a\r\nb\rc\n", "txt")->content, "a\nb\nc");
  const auto r = extract("a\r", "txt");
  EXPECT_EQ(r->content, "a");
  EXPECT_EQ(r->metadata.find("lineCount")->as_int(), 1);
  // A CR LF pair split by the 64 KB slicing is still one line end.
  const std::string split = std::string(65535, 'x') + "\r\ny";
  EXPECT_EQ(extract(split, "txt")->content, std::string(65535, 'x') + "\ny");
}

TEST(Api, InvalidUtf8PastTheSniffedPrefixIsRepairedWithAWarning) {
  std::string input((1 << 20) + 10, 'a');
  input += "\xFF tail";
  const auto r = extract(input, "txt");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(quarry::detail::is_valid_utf8(r->content));
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].code, "invalid_utf8");
}

// ---- the compiled-in formats --------------------------------------------------------------------

TEST(Api, ExtractorsMatchTheCatalog) {
  const auto list = quarry::extractors();
  ASSERT_FALSE(list.empty());
  std::size_t next = 0;  // extractors() follows the catalog's order
  for (const quarry::format_info* f : quarry::catalog::all) {
    SCOPED_TRACE(std::string(f->name));
    const std::string_view n = f->name;
    const bool office = (n == "docx" && QUARRY_HAS_DOCX) || (n == "xlsx" && QUARRY_HAS_XLSX) ||
                        (n == "pptx" && QUARRY_HAS_PPTX) || (n == "epub" && QUARRY_HAS_EPUB) ||
                        (n == "rtf" && QUARRY_HAS_RTF) || (n == "eml" && QUARRY_HAS_EML) ||
                        ((n == "odt" || n == "ods" || n == "odp") && QUARRY_HAS_ODF);
    const bool compiled = f->group == "core" || (f->group == "pdf" && QUARRY_WITH_PDF) || office;
    const auto it = std::find_if(list.begin(), list.end(), [&](const quarry::format_info& e) { return e.name == f->name; });
    EXPECT_EQ(it != list.end(), compiled);
    EXPECT_EQ(quarry::detail::find_extractor(f) != nullptr, compiled);
    if (it == list.end()) continue;
    EXPECT_GE(static_cast<std::size_t>(it - list.begin()), next);
    next = static_cast<std::size_t>(it - list.begin()) + 1;
    EXPECT_EQ(it->description, f->description);
    EXPECT_EQ(it->group, f->group);
    EXPECT_TRUE(std::equal(it->mime_types.begin(), it->mime_types.end(), f->mime_types.begin(), f->mime_types.end()));
    EXPECT_TRUE(std::equal(it->extensions.begin(), it->extensions.end(), f->extensions.begin(), f->extensions.end()));
    EXPECT_FALSE(it->mime_types.empty());
  }
  EXPECT_EQ(quarry::detail::registry().size(), list.size());
  EXPECT_EQ(quarry::detail::find_extractor(nullptr), nullptr);
}

TEST(Api, EveryCatalogMimeTypeAndExtensionLeadsBackToItsFormat) {
  for (const quarry::format_info* f : quarry::catalog::all) {
    for (auto m : f->mime_types) EXPECT_EQ(quarry::detail::format_from_hint(m), f) << m;
    for (auto e : f->extensions) EXPECT_EQ(quarry::detail::format_from_hint("name." + std::string(e)), f) << e;
    EXPECT_EQ(quarry::detail::format_from_hint(f->name), f) << f->name;
  }
  // Each hint names exactly one format: no MIME type or extension is claimed twice.
  std::vector<std::string_view> seen;
  for (const quarry::format_info* f : quarry::catalog::all) {
    for (auto m : f->mime_types) seen.push_back(m);
    for (auto e : f->extensions) seen.push_back(e);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
}

// ---- JSON ---------------------------------------------------------------------------------------

TEST(ApiJson, DocumentJsonIsValidAndComplete) {
  const quarry::document doc = full_document();
  std::string out;
  quarry::write_document_json(doc, out);
  EXPECT_TRUE(valid_json(out)) << out;
  EXPECT_EQ(out.rfind("{\"content\":\"line \\\"one\\\"\\n\\ttab \\\\ back\\u0001 ctrl \xEF\xBF\xBD bad", 0), 0u) << out;
  for (std::string_view key : {"\"mimeType\":\"text/html\"", "\"metadata\":{\"title\":\"T\\\"itle\",\"pageCount\":2,"
                               "\"ratio\":0.5,\"nan\":null,\"authors\":[\"A\",null]}",
                               "\"tables\":[{\"cells\":[[\"h|1\",\"h2\"],[\"a\\nb\",\"\\u0002\"]],"
                               "\"markdown\":\"| h\\\\|1 | h2 |\",\"pageNumber\":1},{\"cells\":[],\"markdown\":\"\"}]",
                               "\"pages\":[{\"pageNumber\":1,\"content\":\"page \\\"1\\\"\"},{\"pageNumber\":2,\"content\":\"\"}]",
                               "\"warnings\":[{\"code\":\"invalid_utf8\",\"message\":\"bad \xEF\xBF\xBD byte\"}]"}) {
    EXPECT_NE(out.find(key), std::string::npos) << key << "\nin " << out;
  }
}

TEST(ApiJson, StructureJsonHasNoContent) {
  const quarry::document doc = full_document();
  std::string out;
  quarry::write_structure_json(doc, out);
  EXPECT_TRUE(valid_json(out)) << out;
  EXPECT_EQ(out.find("\"content\":\"line"), std::string::npos);
  EXPECT_EQ(out.rfind("{\"mimeType\":", 0), 0u);
}

TEST(ApiJson, EmptyDocument) {
  std::string out;
  quarry::write_document_json(quarry::document{}, out);
  EXPECT_EQ(out, "{\"content\":\"\",\"mimeType\":\"\",\"metadata\":{},\"tables\":[],\"warnings\":[]}");
  out.clear();
  quarry::write_structure_json(quarry::document{}, out);
  EXPECT_EQ(out, "{\"mimeType\":\"\",\"metadata\":{},\"tables\":[],\"warnings\":[]}");
}

TEST(ApiJson, ExtractedDocumentsSerialiseToValidJson) {
  quarry::options o;
  o.pages = true;
  for (std::string_view input : {"plain", "caf\xE9", "\xFF\xFE\x3D\xD8", "tab\there\x01\x02", ""}) {
    const auto r = extract(input, "txt", o);
    ASSERT_TRUE(r.ok());
    std::string out;
    quarry::write_document_json(r.value(), out);
    EXPECT_TRUE(valid_json(out)) << out;
  }
}

TEST(ApiJson, Errors) {
  std::string out;
  quarry::write_error_json({quarry::error_code::corrupt, 42, "bad \"xref\"\n"}, out);
  EXPECT_EQ(out, "{\"code\":\"CORRUPT\",\"message\":\"bad \\\"xref\\\"\\n\",\"offset\":42}");
  EXPECT_TRUE(valid_json(out));
  out.clear();
  quarry::write_error_json({quarry::error_code::limit_exceeded, quarry::error::no_offset, "too big \xFF"}, out);
  EXPECT_EQ(out, "{\"code\":\"LIMIT_EXCEEDED\",\"message\":\"too big \xEF\xBF\xBD\"}");
  EXPECT_TRUE(valid_json(out));
  // And a real one.
  const auto r = extract("\0\x01\x02"s);
  ASSERT_FALSE(r.ok());
  out.clear();
  quarry::write_error_json(r.err(), out);
  EXPECT_TRUE(valid_json(out)) << out;
}
