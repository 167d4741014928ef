// YAML: the event reader (core/yaml_reader) checked event by event, then the extractor's text,
// metadata, limits and hostile input. The event expectations were cross-checked against libyaml.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/yaml_reader.hpp"
#include "quarry/quarry.hpp"

namespace {

using quarry::detail::yaml_event;
using quarry::detail::yaml_token;

// Events as one line: "+DOC +MAP =a =1 -MAP -DOC"; aliases as "*name".
class yaml_event_log final : public quarry::detail::yaml_handler {
 public:
  bool on_event(yaml_event kind, const yaml_token& t) override {
    if (!log.empty()) log += ' ';
    switch (kind) {
      case yaml_event::document_start: log += "+DOC"; break;
      case yaml_event::document_end: log += "-DOC"; break;
      case yaml_event::mapping_start: log += t.flow ? "+MAP{}" : "+MAP"; break;
      case yaml_event::mapping_end: log += "-MAP"; break;
      case yaml_event::sequence_start: log += t.flow ? "+SEQ[]" : "+SEQ"; break;
      case yaml_event::sequence_end: log += "-SEQ"; break;
      case yaml_event::scalar: log += "="; log += t.text; break;
      case yaml_event::alias: log += "*"; log += t.text; break;
    }
    return true;
  }
  void on_warning(std::string_view code, std::string) override { warnings.emplace_back(code); }
  std::string log;
  std::vector<std::string> warnings;
};

std::string yaml_events(const std::string& text, std::vector<std::string>* warnings = nullptr) {
  yaml_event_log h;
  const quarry::status st = quarry::detail::parse_yaml(text, h, {});
  EXPECT_TRUE(st.ok());
  if (warnings) *warnings = h.warnings;
  return h.log;
}

quarry::result<quarry::document> yaml_extract(const std::string& s, bool markdown = false, quarry::options opts = {}) {
  opts.format = markdown ? quarry::output_format::markdown : quarry::output_format::plain;
  return quarry::extract(std::as_bytes(std::span(s.data(), s.size())), "application/yaml", opts);
}

std::string yaml_plain(const std::string& s) {
  auto r = yaml_extract(s);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? r.value().content : std::string();
}

bool yaml_has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

class yaml_stop_sink final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    ++calls;
    (void)text;
    return false;
  }
  int calls = 0;
};

}  // namespace

TEST(YamlReader, BlockCollections) {
  EXPECT_EQ(yaml_events("a: 1\nb:\n  c: x y\n  d:\n  - e\n  - f: g\n    h: i\n"),
            "+DOC +MAP =a =1 =b +MAP =c =x y =d +SEQ =e +MAP =f =g =h =i -MAP -SEQ -MAP -MAP -DOC");
  EXPECT_EQ(yaml_events("k:\n- a\n-\n- - b\n  - c\nz: 1\n"),
            "+DOC +MAP =k +SEQ =a = +SEQ =b =c -SEQ -SEQ =z =1 -MAP -DOC");
  EXPECT_EQ(yaml_events("- x: 1\n  y: 2\n- z\n"), "+DOC +SEQ +MAP =x =1 =y =2 -MAP =z -SEQ -DOC");
}

TEST(YamlReader, FlowCollections) {
  EXPECT_EQ(yaml_events("{a: 1, b: [x, \"y z\"], c: {}, d}\n"),
            "+DOC +MAP{} =a =1 =b +SEQ[] =x =y z -SEQ =c +MAP{} -MAP =d = -MAP -DOC");
  EXPECT_EQ(yaml_events("[a: 1, b]\n"), "+DOC +SEQ[] +MAP{} =a =1 -MAP =b -SEQ -DOC");
  EXPECT_EQ(yaml_events("k: [one,\n  two, # note\n  three four\n  five]\n"),
            "+DOC +MAP =k +SEQ[] =one =two =three four five -SEQ -MAP -DOC");
  EXPECT_EQ(yaml_events("{\"a\":1}\n"), "+DOC +MAP{} =a =1 -MAP -DOC");
}

TEST(YamlReader, QuotedScalars) {
  EXPECT_EQ(yaml_events("a: \"t\\tx \\u00e9 \\U0001F600 \\x41 \\\"q\\\" \\\\\"\n"),
            "+DOC +MAP =a =t\tx é 😀 A \"q\" \\ -MAP -DOC");
  EXPECT_EQ(yaml_events("a: \"\\ud83d\\ude00\"\n"), "+DOC +MAP =a =😀 -MAP -DOC");
  EXPECT_EQ(yaml_events("a: 'it''s \\n'\n"), "+DOC +MAP =a =it's \\n -MAP -DOC");
  EXPECT_EQ(yaml_events("a: \"one\n  two\n\n  three \\\n  four\"\n"), "+DOC +MAP =a =one two\nthree four -MAP -DOC");
  EXPECT_EQ(yaml_events("\"quoted key\": v\n"), "+DOC +MAP =quoted key =v -MAP -DOC");
}

TEST(YamlReader, BlockScalars) {
  EXPECT_EQ(yaml_events("a: |\n  one\n    two\n\n  three\nb: x\n"), "+DOC +MAP =a =one\n  two\n\nthree\n =b =x -MAP -DOC");
  EXPECT_EQ(yaml_events("a: >\n  one\n  two\n\n  three\n    more\n  four\n"),
            "+DOC +MAP =a =one two\nthree\n  more\nfour\n -MAP -DOC");
  EXPECT_EQ(yaml_events("a: |-\n  x\n\nb: |+\n  y\n\n"), "+DOC +MAP =a =x =b =y\n\n -MAP -DOC");
  EXPECT_EQ(yaml_events("a: |2\n   x\n"), "+DOC +MAP =a = x\n -MAP -DOC");
  EXPECT_EQ(yaml_events("- |\n  in a list\n- b\n"), "+DOC +SEQ =in a list\n =b -SEQ -DOC");
}

TEST(YamlReader, PlainScalarsFoldAndStopAtComments) {
  EXPECT_EQ(yaml_events("a: one\n  two\n\n  three # c\nb: http://x.org:80/p#frag\n"),
            "+DOC +MAP =a =one two\nthree =b =http://x.org:80/p#frag -MAP -DOC");
  EXPECT_EQ(yaml_events("time: 12:30:00\nkey with spaces: v\n"), "+DOC +MAP =time =12:30:00 =key with spaces =v -MAP -DOC");
}

TEST(YamlReader, DocumentsAnchorsAliasesTags) {
  EXPECT_EQ(yaml_events("%YAML 1.2\n---\nfirst\n...\n--- !!map\nb: &x !!str v\nc: *x\n---\n"),
            "+DOC =first -DOC +DOC +MAP =b =v =c *x -MAP -DOC +DOC = -DOC");
  EXPECT_EQ(yaml_events("base: &b {a: 1}\nuse:\n  <<: *b\n"), "+DOC +MAP =base +MAP{} =a =1 -MAP =use +MAP =<< *b -MAP -MAP -DOC");
  EXPECT_EQ(yaml_events("? complex\n: value\n"), "+DOC +MAP =complex =value -MAP -DOC");
  EXPECT_EQ(yaml_events(""), "");
  EXPECT_EQ(yaml_events("# only a comment\n"), "");
}

TEST(YamlReader, DamagedInputWarnsAndGoesOn) {
  std::vector<std::string> w;
  EXPECT_EQ(yaml_events("a: \"unterminated\nb: 2\n", &w), "+DOC +MAP =a =unterminated =b =2 -MAP -DOC");
  EXPECT_FALSE(w.empty());
  // The plain "2" goes on into the next line inside the unclosed bracket; no word is lost.
  EXPECT_EQ(yaml_events("a: [1, 2\nb: 3\n", &w), "+DOC +MAP =a +SEQ[] =1 +MAP{} =2 b =3 -MAP -SEQ -MAP -DOC");
  EXPECT_FALSE(w.empty());
  EXPECT_EQ(yaml_events("a: \"x\"\n    b: 1\nc: 2\n", &w), "+DOC +MAP =a =x =b =1 =c =2 -MAP -DOC");
  EXPECT_FALSE(w.empty());
}

TEST(YamlReader, StopsWhenTheHandlerSaysSo) {
  class stop_after_three final : public quarry::detail::yaml_handler {
   public:
    bool on_event(yaml_event, const yaml_token&) override { return ++n < 3; }
    void on_warning(std::string_view, std::string) override {}
    int n = 0;
  } h;
  EXPECT_TRUE(quarry::detail::parse_yaml("a: 1\nb: 2\nc: 3\n", h, {}).ok());
  EXPECT_EQ(h.n, 3);
}

TEST(Yaml, PlainTextKeepsStructure) {
  EXPECT_EQ(yaml_plain("# comment\nname: web # trailing\nports:\n- 80\n- 443\nlabels: {app: web, tier: 'front'}\n"
                       "containers:\n  - name: c1\n    args: [a, b]\n  - [x, y]\nempty: []\nnone:\n"),
            "name: web\nports:\n  - 80\n  - 443\nlabels:\n  app: web\n  tier: front\ncontainers:\n  - name: c1\n"
            "    args:\n      - a\n      - b\n  - - x\n    - y\nempty: []\nnone:");
}

TEST(Yaml, MultiLineScalarsAndDocuments) {
  EXPECT_EQ(yaml_plain("run: |\n  make\n\n  make test\nnote: >\n  folded\n  text\n---\n- second doc\n"),
            "run:\n  make\n\n  make test\nnote: folded text\n\n- second doc");
}

TEST(Yaml, MarkdownUsesNestedLists) {
  auto r = yaml_extract("a: 1\nb:\n  c: [x, y]\n  d: |\n    l1\n    l2\n---\ne: f\n", true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "- a: 1\n- b:\n  - c:\n    - x\n    - y\n  - d:\n\n    ```\n    l1\n    l2\n    ```\n\n---\n\n- e: f");
}

TEST(Yaml, Metadata) {
  auto r = yaml_extract("a: 1\nb: 2\n---\nb: 3\nc: 4\n---\n- list\n");
  ASSERT_TRUE(r.ok());
  const auto* docs = r.value().metadata.find("documentCount");
  ASSERT_NE(docs, nullptr);
  EXPECT_EQ(docs->as_int(), 3);
  const auto* keys = r.value().metadata.find("topLevelKeys");
  ASSERT_NE(keys, nullptr);
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_EQ(keys->items()[2].as_string(), "c");
}

TEST(Yaml, AliasesAreNeverExpanded) {
  // The billion laughs: nine levels of ten aliases each would expand to 10^9 strings.
  std::string doc = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char prev = static_cast<char>(c - 1);
    doc += c;
    doc += ": &";
    doc += c;
    doc += " [";
    for (int k = 0; k < 10; ++k) {
      if (k) doc += ',';
      doc += '*';
      doc += prev;
    }
    doc += "]\n";
  }
  auto r = yaml_extract(doc);
  ASSERT_TRUE(r.ok());
  EXPECT_LT(r.value().content.size(), 2000u);
  EXPECT_NE(r.value().content.find("*h"), std::string::npos);
}

TEST(Yaml, DeepNestingIsLimitExceeded) {
  for (const std::string unit : {"[", "{a: ", "- "}) {
    std::string doc;
    for (int i = 0; i < 100000; ++i) doc += unit;
    doc += "x\n";
    auto r = yaml_extract(doc);
    ASSERT_FALSE(r.ok()) << unit;
    EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded) << unit;
  }
  // Indentation: 1,500 levels of "k:" each one space deeper.
  std::string doc;
  for (int i = 0; i < 1500; ++i) {
    doc.append(static_cast<std::size_t>(i), ' ');
    doc += "k:\n";
  }
  auto r = yaml_extract(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  quarry::options deep;
  deep.limits.max_depth = 2000;
  EXPECT_TRUE(yaml_extract(doc, false, deep).ok());
}

TEST(Yaml, EntryLimit) {
  quarry::options opts;
  opts.limits.max_entries = 10;
  auto r = yaml_extract("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n", false, opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Yaml, StopsWhenTheSinkSaysSo) {
  std::string doc;
  for (int i = 0; i < 20000; ++i) doc += "key" + std::to_string(i) + ": some value text\n";
  yaml_stop_sink s;
  auto r = quarry::extract(std::as_bytes(std::span(doc.data(), doc.size())), "application/yaml", {}, s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.calls, 1);
  EXPECT_LT(r.value().content_bytes, doc.size() / 4);
}

TEST(Yaml, BadInputNeverCrashes) {
  auto e = yaml_extract("");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e.value().content, "");
  EXPECT_EQ(e.value().metadata.find("documentCount")->as_int(), 0);
  // Truncated mid-structure.
  auto t = yaml_extract("a:\n  b: [1, {c: \"x");
  ASSERT_TRUE(t.ok());
  EXPECT_NE(t.value().content.find('x'), std::string::npos);
  EXPECT_FALSE(t.value().warnings.empty());
  // Bad indentation and an unterminated quote: text kept, warnings given.
  auto b = yaml_extract("a: \"1\"\n   b: 2\nc: 'open\nd: 4\n");
  ASSERT_TRUE(b.ok());
  EXPECT_NE(b.value().content.find("b: 2"), std::string::npos);
  EXPECT_NE(b.value().content.find("d: 4"), std::string::npos);
  EXPECT_TRUE(yaml_has_warning(b.value(), "yaml_indentation"));
  EXPECT_TRUE(yaml_has_warning(b.value(), "yaml_unterminated_quote"));
  auto u = yaml_extract("k: caf\xE9\n");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u.value().content, "k: caf\xEF\xBF\xBD");
  EXPECT_TRUE(yaml_has_warning(u.value(), "invalid_utf8"));
}

TEST(Yaml, RandomBytesAreCorrupt) {
  std::mt19937 rng(99);
  std::string junk(2 << 20, '\0');
  for (auto& c : junk) c = static_cast<char>(rng() & 0xFF);
  auto r = yaml_extract(junk);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
}

TEST(Yaml, UnterminatedQuotesStayLinear) {
  // One quote that never closes, then many lines: read once, not once per line.
  std::string doc = "first: \"open\n";
  for (int i = 0; i < 50000; ++i) {
    doc += 'k';
    doc += std::to_string(i);
    doc += ": value\n";
  }
  // And many documents that each end inside a quote.
  for (int i = 0; i < 20000; ++i) doc += "---\nq: 'open\n";
  auto r = yaml_extract(doc);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.value().content.find("first: open\nk0: value"), std::string::npos);
  EXPECT_NE(r.value().content.find("k49999: value"), std::string::npos);
  EXPECT_TRUE(yaml_has_warning(r.value(), "yaml_unterminated_quote"));
}
