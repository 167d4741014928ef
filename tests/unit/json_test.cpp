// JSON: the outline rendering, tables, JSON Lines, strict parsing with exact error offsets,
// strings (escapes, surrogates, bad UTF-8), limits and hostile input.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "formats/json/json_parser.hpp"
#include "quarry/quarry.hpp"

namespace {

quarry::result<quarry::document> run(std::string_view bytes, quarry::options opts = {}) {
  return quarry::extract(std::as_bytes(std::span(bytes.data(), bytes.size())), "data.json", opts);
}

quarry::document ok(std::string_view bytes, quarry::options opts = {}) {
  auto r = run(bytes, opts);
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

struct bad_case {
  std::string_view json;
  std::uint64_t offset;
  std::string_view message;  // a part of the message
};

// ---- rendering -----------------------------------------------------------------------------------

TEST(Json, OutlineOfKeysAndValues) {
  const std::string in = R"({
    "title": "Report",
    "meta": {"author": "Ann", "version": 2.10, "draft": false, "editor": null},
    "tags": ["a", "b", "c"],
    "sections": [
      {"name": "Intro", "pages": [1, 2], "notes": {"x": "y"}},
      {"name": "End", "empty": {}, "none": []}
    ],
    "matrix": [[1, 2], [3, {"k": "v"}]]
  })";
  EXPECT_EQ(content(in),
            "title: Report\n"
            "meta:\n"
            "  author: Ann\n"
            "  version: 2.10\n"
            "  draft: false\n"
            "  editor: null\n"
            "tags: a, b, c\n"
            "sections:\n"
            "  - name: Intro\n"
            "    pages: 1, 2\n"
            "    notes:\n"
            "      x: y\n"
            "  - name: End\n"
            "    empty: {}\n"
            "    none: []\n"
            "matrix:\n"
            "  - 1, 2\n"
            "  -\n"
            "    - 3\n"
            "    - k: v");
}

TEST(Json, ScalarsAndTopLevelArrays) {
  EXPECT_EQ(content("\"just text\""), "just text");
  EXPECT_EQ(content("-0.5e+10"), "-0.5e+10");  // numbers as written
  EXPECT_EQ(content("[1E400, 0.10, -0]"), "1E400, 0.10, -0");
  EXPECT_EQ(content("[true, null]"), "true, null");
  EXPECT_EQ(content("{}"), "{}");
  EXPECT_EQ(content("[{\"a\": 1}, \"x\"]"), "- a: 1\n- x");
  // A long array of scalars gets a line per element.
  std::string long_array = "{\"words\": [";
  for (int i = 0; i < 30; ++i) long_array += std::string(i ? "," : "") + "\"word" + std::to_string(i) + "\"";
  long_array += "]}";
  const std::string c = content(long_array);
  EXPECT_TRUE(c.starts_with("words:\n  - word0\n  - word1\n")) << c;
}

TEST(Json, MultiLineStringsContinueIndented) {
  EXPECT_EQ(content(R"({"a": {"text": "line one\nline two\r\n\nline four"}})"),
            "a:\n  text: line one\n    line two\n\n    line four");
}

TEST(Json, DuplicateKeysAreKept) { EXPECT_EQ(content(R"({"k": 1, "k": 2})"), "k: 1\nk: 2"); }

TEST(Json, StringEscapes) {
  EXPECT_EQ(content(R"(["q\"b\\s\/ \u00e9 \u20AC \ud83d\ude00 tab\tend"])"),
            "q\"b\\s/ \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 tab\tend");
  const auto lone = ok(R"(["a\ud800b", "\udc00", "\ud800\u0041"])");
  EXPECT_EQ(lone.content, "a\xEF\xBF\xBD" "b, \xEF\xBF\xBD, \xEF\xBF\xBD" "A");
  EXPECT_TRUE(has_warning(lone, "lone_surrogate"));
  const auto bad = ok("{\"k\": \"caf\xE9 \xC3\xA9\"}");
  EXPECT_EQ(bad.content, "k: caf\xEF\xBF\xBD \xC3\xA9");
  EXPECT_TRUE(has_warning(bad, "invalid_utf8"));
  EXPECT_TRUE(ok("[\"\xEF\xBF\xBD\"]").warnings.empty());  // a real U+FFFD is fine
  EXPECT_EQ(content(R"(["a\u0000b"])"), "ab");                 // NUL is never text
}

TEST(Json, ByteOrderMarks) {
  EXPECT_EQ(content("\xEF\xBB\xBF{\"a\": 1}"), "a: 1");
  const std::string u16le("\xFF\xFE{\0\"\0a\0\"\0:\0\"\0\xE9\0\"\0}\0", 20);
  const auto d = ok(u16le);
  EXPECT_EQ(d.content, "a: \xC3\xA9");
  EXPECT_EQ(d.metadata.find("encoding")->as_string(), "utf-16le");
  // Error offsets are the input's: the bad ']' is byte 2 + 2 * 5.
  const std::string bad16("\xFF\xFE{\0\"\0a\0\"\0:\0]\0", 14);
  auto r = run(bad16);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().offset, 12u);
}

TEST(Json, TablesForUniformRecords) {
  const auto d = ok(R"({"total": 2, "users": [{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bob | B"}], "next": null})");
  EXPECT_EQ(d.content, "total: 2\nusers:\n\nid\tname\n1\tAnn\n2\tBob | B\n\nnext: null");
  ASSERT_EQ(d.tables.size(), 1u);
  EXPECT_EQ(d.tables[0].cells,
            (std::vector<std::vector<std::string>>{{"id", "name"}, {"1", "Ann"}, {"2", "Bob | B"}}));
  const auto md = ok(R"({"total": 2, "users": [{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bob"}]})", markdown());
  EXPECT_EQ(md.content, "```\ntotal: 2\nusers:\n```\n\n| id | name |\n| --- | --- |\n| 1 | Ann |\n| 2 | Bob |");
  // A top-level array of records, and rows of scalars.
  EXPECT_EQ(content(R"([{"a": 1, "b": 2}, {"a": 3, "b": 4}])"), "a\tb\n1\t2\n3\t4");
  EXPECT_EQ(content(R"([["x", "y"], [1, 2], [3]])"), "x\ty\n1\t2\n3");
}

TEST(Json, NoTableWhenRecordsDifferOrAreDeep) {
  EXPECT_EQ(content(R"([{"a": 1}, {"b": 2}])"), "- a: 1\n- b: 2");                     // other keys
  EXPECT_EQ(content(R"([{"a": 1, "b": 2}, {"b": 2, "a": 1}])"), "- a: 1\n  b: 2\n- b: 2\n  a: 1");  // order
  EXPECT_EQ(content(R"([{"a": [1]}, {"a": [2]}])"), "- a: 1\n- a: 2");                 // not scalar
  EXPECT_EQ(content(R"([{"a": 1}])"), "- a: 1");                                       // one record
  EXPECT_EQ(content(R"({"x": {"rows": [{"a": 1}, {"a": 2}]}})"), "x:\n  rows:\n    - a: 1\n    - a: 2");
  const std::string long_text(300, 'w');
  EXPECT_TRUE(ok(R"([{"a": ")" + long_text + R"("}, {"a": "b"}])").tables.empty());
}

TEST(Json, JsonLines) {
  const auto d = ok("{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2, \"b\": \"y\"}\n\n{\"a\": 3, \"b\": \"z\"}\n");
  EXPECT_EQ(d.content, "a\tb\n1\tx\n2\ty\n3\tz");
  EXPECT_TRUE(d.metadata.find("jsonLines")->as_bool());
  EXPECT_EQ(d.metadata.find("recordCount")->as_int(), 3);
  EXPECT_EQ(content("{\"a\": 1}\r\n[2, 3]"), "- a: 1\n- 2, 3");
}

TEST(Json, MarkdownFencesTheOutline) {
  const auto d = ok(R"({"a": "*not emphasis*", "b": ["x"]})", markdown());
  EXPECT_EQ(d.content, "```\na: *not emphasis*\nb: x\n```");
}

TEST(Json, Metadata) {
  const auto d = ok(R"({"title": "Doc", "n": [1, {"m": 2}], "o": {"title": "inner"}})");
  EXPECT_EQ(d.metadata.find("topLevelType")->as_string(), "object");
  EXPECT_EQ(d.metadata.find("keyCount")->as_int(), 5);
  EXPECT_EQ(d.metadata.find("valueCount")->as_int(), 8);
  EXPECT_EQ(d.metadata.find("maxDepth")->as_int(), 3);
  EXPECT_EQ(d.metadata.find("title")->as_string(), "Doc");
  EXPECT_EQ(ok("[1]").metadata.find("topLevelType")->as_string(), "array");
  EXPECT_EQ(ok("true").metadata.find("topLevelType")->as_string(), "boolean");
  EXPECT_EQ(d.mime_type, "application/json");
}

// ---- errors --------------------------------------------------------------------------------------

TEST(Json, InvalidDocumentsGiveTheOffsetOfTheFirstFault) {
  const bad_case cases[] = {
      {"", 0, "empty document"},
      {" \n ", 3, "empty document"},
      {"{", 1, "unexpected end of input: expected a member name (the object opened at offset 0"},
      {"[1, 2", 5, "expected ',' or ']' (the array opened at offset 0 is not closed)"},
      {R"({"a":1,})", 7, "trailing comma before '}'"},
      {"[1,]", 3, "trailing comma before ']'"},
      {R"({"a" 1})", 5, "expected ':' after a member name, found '1'"},
      {"{a:1}", 1, "expected a member name in double quotes, found 'a'"},
      {R"({"a":1 "b":2})", 7, "expected ',' or '}' after an object member"},
      {"[1 2]", 3, "expected ',' or ']' after an array element"},
      {"[1}", 2, "expected ',' or ']' after an array element, found '}'"},
      {"[01]", 2, "leading zeros"},
      {"[1.]", 3, "expected a digit after '.'"},
      {"[-]", 2, "expected a digit after '-'"},
      {"[1e+]", 4, "expected a digit in the exponent"},
      {"[.5]", 1, "expected a JSON value, found '.'"},
      {"[+1]", 1, "expected a JSON value, found '+'"},
      {"tru", 3, "expected 'true'"},
      {"[nul]", 4, "invalid literal: expected 'null'"},
      {"[True]", 1, "expected a JSON value"},
      {"\"abc", 4, "the string opened at offset 0 is not closed"},
      {R"(["a\x"])", 3, "invalid escape sequence '\\x'"},
      {R"(["\u12G4"])", 6, "expected four hex digits, found 'G'"},
      {"[\"a\tb\"]", 3, "control character (byte 0x09) must be escaped"},
      {R"({"a":1} x)", 8, "unexpected 'x' after the JSON value"},
      {"{\"a\":1}\n}", 8, "unexpected '}' after the JSON value"},
      {"{\"a\":1} {\"b\":2}", 8, "after the JSON value"},  // a second value on the same line
      {"[1]\xFF", 3, "unexpected byte 0xFF"},
      {"'single'", 0, "expected a JSON value, found '''"},
      {"[NaN]", 1, "expected a JSON value"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.json));
    auto r = run(c.json);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
    EXPECT_EQ(r.err().offset, c.offset);
    EXPECT_NE(r.err().detail.find(c.message), std::string::npos) << r.err().detail;
  }
}

TEST(Json, DepthLimit) {
  const std::string deep(100000, '[');
  auto r = run(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  EXPECT_EQ(r.err().offset, 1000u);  // the 1001st bracket

  quarry::options o;
  o.limits.max_depth = 3;
  EXPECT_TRUE(run("[[[1]]]", o).ok());
  auto r2 = run("{\"a\": [[[1]]]}", o);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.err().code, quarry::error_code::limit_exceeded);
  EXPECT_EQ(r2.err().offset, 8u);

  // Deep but within the limit: rendered without recursion, indentation capped.
  std::string nested;
  for (int i = 0; i < 900; ++i) nested += "{\"k\":";
  nested += "1";
  nested += std::string(900, '}');
  const std::string c = content(nested);
  EXPECT_TRUE(c.ends_with("k: 1"));
  EXPECT_LT(c.size(), 900u * 80u);
}

TEST(Json, EntryLimit) {
  quarry::options o;
  o.limits.max_entries = 4;
  EXPECT_TRUE(run("[1, 2, 3]", o).ok());  // four values with the array
  auto r = run("[1, 2, 3, 4]", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  EXPECT_EQ(r.err().offset, 10u);
}

TEST(Json, HostileInput) {
  // Truncated everywhere: always CORRUPT at the end, never a crash.
  const std::string doc = R"({"a": [1, 2.5e3, "s\u00e9", {"b": null}], "c": true})";
  for (std::size_t n = 0; n < doc.size(); ++n) {
    auto r = run(doc.substr(0, n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  }
  std::mt19937 rng(7);
  std::string noise(2u << 20, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  noise[0] = '[';
  auto r = run(noise);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
  // Wide but flat: a million-element array within limits.
  std::string wide = "[";
  for (int i = 0; i < 200000; ++i) wide += i ? ",0" : "0";
  wide += "]";
  EXPECT_TRUE(run(wide).ok());
}

TEST(JsonParser, TapeKeepsTextInPlaceWhenItCan) {
  const std::string in = R"({"plain": "abc", "esc": "a\nb"})";
  auto r = quarry::detail::parse_json(in, quarry::limits{});
  ASSERT_TRUE(r.ok());
  const auto& tape = r.value();
  ASSERT_EQ(tape.tokens.size(), 6u);
  EXPECT_FALSE(tape.tokens[2].decoded);
  EXPECT_EQ(tape.text(in, tape.tokens[2]), "abc");
  EXPECT_TRUE(tape.tokens[4].decoded);
  EXPECT_EQ(tape.text(in, tape.tokens[4]), "a\nb");
  EXPECT_EQ(tape.tokens[0].length, 5u);  // the index of the object's end
}

}  // namespace
