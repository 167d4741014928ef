// Markdown: md4c events to writer events, front matter, raw HTML, limits and hostile input.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "quarry/quarry.hpp"

namespace {

quarry::result<quarry::document> md_extract(const std::string& s, bool markdown = false, quarry::options opts = {}) {
  opts.format = markdown ? quarry::output_format::markdown : quarry::output_format::plain;
  return quarry::extract(std::as_bytes(std::span(s.data(), s.size())), "text/markdown", opts);
}

std::string md_plain(const std::string& s) {
  auto r = md_extract(s);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? r.value().content : std::string();
}

std::string md_markdown(const std::string& s) {
  auto r = md_extract(s, true);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? r.value().content : std::string();
}

bool md_has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

// Stops after the first piece of content.
class md_stop_sink final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    ++calls;
    bytes += text.size();
    return false;
  }
  int calls = 0;
  std::size_t bytes = 0;
};

}  // namespace

TEST(Markdown, PlainDropsSyntaxKeepsWords) {
  EXPECT_EQ(md_plain("# Title\n\nSome *em* and **strong** and `code` and ~~gone~~ text.\n"),
            "Title\n\nSome em and strong and code and gone text.");
  EXPECT_EQ(md_plain("A [link](http://x.org) and ![alt text](i.png).\n"), "A link and alt text.");
}

TEST(Markdown, MarkdownIsReRendered) {
  EXPECT_EQ(md_markdown("Title\n=====\n\nSome _em_ and __strong__ and ``co`de``.\n"),
            "# Title\n\nSome *em* and **strong** and `co`de`.");
  EXPECT_EQ(md_markdown("A [link](http://x.org \"t\") and ![alt](i.png).\n"),
            "A [link](http://x.org) and ![alt](i.png).");
  EXPECT_EQ(md_markdown("~~old~~ new\n"), "~~old~~ new");
}

TEST(Markdown, SoftBreaksRewrapAndHardBreaksStay) {
  EXPECT_EQ(md_plain("one\ntwo  \nthree\\\nfour\n"), "one two\nthree\nfour");
  EXPECT_EQ(md_markdown("one\ntwo  \nthree\n"), "one two\\\nthree");
}

TEST(Markdown, ListsKeepNumbersNestingAndTasks) {
  EXPECT_EQ(md_plain("3. three\n4. four\n   - nested\n"), "3. three\n4. four\n   - nested");
  EXPECT_EQ(md_plain("- [ ] open\n- [x] done\n"), "- [ ] open\n- [x] done");
  // The task marker is Markdown syntax, not escaped text.
  EXPECT_EQ(md_markdown("- [X] done\n"), "- [x] done");
}

TEST(Markdown, QuotesAndRules) {
  EXPECT_EQ(md_markdown("para\n> quoted\n> > deeper\n\n---\n\nafter\n"),
            "para\n\n> quoted\n>\n> > deeper\n\n---\n\nafter");
  EXPECT_EQ(md_plain("> quoted\n\n***\n\nafter\n"), "quoted\n\nafter");
}

TEST(Markdown, CodeBlocksAreVerbatim) {
  const std::string doc = "```python\ndef f(x):\n    return x * 2  # *not* emphasis\n```\n\n    indented  code\n";
  EXPECT_EQ(md_plain(doc), "def f(x):\n    return x * 2  # *not* emphasis\n\nindented  code");
  EXPECT_EQ(md_markdown(doc), "```python\ndef f(x):\n    return x * 2  # *not* emphasis\n```\n\n```\nindented  code\n```");
}

TEST(Markdown, EntitiesAreDecoded) {
  EXPECT_EQ(md_plain("&amp; &copy; &#233; &#x1F600; &#0; &bogus; AT&T\n"), "& © é 😀 \xEF\xBF\xBD &bogus; AT&T");
  EXPECT_EQ(md_markdown("a &lt;b&gt; c\n"), "a \\<b> c");
  // References inside link targets too.
  EXPECT_EQ(md_markdown("[x](/&uuml;rl)\n"), "[x](/ürl)");
}

TEST(Markdown, NulBecomesReplacementCharacter) {
  const std::string doc("a\0b\n", 4);
  EXPECT_EQ(md_plain(doc), "a\xEF\xBF\xBD" "b");
}

TEST(Markdown, RawHtmlIsStrippedInPlainKeptInMarkdown) {
  const std::string doc =
      "Text with <span class=\"x\">inline</span> tags<br>and a break. <!-- hidden -->\n\n"
      "<div align=\"center\">\n  <img src=\"logo.png\" alt=\"The Logo\">\n  <p>Caf&eacute; <b>bold</b></p>\n"
      "<!-- a comment\nover lines -->\n<script>var x = 1;</script>\n</div>\n";
  EXPECT_EQ(md_plain(doc), "Text with inline tags\nand a break.\n\nThe Logo\n\nCafé bold");
  const std::string md = md_markdown(doc);
  EXPECT_NE(md.find("<span class=\"x\">inline</span>"), std::string::npos) << md;
  EXPECT_NE(md.find("<!-- a comment\nover lines -->"), std::string::npos) << md;
  EXPECT_NE(md.find("<script>var x = 1;</script>"), std::string::npos) << md;
}

TEST(Markdown, MathIsKeptAsText) {
  EXPECT_EQ(md_plain("Euler: $e^{i\\pi} + 1 = 0$ and $$\\int_0^1 x\\,dx$$\n"),
            "Euler: $e^{i\\pi} + 1 = 0$ and $$\\int_0^1 x\\,dx$$");
  EXPECT_EQ(md_markdown("area $\\pi r^2$\n"), "area $\\pi r^2$");
}

TEST(Markdown, TablesAreCollected) {
  auto r = md_extract("| a | b |\n|---|:-:|\n| 1 | **2** |\n| `x|y` | ![pic](p.png) |\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().tables.size(), 1u);
  const auto& cells = r.value().tables[0].cells;
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(cells[1], (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(cells[2], (std::vector<std::string>{"x|y", "pic"}));
  EXPECT_EQ(r.value().content, "a\tb\n1\t2\nx|y\tpic");
}

TEST(Markdown, FrontMatterBecomesMetadata) {
  const std::string doc =
      "---\n"
      "title: 'Notes: week 3'\n"
      "author: [Ann Lee, {name: Bo Ek, email: bo@example.org}]\n"
      "date: 2024-05-01\n"
      "keywords: alpha, beta , gamma\n"
      "language: de\n"
      "description: |\n  Two\n  lines.\n"
      "weight: 12\n"
      "params:\n  toc: true\n"
      "...\n"
      "Body text.\n";
  auto r = md_extract(doc);
  ASSERT_TRUE(r.ok());
  const auto& d = r.value();
  EXPECT_EQ(d.content, "Body text.");
  const auto* title = d.metadata.find("title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->as_string(), "Notes: week 3");
  const auto* authors = d.metadata.find("authors");
  ASSERT_NE(authors, nullptr);
  ASSERT_EQ(authors->size(), 2u);
  EXPECT_EQ(authors->items()[1].as_string(), "Bo Ek");
  EXPECT_EQ(d.metadata.find("author"), nullptr);
  ASSERT_NE(d.metadata.find("createdAt"), nullptr);
  EXPECT_EQ(d.metadata.find("createdAt")->as_string(), "2024-05-01");
  ASSERT_NE(d.metadata.find("date"), nullptr);
  const auto* kw = d.metadata.find("keywords");
  ASSERT_NE(kw, nullptr);
  ASSERT_EQ(kw->size(), 3u);
  EXPECT_EQ(kw->items()[1].as_string(), "beta");
  EXPECT_EQ(d.metadata.find("language")->as_string(), "de");
  EXPECT_EQ(d.metadata.find("description")->as_string(), "Two\nlines.");
  EXPECT_EQ(d.metadata.find("weight")->as_int(), 12);
  const auto* params = d.metadata.find("params");
  ASSERT_NE(params, nullptr);
  ASSERT_NE(params->find("toc"), nullptr);
  EXPECT_TRUE(params->find("toc")->as_bool());
}

TEST(Markdown, NotFrontMatterStaysContent) {
  // A rule, a line of text and a setext underline: no mapping, so no front matter.
  EXPECT_EQ(md_markdown("---\nJust a sentence\n---\n\nMore.\n"), "---\n\n## Just a sentence\n\nMore.");
  // No closing fence.
  EXPECT_EQ(md_plain("---\ntitle: x\n\nText.\n"), "title: x\n\nText.");
  auto r = md_extract("---\n---\nEmpty front matter.\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "Empty front matter.");
}

TEST(Markdown, DeepNestingIsFlattenedNotFatal) {
  for (const std::string unit : {">", "- ", "* "}) {
    std::string doc;
    for (int i = 0; i < 100000; ++i) doc += unit;
    doc += "deep words\n";
    auto r = md_extract(doc);
    ASSERT_TRUE(r.ok()) << unit;
    EXPECT_NE(r.value().content.find("deep words"), std::string::npos) << unit;
    EXPECT_TRUE(md_has_warning(r.value(), "max_depth")) << unit;
  }
  std::string em(50000, '*');
  em += "x";
  em += std::string(50000, '*');
  auto r = md_extract(em);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.value().content.find('x'), std::string::npos);
}

TEST(Markdown, DepthLimitIsConfigurable) {
  quarry::options opts;
  opts.limits.max_depth = 4;
  auto r = md_extract("> > > > > > > inside\n", true, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(md_has_warning(r.value(), "max_depth"));
  EXPECT_NE(r.value().content.find("inside"), std::string::npos);
  EXPECT_EQ(r.value().content.find("> > > > >"), std::string::npos) << r.value().content;
}

TEST(Markdown, EntryLimit) {
  quarry::options opts;
  opts.limits.max_entries = 50;
  std::string doc;
  for (int i = 0; i < 40; ++i) doc += "- *item*\n";
  auto r = md_extract(doc, false, opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  opts.limits.max_entries = 200;
  EXPECT_TRUE(md_extract(doc, false, opts).ok());
}

TEST(Markdown, StopsWhenTheSinkSaysSo) {
  std::string doc;
  for (int i = 0; i < 20000; ++i) doc += "Paragraph number " + std::to_string(i) + " with *some* words.\n\n";
  md_stop_sink s;
  auto r = quarry::extract(std::as_bytes(std::span(doc.data(), doc.size())), "text/markdown", {}, s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.calls, 1);
  EXPECT_LT(r.value().content_bytes, doc.size() / 4);
}

TEST(Markdown, BadInputNeverCrashes) {
  EXPECT_EQ(md_plain(""), "");
  // Truncated in the middle of a fence, a link and a table.
  EXPECT_EQ(md_plain("```js\nlet a = [1,"), "let a = [1,");
  EXPECT_EQ(md_plain("see [the docs](http://exa"), "see [the docs](http://exa");
  // md4c takes a one-column delimiter row as a one-column table (GFM drops excess cells).
  EXPECT_EQ(md_plain("| a | b |\n|---|"), "a");
  // Invalid UTF-8 is replaced and reported.
  auto r = md_extract("caf\xE9 ok\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().content, "caf\xEF\xBF\xBD ok");
  EXPECT_TRUE(md_has_warning(r.value(), "invalid_utf8"));
}

TEST(Markdown, RandomBytesAreCorrupt) {
  std::mt19937 rng(1234);
  std::string junk(2 << 20, '\0');
  for (auto& c : junk) c = static_cast<char>(rng() & 0xFF);
  auto r = md_extract(junk);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::corrupt);
}

TEST(Markdown, Utf16WithBomIsConverted) {
  const std::string doc("\xFF\xFE#\0 \0H\0i\0\n\0", 12);
  EXPECT_EQ(md_markdown(doc), "# Hi");
}

// Regression: md4c 0.4.8 read past the end of an input ending inside an inline link, and when the
// caller's bytes went on with ")" it made a link ending beyond the input (a crash).
TEST(Markdown, UnfinishedLinkAtTheEndOfAViewDoesNotReadPastIt) {
  const std::string buffer = "- [l](u) **b**";
  const std::string_view doc = std::string_view(buffer).substr(0, 7);  // "- [l](u"
  for (auto fmt : {quarry::output_format::plain, quarry::output_format::markdown}) {
    quarry::options o;
    o.format = fmt;
    auto r = quarry::extract(std::as_bytes(std::span(doc.data(), doc.size())), "md", o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().content.find('b'), std::string::npos) << r.value().content;
  }
}
