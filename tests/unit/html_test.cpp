// HTML: the tokenizer's states (as token streams), resumable feeding, the tree builder's rules as
// extracted text, tables, metadata, charset detection, and hostile input.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "core/writer.hpp"
#include "formats/html/builder.hpp"
#include "formats/html/charset.hpp"
#include "formats/html/elements.hpp"
#include "formats/html/tokenizer.hpp"
#include "quarry/quarry.hpp"

namespace html = quarry::detail::html;
namespace fs = std::filesystem;

namespace {

// ---- token streams ----------------------------------------------------------------------------------

// Writes every token as text: T[text] <tag a="v" /> </tag> C[comment] D[doctype]. Start tags switch
// the tokenizer as the tree builder does; <svg>/<math> make CDATA sections allowed.
class recorder final : public html::token_sink {
 public:
  std::string out;
  int foreign = 0;

  void on_text(std::string_view t) override {
    out += "T[";
    out += t;
    out += ']';
  }
  html::text_mode on_start_tag(const html::tag_view& t) override {
    out += '<';
    out += t.name;
    for (const auto& a : t.attributes) {
      out += ' ';
      out += a.name;
      out += "=\"";
      out += a.value;
      out += '"';
    }
    if (t.self_closing) out += " /";
    out += '>';
    if (t.name == "svg" || t.name == "math") {
      if (!t.self_closing) ++foreign;
      return html::text_mode::data;
    }
    if (foreign > 0) return html::text_mode::data;
    return html::info(html::lookup_tag(t.name)).mode;
  }
  void on_end_tag(const html::tag_view& t) override {
    out += "</";
    out += t.name;
    out += '>';
    if ((t.name == "svg" || t.name == "math") && foreign > 0) --foreign;
  }
  void on_comment(std::string_view d) override {
    out += "C[";
    out += d;
    out += ']';
  }
  void on_doctype(std::string_view n) override {
    out += "D[";
    out += n;
    out += ']';
  }
  bool cdata_allowed() override { return foreign > 0; }
};

// Feeds `in` split at `cuts` (ascending offsets); each piece is a fresh heap copy that dies right
// after feed(), so a view kept into a piece would be a use-after-free (ASan catches it).
template <class Feed>
void feed_pieces(std::string_view in, const std::vector<std::size_t>& cuts, Feed&& feed) {
  std::size_t at = 0;
  for (std::size_t cut : cuts) {
    if (cut <= at || cut >= in.size()) continue;
    const std::string piece(in.substr(at, cut - at));
    feed(std::string_view(piece));
    at = cut;
  }
  const std::string rest(in.substr(at));
  feed(std::string_view(rest));
}

std::string tokens(std::string_view in, const std::vector<std::size_t>& cuts = {}) {
  recorder r;
  html::tokenizer t(r, true);
  feed_pieces(in, cuts, [&](std::string_view piece) { t.feed(piece); });
  t.finish();
  return r.out;
}

std::string tokens_bytewise(std::string_view in) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < in.size(); ++i) cuts.push_back(i);
  return tokens(in, cuts);
}

// ---- extraction -------------------------------------------------------------------------------------

quarry::document extract_doc(std::string_view in, bool markdown = false, quarry::options opts = {}) {
  if (markdown) opts.format = quarry::output_format::markdown;
  auto r = quarry::extract(std::as_bytes(std::span(in.data(), in.size())), "text/html", opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  if (!r.ok()) return {};
  return std::move(r).value();
}

std::string text(std::string_view in) { return extract_doc(in).content; }
std::string md(std::string_view in) { return extract_doc(in, true).content; }

bool has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings)
    if (w.code == code) return true;
  return false;
}

// The whole pipeline (writer, builder, tokenizer) fed in pieces, for UTF-8 input.
class collect_sink final : public quarry::sink {
 public:
  std::string content;
  std::string tables;
  bool on_content(std::string_view t) override {
    content.append(t);
    return true;
  }
  void on_table(quarry::table&& t) override { tables += t.markdown + "\n--\n"; }
};

std::string pipeline(std::string_view utf8, const std::vector<std::size_t>& cuts, bool markdown) {
  quarry::options opts;
  if (markdown) opts.format = quarry::output_format::markdown;
  collect_sink sink;
  quarry::detail::writer w(sink, opts);
  html::builder b(w);
  html::tokenizer t(b);
  b.attach(t);
  feed_pieces(utf8, cuts, [&](std::string_view piece) { t.feed(piece); });
  t.finish();
  b.finish("utf-8");
  EXPECT_TRUE(w.finish().ok());
  return sink.content + "\n==tables==\n" + sink.tables;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> golden_inputs() {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(QUARRY_GOLDEN_DIR) / "html";
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".html") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// A golden document as UTF-8 (legacy-1252.html is converted first).
std::string golden_utf8(const fs::path& p) {
  const std::string raw = read_file(p);
  const html::charset_result cs = html::detect_charset(raw);
  std::string out;
  (void)quarry::detail::convert_to_utf8(std::string_view(raw).substr(cs.bom_length), cs.enc, out);
  return out;
}

// The tokenizer inputs below, reused by the resumability tests.
const std::vector<std::string>& tokenizer_cases() {
  static const std::vector<std::string> cases = {
      "<p class=a id='b' title=\"c d\" checked>x</p>",
      "<A HREF=\"X\" Data-Q=1 x=1 x=2 =y b/c>",
      "<br/><img src=a.png / alt=x><br / >",
      "<!-- a --><!----><!--><!---><!-- b --!> c<!--d--!-e--><!--<!-- f --><!--g---->",
      "<?xml version=\"1.0\"?></ x><!x></><!-- unterminated",
      "<!DOCTYPE html><!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"x\"><!DOCTYPE html \"a>b\">t",
      "&amp; &amp &notit; &notin; &ampx &lt3 &unknown; &; & &#65; &#x41 &#; &#x; &#xZ &#0; &#x80; &#150;",
      "<a href=\"?a=1&copy=2&amp;b&ampc\" title='&copy 2' x=&notit;y=&notin;>",
      "&CounterClockwiseContourIntegral; &NotEqualTilde; &#x1F600; &#xD800; &#x110000; &#99999999999;",
      "<script>if (a<b) x=\"</scr\"+\"ipt>\";</b></script><script>y</SCRIPT >",
      "<script><!--<script>x</script>y--></script><script><!--</script>z",
      "<script><!-- a --!> -></script><script><!--<script></script >-></script>q",
      "<style>a<b>c</style><textarea>&lt;b&gt;</textarea><title>a &amp; b</titlex></title>",
      "<xmp><b>&amp;</b></xmp><iframe><p></iframe><noscript><p>x</noscript><plaintext><b>x</b></plaintext>",
      "<svg><![CDATA[a<b]]]>c</svg><![CDATA[x]]><math><![CDATA[]]></math>",
      std::string("a\0b<p\0q x\0=\"\0\">", 16),
      "a < b, a <3, a<",
      "<p>x<b c=\"d",
  };
  return cases;
}

}  // namespace

// ---- tokenizer states ----------------------------------------------------------------------------------

TEST(HtmlTokenizer, TagsAndAttributesInEveryQuotingForm) {
  EXPECT_EQ(tokens("<p class=a id='b' title=\"c d\" checked>x</p>"),
            "<p class=\"a\" id=\"b\" title=\"c d\" checked=\"\">T[x]</p>");
  // Names are lower-cased, values are not; the first of duplicate attributes wins; "=" can start a
  // name; a solidus not before '>' separates attributes.
  EXPECT_EQ(tokens("<A HREF=\"X\" Data-Q=1 x=1 x=2 =y b/c>"),
            "<a href=\"X\" data-q=\"1\" x=\"1\" =y=\"\" b=\"\" c=\"\">");
  EXPECT_EQ(tokens("<br/><img src=a.png / alt=x><br / >"), "<br /><img src=\"a.png\" alt=\"x\"><br>");
  EXPECT_EQ(tokens("<a b=c\"d'e<f=g`>"), "<a b=\"c\"d'e<f=g`\">");
  EXPECT_EQ(tokens("<a b='x'c=\"y\">"), "<a b=\"x\" c=\"y\">");
  EXPECT_EQ(tokens("<a\nb\t=\fc\r>"), "<a b=\"c\">");
  EXPECT_EQ(tokens("</p class=x>"), "</p>");
}

TEST(HtmlTokenizer, Comments) {
  EXPECT_EQ(tokens("<!-- a -->"), "C[ a ]");
  EXPECT_EQ(tokens("<!---->"), "C[]");
  EXPECT_EQ(tokens("<!-->x"), "C[]T[x]");   // abrupt closing
  EXPECT_EQ(tokens("<!--->x"), "C[]T[x]");
  EXPECT_EQ(tokens("<!-- b --!> c"), "C[ b ]T[ c]");   // "--!>" closes a comment
  EXPECT_EQ(tokens("<!--d--!-e-->"), "C[d--!-e]");
  EXPECT_EQ(tokens("<!--a--b-->"), "C[a--b]");
  EXPECT_EQ(tokens("<!--g---->"), "C[g--]");
  EXPECT_EQ(tokens("<!--<!-- f -->"), "C[<!-- f ]");   // nested opener
  EXPECT_EQ(tokens("<!--a<!-->"), "C[a<!]");
  EXPECT_EQ(tokens("<!-- unterminated"), "C[ unterminated]");
  // Bogus comments.
  EXPECT_EQ(tokens("<?xml version=\"1.0\"?>"), "C[?xml version=\"1.0\"?]");
  EXPECT_EQ(tokens("</ x>"), "C[ x]");
  EXPECT_EQ(tokens("<!x>"), "C[x]");
  EXPECT_EQ(tokens("<!->"), "C[-]");
  EXPECT_EQ(tokens("a</>b"), "T[ab]");
}

TEST(HtmlTokenizer, DoctypeIsSkippedAtItsFirstGreaterThan) {
  EXPECT_EQ(tokens("<!DOCTYPE html><p>"), "D[html]<p>");
  EXPECT_EQ(tokens("<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"x\">t"), "D[html]T[t]");
  // Every DOCTYPE state ends at '>', even inside a quoted identifier.
  EXPECT_EQ(tokens("<!DOCTYPE html \"a>b\">t"), "D[html]T[b\">t]");
  EXPECT_EQ(tokens("<!DOCTYPE>x"), "D[]T[x]");
  EXPECT_EQ(tokens("<!DOCTYPE html"), "D[html]");
}

TEST(HtmlTokenizer, NamedCharacterReferences) {
  EXPECT_EQ(tokens("&amp; &amp &lt3 &gt;"), "T[& & <3 >]");
  // Longest match, then the rest is text: "&notit;" is "¬it;" but "&notin;" is one character.
  EXPECT_EQ(tokens("&notit; &notin;"), "T[\xC2\xACit; \xE2\x88\x89]");
  EXPECT_EQ(tokens("&ampx &unknown; &; & &"), "T[&x &unknown; &; & &]");
  EXPECT_EQ(tokens("&CounterClockwiseContourIntegral;"), "T[\xE2\x88\xB3]");
  EXPECT_EQ(tokens("&NotEqualTilde;"), "T[\xE2\x89\x82\xCC\xB8]");  // two code points
  EXPECT_EQ(tokens("&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;"), "T[&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;]");
  EXPECT_EQ(tokens("&amp"), "T[&]");
  // In attribute values, a legacy name followed by '=' or an alphanumeric stays literal.
  EXPECT_EQ(tokens("<a href=\"?a=1&copy=2&amp;b&ampc\" title='&copy 2' x=&notit;y=&notin;>"),
            "<a href=\"?a=1&copy=2&b&ampc\" title=\"\xC2\xA9 2\" x=\"&notit;y=\xE2\x88\x89\">");
  EXPECT_EQ(tokens("<a b=\"&lt;\" c=&gt d=&amp>"), "<a b=\"<\" c=\">\" d=\"&\">");
}

TEST(HtmlTokenizer, NumericCharacterReferences) {
  EXPECT_EQ(tokens("&#65;&#x42;&#X43;&#0068"), "T[ABCD]");
  EXPECT_EQ(tokens("&#x80;"), "T[\xE2\x82\xAC]");  // C1 controls map as Windows-1252: €
  EXPECT_EQ(tokens("&#150;"), "T[\xE2\x80\x93]");  // –
  EXPECT_EQ(tokens("&#0;&#xD800;&#x110000;&#99999999999;"), "T[\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD]");
  EXPECT_EQ(tokens("&#x1F600;"), "T[\xF0\x9F\x98\x80]");
  EXPECT_EQ(tokens("&#; &#x; &#xZ &#a"), "T[&#; &#x; &#xZ &#a]");
  EXPECT_EQ(tokens("<a t=\"&#x41;&#66\">"), "<a t=\"AB\">");
  EXPECT_EQ(tokens("&#"), "T[&#]");
  EXPECT_EQ(tokens("&#x"), "T[&#x]");
  EXPECT_EQ(tokens("&#12"), "T[\x0C]");
}

TEST(HtmlTokenizer, RawTextElements) {
  EXPECT_EQ(tokens("<style>a<b>c&amp;</style>x"), "<style>T[a<b>c&amp;]</style>T[x]");
  EXPECT_EQ(tokens("<textarea>&lt;b&gt;</textarea>"), "<textarea>T[<b>]</textarea>");
  // Only the matching end tag ends raw text.
  EXPECT_EQ(tokens("<title>a &amp; b</titlex></title>"), "<title>T[a & b</titlex>]</title>");
  EXPECT_EQ(tokens("<xmp><b>&amp;</b></xmp>"), "<xmp>T[<b>&amp;</b>]</xmp>");
  EXPECT_EQ(tokens("<iframe><p></iframe>"), "<iframe>T[<p>]</iframe>");
  EXPECT_EQ(tokens("<noscript><p>x</noscript>"), "<noscript>T[<p>x]</noscript>");
  EXPECT_EQ(tokens("<plaintext><b>x</b></plaintext>"), "<plaintext>T[<b>x</b></plaintext>]");
  EXPECT_EQ(tokens("<style>a</style b=c>"), "<style>T[a]</style>");
  EXPECT_EQ(tokens("<style>a</"), "<style>T[a</]");
  EXPECT_EQ(tokens("<style>a</sty"), "<style>T[a</sty]");
  EXPECT_EQ(tokens("<textarea>a<"), "<textarea>T[a<]");
}

TEST(HtmlTokenizer, ScriptDataAndItsEscapes) {
  EXPECT_EQ(tokens("<script>if (a<b) x=\"</scr\"+\"ipt>\";</b></script>"),
            "<script>T[if (a<b) x=\"</scr\"+\"ipt>\";</b>]</script>");
  EXPECT_EQ(tokens("<script>y</SCRIPT >z"), "<script>T[y]</script>T[z]");
  // Inside "<!--", "<script>" starts double-escaping: "</script>" is then text until "-->".
  EXPECT_EQ(tokens("<script><!--<script>x</script>y--></script>"),
            "<script>T[<!--<script>x</script>y-->]</script>");
  EXPECT_EQ(tokens("<script><!--</script>z"), "<script>T[<!--]</script>T[z]");
  EXPECT_EQ(tokens("<script><!-- a --!> -></script>"), "<script>T[<!-- a --!> ->]</script>");
  EXPECT_EQ(tokens("<script><!--<scripts></script>q"), "<script>T[<!--<scripts>]</script>T[q]");
  EXPECT_EQ(tokens("<script><!--<script></script >-></script>q"), "<script>T[<!--<script></script >->]</script>T[q]");
  EXPECT_EQ(tokens("<script><!--<script>--></script>"), "<script>T[<!--<script>-->]</script>");
  EXPECT_EQ(tokens("<script>a</script"), "<script>T[a</script]");
  EXPECT_EQ(tokens("<script><!--"), "<script>T[<!--]");
}

TEST(HtmlTokenizer, CdataSectionsOnlyInForeignContent) {
  EXPECT_EQ(tokens("<svg><![CDATA[a<b]]]>c</svg>"), "<svg>T[a<b]c]</svg>");
  EXPECT_EQ(tokens("<![CDATA[x]]>"), "C[[CDATA[x]]]");
  EXPECT_EQ(tokens("<math><![CDATA[]]></math>"), "<math></math>");
  EXPECT_EQ(tokens("<svg><![CDATA[a]]x]"), "<svg>T[a]]x]]");
  EXPECT_EQ(tokens("<svg><![cdata[x]]>"), "<svg>C[[cdata[x]]]");
}

TEST(HtmlTokenizer, NulBytes) {
  // Dropped in text (the tree builder ignores them), U+FFFD in names, values and raw text.
  EXPECT_EQ(tokens(std::string("a\0b<p\0q x\0=\"\0\">", 16)), "T[ab]<p\xEF\xBF\xBDq x\xEF\xBF\xBD=\"\xEF\xBF\xBD\">");
  EXPECT_EQ(tokens(std::string("<script>\0</script>", 18)), "<script>T[\xEF\xBF\xBD]</script>");
  EXPECT_EQ(tokens(std::string("<!--\0-->", 8)), "C[\xEF\xBF\xBD]");
}

TEST(HtmlTokenizer, EndOfFileInsideConstructs) {
  EXPECT_EQ(tokens("a<"), "T[a<]");
  EXPECT_EQ(tokens("a</"), "T[a</]");
  EXPECT_EQ(tokens("a<b"), "T[a]");              // inside a tag: the tag is dropped
  EXPECT_EQ(tokens("a<b c=\"d"), "T[a]");
  EXPECT_EQ(tokens("a<b c='d&amp"), "T[a]");
  EXPECT_EQ(tokens("a<b/"), "T[a]");
  EXPECT_EQ(tokens("x &am"), "T[x &am]");
  EXPECT_EQ(tokens("x &#x4"), "T[x \x04]");
  EXPECT_EQ(tokens("<!-"), "C[-]");
  EXPECT_EQ(tokens("<!DOCTY"), "C[DOCTY]");
  EXPECT_EQ(tokens("<svg><![CDATA[a]"), "<svg>T[a]]");
  EXPECT_EQ(tokens("a < b, a <3"), "T[a < b, a <3]");
}

TEST(HtmlTokenizer, LongTextIsCutAtTheSamePlacesHoweverItIsFed) {
  std::string in = "<p>";
  for (int i = 0; i < 30000; ++i) in += "word \xC3\xA9t\xC3\xA9 ";  // > 200 KB with 2-byte characters
  in += "</p>";
  const std::string whole = tokens(in);
  EXPECT_GT(std::count(whole.begin(), whole.end(), '['), 3);  // cut into several text tokens
  std::vector<std::size_t> cuts;
  for (std::size_t i = 7; i < in.size(); i += 7) cuts.push_back(i);
  EXPECT_EQ(tokens(in, cuts), whole);
  EXPECT_TRUE(quarry::detail::is_valid_utf8(whole));
}

TEST(HtmlTokenizer, StopEndsTokenizing) {
  struct stopper final : html::token_sink {
    html::tokenizer* tok = nullptr;
    int tags = 0;
    void on_text(std::string_view) override {}
    html::text_mode on_start_tag(const html::tag_view&) override {
      if (++tags == 2) tok->stop();
      return html::text_mode::data;
    }
    void on_end_tag(const html::tag_view&) override {}
  } s;
  html::tokenizer t(s);
  s.tok = &t;
  t.feed("<a><b><c><d>");
  t.finish();
  EXPECT_EQ(s.tags, 2);
}

// ---- resumable feeding -------------------------------------------------------------------------------------

TEST(HtmlResumable, TokenizerCasesSplitAtEveryByte) {
  for (const std::string& in : tokenizer_cases()) {
    SCOPED_TRACE(in);
    const std::string whole = tokens(in);
    for (std::size_t cut = 1; cut < in.size(); ++cut) ASSERT_EQ(tokens(in, {cut}), whole) << "cut at " << cut;
    EXPECT_EQ(tokens_bytewise(in), whole);
  }
}

TEST(HtmlResumable, GoldenDocumentsSplitAtEveryByte) {
  const auto files = golden_inputs();
  ASSERT_GE(files.size(), 8u);
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    const std::string in = golden_utf8(f);
    const std::string whole_tokens = tokens(in);
    const std::string whole_text = pipeline(in, {}, false);
    const std::string whole_md = pipeline(in, {}, true);
    for (std::size_t cut = 1; cut < in.size(); ++cut) {
      ASSERT_EQ(tokens(in, {cut}), whole_tokens) << "cut at " << cut;
      ASSERT_EQ(pipeline(in, {cut}, false), whole_text) << "cut at " << cut;
    }
    std::vector<std::size_t> all;
    for (std::size_t i = 1; i < in.size(); ++i) all.push_back(i);
    EXPECT_EQ(tokens(in, all), whole_tokens);
    EXPECT_EQ(pipeline(in, all, true), whole_md);
  }
}

TEST(HtmlResumable, RandomSplitsMatchTheLibraryResult) {
  std::mt19937 rng(1234);
  for (const auto& f : golden_inputs()) {
    SCOPED_TRACE(f.filename().string());
    const std::string in = golden_utf8(f);
    const std::string whole = pipeline(in, {}, true);
    for (int round = 0; round < 50; ++round) {
      std::vector<std::size_t> cuts;
      const int n = 1 + static_cast<int>(rng() % 40);
      for (int k = 0; k < n; ++k) cuts.push_back(rng() % in.size());
      std::sort(cuts.begin(), cuts.end());
      ASSERT_EQ(pipeline(in, cuts, true), whole);
    }
    if (f.filename() != "legacy-1252.html") {
      // The pipeline fed whole is exactly what quarry::extract produces.
      const std::string content = whole.substr(0, whole.find("\n==tables==\n"));
      EXPECT_EQ(md(in), content);
    }
  }
}

// ---- text and blocks -------------------------------------------------------------------------------------

TEST(Html, BlocksSeparateAndInlinesFlow) {
  EXPECT_EQ(text("<p>One</p><p>Two</p>"), "One\n\nTwo");
  EXPECT_EQ(text("<div>a</div><div>b</div>"), "a\nb");
  EXPECT_EQ(text("<span>a</span><span>b</span> <b>c</b>d"), "ab cd");
  EXPECT_EQ(text("a<br>b<br><br>c"), "a\nb\n\nc");
  EXPECT_EQ(text("long<wbr>word"), "longword");
  EXPECT_EQ(text("<p>  lots   of\n\t white   space  </p>"), "lots of white space");
  EXPECT_EQ(text("x<hr>y"), "x\n\ny");
  EXPECT_EQ(md("x<hr>y"), "x\n\n---\n\ny");
  // Links side by side are menu items: their words do not run together.
  EXPECT_EQ(text("<a href=1>Docs</a><a href=2>API</a>"), "Docs API");
  EXPECT_EQ(text("see<img alt=\"a chart\" src=c.png>here"), "see a chart here");
  EXPECT_EQ(text("<button>OK</button><button>Cancel</button>"), "OK Cancel");
}

TEST(Html, ImpliedEndTags) {
  EXPECT_EQ(text("<p>a<div>b</div>c"), "a\n\nb\nc");
  EXPECT_EQ(text("<p>a<p>b<ul><li>c</ul>"), "a\n\nb\n\n- c");
  EXPECT_EQ(text("<ul><li>one<li>two<li>three</ul>"), "- one\n- two\n- three");
  EXPECT_EQ(text("<ul><li>a<ul><li>b<li>c</ul><li>d</ul>"), "- a\n  - b\n  - c\n- d");
  EXPECT_EQ(text("<dl><dt>t1<dd>d1<dt>t2<dd>d2</dl>"), "t1\nd1\n\nt2\nd2");
  EXPECT_EQ(text("<select><option>a<option>b<optgroup label=g><option>c</select>"), "a\nb\nc");
  EXPECT_EQ(text("<table><tr><td>a<td>b<tr><td>c<td>d</table>"), "a\tb\nc\td");
  EXPECT_EQ(text("<b>bold <i>both"), "bold both");
  EXPECT_EQ(text("</div></span>text</b>"), "text");
  EXPECT_EQ(text("a</p>b"), "a\n\nb");  // a lone </p> is an empty paragraph
  EXPECT_EQ(text("<div><span>a</div>b"), "a\nb");
  EXPECT_EQ(text("<h1>a<h2>b</h2>"), "a\n\nb");
  EXPECT_EQ(md("<h1>a<h2>b</h2>"), "# a\n\n## b");
  EXPECT_EQ(md("<h2>Title<p>Body text"), "## Title\n\nBody text");
  EXPECT_EQ(md("<h2><div>Title</div></h2>x"), "## Title\n\nx");
  EXPECT_EQ(md("<a href=1>x<a href=2>y</a>"), "[x](1)[y](2)");
  EXPECT_EQ(md("<b>bold <i>both</b> italic</i> plain"), "**bold *both*** *italic* plain");
  EXPECT_EQ(text("<ul><li>a<div>b</li><li>c</ul>"), "- a\n  b\n- c");
}

TEST(Html, HiddenContentIsDropped) {
  EXPECT_EQ(text("<head><title>T</title><style>p{}</style><script>x()</script></head><body>shown"), "shown");
  EXPECT_EQ(text("a<template><p>t</p></template>b"), "ab");
  EXPECT_EQ(text("<p hidden>x</p><p hidden=until-found>y</p>"), "y");
  EXPECT_EQ(text("<span aria-hidden=\"true\">x</span><span aria-hidden=false>y</span>"), "y");
  EXPECT_EQ(text("<div style=\"color:red; DISPLAY : None !important\">x</div><div style=\"display:block\">y</div>"), "y");
  EXPECT_EQ(text("<div style=\"visibility: hidden\">x</div><div style=visibility:visible>y</div>"), "y");
  EXPECT_EQ(text("<nav><a href=/>Home</a></nav><div role=navigation>menu</div>body"), "body");
  EXPECT_EQ(text("<noscript>enable js</noscript><iframe>frame</iframe>ok"), "ok");
  EXPECT_EQ(text("<svg><title>icon</title><text>t</text></svg>ok"), "ok");
  EXPECT_EQ(text("<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>"), "漢");
  EXPECT_EQ(text("<dialog>closed</dialog><dialog open>open</dialog>"), "open");
  EXPECT_EQ(text("<video>Your browser cannot play this</video><canvas>fallback</canvas>ok"), "ok");
  EXPECT_EQ(text("<div hidden><script>a</script><p>b</p></div>c"), "c");
  // Math is content; its annotations repeat it.
  EXPECT_EQ(text("<math><mi>x</mi><mo>=</mo><mn>1</mn><annotation>x=1</annotation></math>"), "x=1");
}

TEST(Html, HeadingsListsAndQuotesInMarkdown) {
  EXPECT_EQ(md("<h1>A</h1><h3>B <em>c</em></h3><p>t</p>"), "# A\n\n### B *c*\n\nt");
  EXPECT_EQ(md("<ol start=\"7\"><li>a<li>b</ol>"), "7. a\n8. b");
  EXPECT_EQ(md("<ol start=-1><li>a<li>b</ol>"), "-1. a\n0. b");
  EXPECT_EQ(md("<ul><li><p>loose</p></li></ul>"), "- loose");
  EXPECT_EQ(md("<blockquote><p>q</p></blockquote>after"), "> q\n\nafter");
  EXPECT_EQ(md("before<blockquote>a<blockquote>b</blockquote></blockquote>"), "before\n\n> a\n>\n> > b");
  EXPECT_EQ(md("<p><strong>s</strong> <em>e</em> <code>c</code> <del>d</del> <s>s</s> <kbd>k</kbd></p>"),
            "**s** *e* `c` ~~d~~ ~~s~~ `k`");
  EXPECT_EQ(md("<b>x<b>y</b>z</b>"), "**xyz**");
  EXPECT_EQ(md("<dl><dt>Term<dd>Def</dl>"), "**Term**\\\nDef");
  EXPECT_EQ(md("<h2>a<br>b</h2>"), "## a b");
}

TEST(Html, LinksAndImagesInMarkdown) {
  EXPECT_EQ(md("<a href=\" /a b(c) \">x</a>"), "[x](/a%20b%28c%29)");
  EXPECT_EQ(md("<a href=\"javascript:void(0)\">x</a> <a>y</a> <a href=\"\">z</a>"), "x y z");
  EXPECT_EQ(md("<a href=/u><div>Title</div><div>Desc</div></a>"), "[Title](/u)\n[Desc](/u)");
  EXPECT_EQ(md("<img src=a.png alt=\"A [cat]\">"), "![A \\[cat\\]](a.png)");
  EXPECT_EQ(md("<img src=a.png alt=\"\">x"), "x");               // decorative
  EXPECT_EQ(md("<img src=a.png>"), "![](a.png)");                  // no alt at all: still an image
  EXPECT_EQ(md("<img src=\"data:image/png;base64,AAAA\" alt=inline>"), "inline");
  EXPECT_EQ(md("<img src=\"data:,\" data-src=\"real.jpg\" alt=lazy>"), "![lazy](real.jpg)");
  EXPECT_EQ(md("<a href=/p><img src=i.png alt=pic></a>"), "[![pic](i.png)](/p)");
  EXPECT_EQ(text("<img src=a.png>"), "");
}

TEST(Html, PreformattedText) {
  // The first newline after <pre> goes; other whitespace stays.
  EXPECT_EQ(text("<pre>\n  a\n    b\n</pre>"), "  a\n    b");
  EXPECT_EQ(text("<pre>\r\nx\r\ny\rz</pre>"), "x\ny\nz");
  EXPECT_EQ(text("<p>t</p><pre>a  b\n\n\nc</pre><p>u</p>"), "t\n\na  b\n\n\nc\n\nu");
  EXPECT_EQ(md("<pre><code class=\"language-c++ x\">int x;\n</code></pre>"), "```c++\nint x;\n```");
  EXPECT_EQ(md("<pre class=\"lang-js\">a<b>*b*</b><br>c</pre>"), "```js\na*b*\nc\n```");
  EXPECT_EQ(md("<pre>  </pre>x"), "x");
  EXPECT_EQ(md("<b>bold<pre>code</pre>more</b>"), "**bold**\n\n```\ncode\n```\n\n**more**");
  EXPECT_EQ(text("<listing>\nl</listing><xmp><b>x</b></xmp>"), "l\n\n<b>x</b>");
  EXPECT_EQ(text("<textarea>\n  keep\n  words</textarea>"), "keep words");
}

TEST(Html, Tables) {
  auto d = extract_doc("<table><tr><th>A</th><th>B</th></tr><tr><td> 1 </td><td>2</td></tr></table>");
  EXPECT_EQ(d.content, "A\tB\n1\t2");
  ASSERT_EQ(d.tables.size(), 1u);
  EXPECT_EQ(d.tables[0].cells, (std::vector<std::vector<std::string>>{{"A", "B"}, {"1", "2"}}));
  EXPECT_EQ(d.tables[0].markdown, "| A | B |\n| --- | --- |\n| 1 | 2 |");

  // colspan pads with empty cells; rowspan keeps the columns below aligned.
  d = extract_doc("<table><tr><th colspan=2>AB</th><th>C</th></tr>"
                  "<tr><td rowspan=2>x</td><td>y</td><td>z</td></tr><tr><td>y2</td><td>z2</td></tr></table>");
  ASSERT_EQ(d.tables.size(), 1u);
  EXPECT_EQ(d.tables[0].cells,
            (std::vector<std::vector<std::string>>{{"AB", "", "C"}, {"x", "y", "z"}, {"", "y2", "z2"}}));

  // Nested: the inner table's text is in the outer cell, and the inner table is reported too.
  d = extract_doc("<table><tr><td>outer</td><td><table><tr><td>i1</td><td>i2</td></tr><tr><td>i3</td><td>i4</td></tr>"
                  "</table></td></tr></table>");
  EXPECT_EQ(d.content, "outer\ti1 i2 i3 i4");
  ASSERT_EQ(d.tables.size(), 2u);
  EXPECT_EQ(d.tables[0].cells, (std::vector<std::vector<std::string>>{{"i1", "i2"}, {"i3", "i4"}}));
  EXPECT_EQ(d.tables[1].cells, (std::vector<std::vector<std::string>>{{"outer", "i1 i2 i3 i4"}}));

  // A one-cell table is a layout box; an empty table is nothing.
  d = extract_doc("<p>a</p><table><tr><td><p>in a box</p></td></tr></table><table><tr><td> </td></tr></table><p>b</p>");
  EXPECT_EQ(d.content, "a\n\nin a box\n\nb");
  EXPECT_TRUE(d.tables.empty());

  // Cell content is flattened; captions and stray text come before the table.
  EXPECT_EQ(text("<table><caption>Cap</caption><tr><td><ul><li>x<li>y</ul></td><td>a<br>b</td></tr>"
                 "<tr><td>c</td><td>d</td></tr></table>"),
            "Cap\n\nx y\ta b\nc\td");
  EXPECT_EQ(text("<table>stray<tr><td>a</td><td>b</td></tr></table>"), "stray\n\na\tb");
  EXPECT_EQ(md("<table><tr><td>a|b</td><td>*c*</td></tr><tr><td>1</td><td>2</td></tr></table>"),
            "| a\\|b | \\*c\\* |\n| --- | --- |\n| 1 | 2 |");
  // tr/td outside a table are ignored, their text kept.
  EXPECT_EQ(text("<tr><td>loose</td></tr> cells"), "loose cells");
  // A table straight inside a table closes the first.
  d = extract_doc("<table><tr><td>a</td><td>b</td></tr><table><tr><td>c</td><td>d</td></tr></table>");
  EXPECT_EQ(d.tables.size(), 2u);
  quarry::options no_tables;
  no_tables.extract_tables = false;
  d = extract_doc("<table><tr><td>a</td><td>b</td></tr></table>", false, no_tables);
  EXPECT_EQ(d.content, "a\tb");
  EXPECT_TRUE(d.tables.empty());
}

TEST(Html, Metadata) {
  const auto d = extract_doc(
      "<html lang=\"de-AT\"><head><title>\n  The   Title </title><title>second</title>"
      "<meta name=description content=\" A  page. \">"
      "<meta name=\"keywords\" content=\"alpha, beta ,,gamma \">"
      "<meta name=author content=\"Ann\"><meta name=author content=\"Bob\">"
      "<link rel=\"alternate CANONICAL\" href=\"https://x.test/a\">"
      "<meta property=\"og:title\" content=\"OG title\"><meta property=\"og:image:secure_url\" content=\"https://i\">"
      "<meta property=og:site_name content=Site><meta name=\"twitter:card\" content=\"summary\">"
      "<meta property=\"article:published_time\" content=\"2024-01-02\"><meta name=generator content=\"Gen 1\">"
      "</head><body>x</body></html>");
  const quarry::value& m = d.metadata;
  ASSERT_NE(m.find("title"), nullptr);
  EXPECT_EQ(m.find("title")->as_string(), "The Title");
  EXPECT_EQ(m.find("description")->as_string(), "A page.");
  ASSERT_NE(m.find("keywords"), nullptr);
  ASSERT_EQ(m.find("keywords")->size(), 3u);
  EXPECT_EQ(m.find("keywords")->items()[1].as_string(), "beta");
  EXPECT_EQ(m.find("author")->as_string(), "Ann");
  EXPECT_EQ(m.find("authors")->size(), 2u);
  EXPECT_EQ(m.find("language")->as_string(), "de-AT");
  EXPECT_EQ(m.find("canonical")->as_string(), "https://x.test/a");
  EXPECT_EQ(m.find("generator")->as_string(), "Gen 1");
  EXPECT_EQ(m.find("createdAt")->as_string(), "2024-01-02");
  const quarry::value* og = m.find("openGraph");
  ASSERT_NE(og, nullptr);
  EXPECT_EQ(og->find("title")->as_string(), "OG title");
  EXPECT_EQ(og->find("imageSecureUrl")->as_string(), "https://i");
  EXPECT_EQ(og->find("siteName")->as_string(), "Site");
  ASSERT_NE(m.find("twitter"), nullptr);
  EXPECT_EQ(m.find("twitter")->find("card")->as_string(), "summary");
  EXPECT_EQ(m.find("charset")->as_string(), "utf-8");
  EXPECT_EQ(d.content, "x");
  // An unclosed title takes the rest of the document, as in browsers.
  EXPECT_EQ(extract_doc("<title>a <b>c").metadata.find("title")->as_string(), "a <b>c");
  EXPECT_EQ(extract_doc("<p>no head</p>").metadata.find("title"), nullptr);
  EXPECT_EQ(extract_doc("<meta http-equiv=content-language content=fr>").metadata.find("language")->as_string(), "fr");
}

// ---- charsets ------------------------------------------------------------------------------------------

TEST(HtmlCharset, Prescan) {
  EXPECT_EQ(html::prescan_meta_charset("<meta charset=\"ISO-8859-1\">"), "iso-8859-1");
  EXPECT_EQ(html::prescan_meta_charset("<META CHARSET=utf-8/>"), "utf-8/");  // an unknown label
  EXPECT_EQ(html::prescan_meta_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"),
            "windows-1252");
  // content= without http-equiv does not count; a comment hides a declaration.
  EXPECT_EQ(html::prescan_meta_charset("<meta content=\"text/html; charset=latin1\">"), "");
  EXPECT_EQ(html::prescan_meta_charset("<!-- <meta charset=latin1> --><meta charset=utf-8>"), "utf-8");
  EXPECT_EQ(html::prescan_meta_charset(std::string(1100, ' ') + "<meta charset=latin1>"), "");
  EXPECT_EQ(html::charset_from_content("text/html;charset = 'koi8-r'"), "koi8-r");
  EXPECT_EQ(html::charset_from_content("charset"), "");
}

TEST(HtmlCharset, Detection) {
  // Undeclared, not UTF-8: Windows-1252.
  auto d = extract_doc("<p>caf\xE9 \x93ok\x94 \x80</p>");
  EXPECT_EQ(d.content, "caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xE2\x82\xAC");
  EXPECT_EQ(d.metadata.find("charset")->as_string(), "windows-1252");
  EXPECT_TRUE(d.warnings.empty());
  // Declared Windows-1252 wins over bytes that happen to be valid UTF-8.
  d = extract_doc("<meta charset=windows-1252><p>\xC3\xA9</p>");
  EXPECT_EQ(d.content, "\xC3\x83\xC2\xA9");
  d = extract_doc("<meta http-equiv=Content-Type content=\"text/html; charset=ISO-8859-1\"><p>\xE9</p>");
  EXPECT_EQ(d.content, "\xC3\xA9");
  // UTF-8 BOM; UTF-16 with and without BOM.
  d = extract_doc("\xEF\xBB\xBF<p>\xC3\xA9</p>");
  EXPECT_EQ(d.content, "\xC3\xA9");
  auto utf16 = [](std::string_view ascii, bool le, bool bom) {
    std::string s = bom ? (le ? "\xFF\xFE" : "\xFE\xFF") : "";
    for (char c : ascii) {
      if (le) { s += c; s += '\0'; } else { s += '\0'; s += c; }
    }
    return s;
  };
  d = extract_doc(utf16("<p>Hello</p><p>UTF-16</p>", true, true));
  EXPECT_EQ(d.content, "Hello\n\nUTF-16");
  EXPECT_EQ(d.metadata.find("charset")->as_string(), "utf-16le");
  EXPECT_EQ(extract_doc(utf16("<p>big endian</p>", false, true)).content, "big endian");
  EXPECT_EQ(extract_doc(utf16("<html><body><p>no bom here</p></body></html>", true, false)).content, "no bom here");
  // Declared UTF-8 with invalid bytes: U+FFFD and one warning.
  d = extract_doc("<meta charset=utf-8><p>a\xFF" "b\xC3</p><p>\xE2\x82</p>");
  EXPECT_EQ(d.content, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\n\n\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(d.warnings.size(), 1u);
  EXPECT_TRUE(has_warning(d, "invalid_utf8"));
  // A charset we cannot decode: a warning, and the usual guess.
  d = extract_doc("<meta charset=shift_jis><p>x</p>");
  EXPECT_EQ(d.content, "x");
  EXPECT_TRUE(has_warning(d, "unsupported_charset"));
  // Single-byte code pages beyond Windows-1252.
  d = extract_doc("<meta charset=windows-1251><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>");
  EXPECT_EQ(d.content, "Привет");
  EXPECT_EQ(d.metadata.find("charset")->as_string(), "windows-1251");
  EXPECT_EQ(extract_doc("<meta http-equiv=Content-Type content='text/html; charset=iso-8859-2'><p>\xB3\xF3" "d\xBC</p>").content,
            "łódź");
  // A meta charset declaring UTF-16 in an ASCII-compatible document means UTF-8.
  EXPECT_EQ(extract_doc("<meta charset=utf-16><p>\xC3\xA9</p>").content, "\xC3\xA9");
}

// ---- hostile and broken input ----------------------------------------------------------------------------

TEST(HtmlBadInput, EmptyAndTrivial) {
  EXPECT_EQ(text(""), "");
  EXPECT_EQ(text("   \n "), "");
  EXPECT_EQ(text("just text"), "just text");
  EXPECT_EQ(text("<"), "<");
  EXPECT_EQ(text("&"), "&");
}

TEST(HtmlBadInput, DeepNestingIsFlattenedWithOneWarning) {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string open : {"<div>", "<b>", "<ul><li>", "<table><tr><td>", "<blockquote>", "<svg>",
                                 "<span>", "<x-y>", "<q>", "<pre>", "<em>", "<dl><dd>", "<ol><li><p>"}) {
    SCOPED_TRACE(open);
    std::string in;
    in.reserve(open.size() * 100000 + 16);
    for (int i = 0; i < 100000; ++i) in += open;
    in += "deep";
    const auto d = extract_doc(in, open == "<b>" || open == "<blockquote>" || open == "<ul><li>");
    if (open != "<svg>") {
      EXPECT_NE(d.content.find("deep"), std::string::npos);  // svg content is hidden
    }
    // Deep lists and quotes are not indented without bound: the output stays near the input's size.
    EXPECT_LT(d.content.size(), in.size());
    EXPECT_TRUE(has_warning(d, "max_depth"));
    std::size_t depth_warnings = 0;
    for (const auto& w : d.warnings) depth_warnings += w.code == "max_depth";
    EXPECT_EQ(depth_warnings, 1u);
  }
  // Closed again, the document goes on normally.
  std::string in;
  for (int i = 0; i < 100000; ++i) in += "<div>";
  in += "x";
  for (int i = 0; i < 100000; ++i) in += "</div>";
  in += "<p>after</p>";
  EXPECT_EQ(text(in), "x\n\nafter");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);
}

TEST(HtmlBadInput, HiddenRawTextBeyondTheDepthLimitStaysHidden) {
  quarry::options opts;
  opts.limits.max_depth = 4;
  const auto d = extract_doc("<div><div><div><div><script>secret()</script><style>p{}</style>shown</div></div></div></div>",
                             false, opts);
  EXPECT_EQ(d.content, "shown");
  EXPECT_TRUE(has_warning(d, "max_depth"));
}

TEST(HtmlBadInput, UnclosedAndTruncated) {
  EXPECT_EQ(text("<html><body><div><p><b><i><ul><li>x"), "- x");
  EXPECT_EQ(text("<p>a<b c=\"d"), "a");
  EXPECT_EQ(text("<p>a<!-- never closed"), "a");
  EXPECT_EQ(text("<p>a &am"), "a &am");
  EXPECT_EQ(text("<p>a &#x2"), "a \x02");
  EXPECT_EQ(text("<p>a</p"), "a");
  EXPECT_EQ(text("<script>never closed"), "");
  EXPECT_EQ(text("<table><tr><td>a<td>b"), "a\tb");
  EXPECT_EQ(text("<pre>code"), "code");
  for (std::size_t n = 0; n < 200; ++n) {
    const std::string in = std::string("<!DOCTYPE html><p class=\"x\">A &amp; B<!-- c --><table><tr><td>1</td></tr></table>")
                               .substr(0, n);
    (void)extract_doc(in);  // every prefix extracts
  }
}

TEST(HtmlBadInput, NulBytesAndControlCharacters) {
  const std::string in("<p>a\0b</p><p\0>c</p>\0\x01", 20);
  const auto d = extract_doc(in);
  EXPECT_EQ(d.content.find('\0'), std::string::npos);
  EXPECT_NE(d.content.find("ab"), std::string::npos);
}

TEST(HtmlBadInput, RandomBytes) {
  std::mt19937 rng(42);
  std::string in(2 << 20, '\0');
  for (char& c : in) c = static_cast<char>(rng());
  // Sprinkle markup so the tree builder gets work too.
  static const char* bits[] = {"<div>", "</div>", "<table>", "<td>", "<!--", "-->", "&amp;", "<script>", "<pre>", "<svg>"};
  for (std::size_t i = 0; i < in.size(); i += 97) {
    const std::string_view b = bits[rng() % 10];
    if (i + b.size() < in.size()) in.replace(i, b.size(), b);
  }
  for (bool markdown : {false, true}) {
    const auto d = extract_doc(in, markdown);
    EXPECT_TRUE(quarry::detail::is_valid_utf8(d.content));
  }
}

TEST(HtmlBadInput, HugeAttributesAndSpans) {
  std::string in = "<a ";
  for (int i = 0; i < 5000; ++i) {
    in += 'a';
    in += std::to_string(i);
    in += "=1 ";
  }
  in += "title=\"" + std::string(1 << 20, 'x') + "\">link</a>";
  EXPECT_EQ(text(in), "link");
  // colspan/rowspan bombs stay bounded.
  std::string t = "<table>";
  for (int i = 0; i < 20000; ++i) t += "<tr><td colspan=1000 rowspan=65534>x";
  t += "</table>";
  const auto d = extract_doc(t);
  EXPECT_FALSE(d.content.empty());
}

TEST(HtmlBadInput, LongRunsAndDeepTablesStayLinear) {
  // A megabyte of text after a reference (so it is copied) and tables nested 300 deep around it.
  std::string in;
  for (int i = 0; i < 300; ++i) in += "<table><tr><td>x</td><td>";
  in += "&amp;" + std::string(4 << 20, 'w');
  const auto start = std::chrono::steady_clock::now();
  const auto d = extract_doc(in);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 10.0);
  EXPECT_LE(d.tables.size(), 8u);
  std::size_t table_bytes = 0;
  for (const auto& t : d.tables) table_bytes += t.markdown.size();
  EXPECT_LT(table_bytes, 10u * in.size());
}

TEST(HtmlBadInput, LimitsAreEnforced) {
  quarry::options opts;
  opts.limits.max_entries = 100;
  std::string in;
  for (int i = 0; i < 200; ++i) in += "<p>x</p>";
  auto r = quarry::extract(std::as_bytes(std::span(in.data(), in.size())), "text/html", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);

  quarry::options small;
  small.limits.max_output_bytes = 1000;
  std::string big;
  for (int i = 0; i < 1000; ++i) big += "<p>some words here</p>";
  r = quarry::extract(std::as_bytes(std::span(big.data(), big.size())), "text/html", small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(HtmlBadInput, SinkCanStopEarly) {
  struct first_piece final : quarry::sink {
    std::size_t calls = 0, bytes = 0;
    bool on_content(std::string_view t) override {
      ++calls;
      bytes += t.size();
      return false;
    }
  } s;
  std::string in;
  for (int i = 0; i < 20000; ++i) in += "<p>paragraph number " + std::to_string(i) + "</p>";
  auto r = quarry::extract(std::as_bytes(std::span(in.data(), in.size())), "text/html", {}, s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.calls, 1u);
  EXPECT_LT(s.bytes, in.size() / 2);
}

// ---- the element table ----------------------------------------------------------------------------------

TEST(HtmlElements, LookupFindsEveryNameAndNothingElse) {
  for (std::uint16_t t = 1; t < static_cast<std::uint16_t>(html::tag::count_); ++t) {
    const auto& inf = html::info(static_cast<html::tag>(t));
    EXPECT_EQ(html::lookup_tag(inf.name), static_cast<html::tag>(t)) << inf.name;
  }
  EXPECT_EQ(html::lookup_tag("DIV"), html::tag::unknown);  // the tokenizer lower-cases first
  EXPECT_EQ(html::lookup_tag("my-element"), html::tag::unknown);
  EXPECT_EQ(html::lookup_tag(""), html::tag::unknown);
  EXPECT_EQ(html::lookup_tag("annotation-xmlx"), html::tag::unknown);
  EXPECT_EQ(html::info(html::tag::script).mode, html::text_mode::script_data);
  EXPECT_TRUE(html::info(html::tag::br).flags & html::el_void);
}
