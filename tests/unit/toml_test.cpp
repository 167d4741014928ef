// TOML: values (checked against Python's tomllib), layout, metadata, limits and hostile input.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "quarry/quarry.hpp"

namespace {

quarry::result<quarry::document> toml_extract(const std::string& s, bool markdown = false, quarry::options opts = {}) {
  opts.format = markdown ? quarry::output_format::markdown : quarry::output_format::plain;
  return quarry::extract(std::as_bytes(std::span(s.data(), s.size())), "application/toml", opts);
}

std::string toml_plain(const std::string& s) {
  auto r = toml_extract(s);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? r.value().content : std::string();
}

bool toml_has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

class toml_stop_sink final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    ++calls;
    (void)text;
    return false;
  }
  int calls = 0;
};

}  // namespace

TEST(Toml, StringsAreUnescaped) {
  EXPECT_EQ(toml_plain("a = \"t\\tx \\u00E9 \\U0001F600 \\\"q\\\" \\\\\"\nb = 'C:\\path\\n'\n\"key two\" = 1\n"),
            "a = t\tx é 😀 \"q\" \\\nb = C:\\path\\n\nkey two = 1");
  EXPECT_EQ(toml_plain("ml = \"\"\"\nRoses \\\n    are red\n  indented \"\"\"\nlit = '''\nraw \\n '''\n"),
            "ml =\n  Roses are red\n    indented\nlit = raw \\n");
  EXPECT_EQ(toml_plain("five = \"\"\"\"\"q\"\"\"\"\"\n"), "five = \"\"q\"\"");
}

TEST(Toml, ScalarsAsWritten) {
  EXPECT_EQ(toml_plain("n = 1_000\nh = 0xDEAD_beef\nf = -3.14e+10\ni = -inf\nb = true\n"
                       "dt = 1979-05-27T07:32:00-08:00\nlocal = 1979-05-27 07:32:00.999\nd = 1979-05-27\nt = 07:32:00\n"),
            "n = 1_000\nh = 0xDEAD_beef\nf = -3.14e+10\ni = -inf\nb = true\ndt = 1979-05-27T07:32:00-08:00\n"
            "local = 1979-05-27 07:32:00.999\nd = 1979-05-27\nt = 07:32:00");
}

TEST(Toml, ArraysAndInlineTables) {
  EXPECT_EQ(toml_plain("one = [\"a\", \"b\"]\nmulti = [\n  \"x\", # c\n  \"y\",\n]\nmixed = [1, [2, 3], {k = \"v\", w = [4]}]\n"
                       "t = {name = \"N\", sub = {deep = true}}\ne = []\nf = {}\n"),
            "one = a, b\nmulti =\n  - x\n  - y\nmixed =\n  - 1\n  - 2, 3\n  - k = v, w = [4]\n"
            "t =\n  name = N\n  sub =\n    deep = true\ne = []\nf = {}");
}

TEST(Toml, TablesBecomeHeadings) {
  const std::string doc =
      "title = \"x\"\n[server]\nport = 80\n[server.tls]\non = true\n[[bin]]\nname = \"a\"\n[[bin]]\nname = \"b\"\n"
      "[ 'odd key' . \"x.y\" ]\nz = 0\n";
  EXPECT_EQ(toml_plain(doc),
            "title = x\n\nserver\n\nport = 80\n\nserver.tls\n\non = true\n\nbin\n\nname = a\n\nbin\n\nname = b\n\n"
            "odd key.x.y\n\nz = 0");
  auto r = toml_extract(doc, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content,
            "- title = x\n\n# server\n\n- port = 80\n\n## server.tls\n\n- on = true\n\n# bin\n\n- name = a\n\n# bin\n\n"
            "- name = b\n\n## odd key.x.y\n\n- z = 0");
}

TEST(Toml, MarkdownNestsLists) {
  auto r = toml_extract("deps = { a = \"1\", b = [\"x\", \"y\"] }\nlist = [\n  1,\n  2,\n]\n", true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "- deps =\n  - a = 1\n  - b = x, y\n- list =\n  - 1\n  - 2");
}

TEST(Toml, Metadata) {
  auto r = toml_extract("a = 1\n[t]\nb = {c = 1, d = 2}\n[[u]]\ne = 3\n");
  ASSERT_TRUE(r.ok());
  ASSERT_NE(r.value().metadata.find("tableCount"), nullptr);
  EXPECT_EQ(r.value().metadata.find("tableCount")->as_int(), 2);
  EXPECT_EQ(r.value().metadata.find("keyCount")->as_int(), 5);
}

TEST(Toml, InvalidLinesAreKeptWithWarnings) {
  auto r = toml_extract("good = 1\nthis is not toml\nname = John Smith # c\n[broken\nk = \"open\nlast = [1, 2,\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "good = 1\nthis is not toml\nname = John Smith\n\nbroken\n\nk = open\nlast =\n  - 1\n  - 2");
  EXPECT_TRUE(toml_has_warning(r.value(), "toml_syntax"));
  EXPECT_TRUE(toml_has_warning(r.value(), "toml_unterminated_string"));
  EXPECT_TRUE(toml_has_warning(r.value(), "toml_unterminated"));
}

TEST(Toml, DeepNestingIsLimitExceeded) {
  for (const std::string unit : {"[", "{a = "}) {
    std::string doc = "x = ";
    for (int i = 0; i < 100000; ++i) doc += unit;
    auto r = toml_extract(doc);
    ASSERT_FALSE(r.ok()) << unit;
    EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded) << unit;
  }
  quarry::options opts;
  opts.limits.max_depth = 3;
  EXPECT_TRUE(toml_extract("x = [[[1]]]\n", false, opts).ok());
  EXPECT_FALSE(toml_extract("x = [[[[1]]]]\n", false, opts).ok());
}

TEST(Toml, EntryLimit) {
  quarry::options opts;
  opts.limits.max_entries = 8;
  auto r = toml_extract("a = [1, 2, 3, 4, 5, 6, 7, 8, 9]\n", false, opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Toml, StopsWhenTheSinkSaysSo) {
  std::string doc;
  for (int i = 0; i < 20000; ++i) {
    doc += "key";
    doc += std::to_string(i);
    doc += " = \"some value text\"\n";
  }
  toml_stop_sink s;
  auto r = quarry::extract(std::as_bytes(std::span(doc.data(), doc.size())), "application/toml", {}, s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.calls, 1);
  EXPECT_LT(r.value().content_bytes, doc.size() / 4);
}

TEST(Toml, BadInputNeverCrashes) {
  auto e = toml_extract("");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e.value().content, "");
  EXPECT_EQ(toml_plain("a = \"\"\"never closed\nmore"), "a =\n  never closed\n  more");
  EXPECT_EQ(toml_plain("t = {a = 1, b = "), "t =\n  a = 1\n  b =");
  EXPECT_EQ(toml_plain("[[x"), "x");
  auto u = toml_extract("k = \"caf\xE9\"\n");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u.value().content, "k = caf\xEF\xBF\xBD");
  EXPECT_TRUE(toml_has_warning(u.value(), "invalid_utf8"));
}

TEST(Toml, RandomBytesAreCorrupt) {
  std::mt19937 rng(7);
  std::string junk(2 << 20, '\0');
  for (auto& c : junk) c = static_cast<char>(rng() & 0xFF);
  auto r = toml_extract(junk);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
}
