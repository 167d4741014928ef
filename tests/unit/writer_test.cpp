// The result builder: how every writer event renders in plain text and in Markdown, how the output
// limit and an early-stopping sink end an extraction, and how content reaches the sink.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "core/document_sink.hpp"
#include "core/utf8.hpp"
#include "core/writer.hpp"
#include "quarry/quarry.hpp"

using quarry::detail::span_kind;
using quarry::detail::writer;

namespace {

// Records everything the writer hands to a sink, piece by piece.
class recording_sink final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    pieces.emplace_back(text);
    content.append(text);
    return stop_after_pieces == 0 || pieces.size() < stop_after_pieces;
  }
  void on_page_end(std::uint32_t page_number) override { page_ends.push_back({page_number, content.size()}); }
  void on_table(quarry::table&& t) override { tables.push_back(std::move(t)); }
  void on_metadata(std::string_view key, quarry::value&& v) override { metadata.set(key, std::move(v)); }
  void on_warning(quarry::warning&& w) override { warnings.push_back(std::move(w)); }

  std::size_t stop_after_pieces = 0;  // 0: never stop
  std::vector<std::string> pieces;
  std::string content;
  std::vector<std::pair<std::uint32_t, std::size_t>> page_ends;
  std::vector<quarry::table> tables;
  quarry::value metadata = quarry::value::object();
  std::vector<quarry::warning> warnings;
};

// Runs `events` against a fresh writer and returns the content; fails the test on a writer error.
std::string render(const std::function<void(writer&)>& events, bool markdown, quarry::options opts = {}) {
  opts.format = markdown ? quarry::output_format::markdown : quarry::output_format::plain;
  recording_sink sink;
  writer w(sink, opts);
  events(w);
  const quarry::status st = w.finish();
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.err().detail);
  return sink.content;
}

std::string plain(const std::function<void(writer&)>& events) { return render(events, false); }
std::string md(const std::function<void(writer&)>& events) { return render(events, true); }

// One paragraph of collapsed text, as an HTML extractor would write it.
void para(writer& w, std::string_view s) {
  w.paragraph();
  w.text_collapsed(s);
}

}  // namespace

// ---- blocks -------------------------------------------------------------------------------------

TEST(Writer, ParagraphsAreSeparatedByOneBlankLine) {
  auto events = [](writer& w) {
    para(w, "one");
    para(w, "two");
    w.paragraph();
    w.paragraph();  // repeated boundaries do not add blank lines
    para(w, "three");
  };
  EXPECT_EQ(plain(events), "one\n\ntwo\n\nthree");
  EXPECT_EQ(md(events), "one\n\ntwo\n\nthree");
}

TEST(Writer, NothingBeforeTheFirstTextNorAfterTheLast) {
  auto events = [](writer& w) {
    w.paragraph();
    w.new_line();
    w.line_break();
    w.space();
    w.text_collapsed("  \n\t word \n ");
    w.space();
    w.paragraph();
    w.line_break();
  };
  EXPECT_EQ(plain(events), "word");
  EXPECT_EQ(md(events), "word");
}

TEST(Writer, NewLineIsASoftBoundary) {
  auto events = [](writer& w) {
    w.text_collapsed("a");
    w.new_line();
    w.new_line();
    w.text_collapsed("b");
  };
  EXPECT_EQ(plain(events), "a\nb");
  EXPECT_EQ(md(events), "a\nb");
}

TEST(Writer, OneLineBreakStartsALine) {
  auto events = [](writer& w) {
    w.text_collapsed("a ");
    w.line_break();
    w.text_collapsed(" b");
  };
  EXPECT_EQ(plain(events), "a\nb");
  EXPECT_EQ(md(events), "a\\\nb");  // CommonMark hard line break
}

TEST(Writer, TwoLineBreaksLeaveABlankLine) {
  auto events = [](writer& w) {
    w.text_collapsed("a");
    w.line_break();
    w.line_break();
    w.line_break();  // no more than one blank line
    w.text_collapsed("b");
  };
  EXPECT_EQ(plain(events), "a\n\nb");
  // A backslash before a blank line would be a literal backslash in Markdown.
  EXPECT_EQ(md(events), "a\n\nb");
}

TEST(Writer, LineBreakAtTheEndLeavesNoMark) {
  auto events = [](writer& w) {
    w.text_collapsed("a");
    w.line_break();
  };
  EXPECT_EQ(md(events), "a");
  auto before_paragraph = [](writer& w) {
    w.text_collapsed("a");
    w.line_break();
    para(w, "b");
  };
  EXPECT_EQ(md(before_paragraph), "a\n\nb");
}

TEST(Writer, Headings) {
  auto events = [](writer& w) {
    para(w, "intro");
    w.begin_heading(2);
    w.text_collapsed(" Title  here ");
    w.end_heading();
    w.text_collapsed("body");
    w.begin_heading(0);  // clamped to 1
    w.text_collapsed("Top");
    w.end_heading();
    w.begin_heading(9);  // clamped to 6
    w.text_collapsed("Deep");
    w.end_heading();
    w.begin_heading(3);  // an empty heading leaves nothing
    w.end_heading();
  };
  EXPECT_EQ(plain(events), "intro\n\nTitle here\n\nbody\n\nTop\n\nDeep");
  EXPECT_EQ(md(events), "intro\n\n## Title here\n\nbody\n\n# Top\n\n###### Deep");
}

TEST(Writer, HeadingWithInlineMarkup) {
  auto events = [](writer& w) {
    w.begin_heading(1);
    w.begin_span(span_kind::emphasis);
    w.text_collapsed("Big");
    w.end_span(span_kind::emphasis);
    w.text_collapsed(" news");
    w.end_heading();
  };
  EXPECT_EQ(md(events), "# *Big* news");
  EXPECT_EQ(plain(events), "Big news");
}

TEST(Writer, UnorderedList) {
  auto events = [](writer& w) {
    para(w, "before");
    w.begin_list(false);
    w.begin_item();
    w.text_collapsed("one");
    w.end_item();
    w.begin_item();
    w.text_collapsed("two");
    w.end_item();
    w.end_list();
    para(w, "after");
  };
  EXPECT_EQ(plain(events), "before\n\n- one\n- two\n\nafter");
  EXPECT_EQ(md(events), "before\n\n- one\n- two\n\nafter");
}

TEST(Writer, OrderedListCountsFromStart) {
  auto events = [](writer& w) {
    w.begin_list(true, 9);
    for (const char* s : {"nine", "ten", "eleven"}) {
      w.begin_item();
      w.text_collapsed(s);
      w.end_item();
    }
    w.end_list();
  };
  EXPECT_EQ(plain(events), "9. nine\n10. ten\n11. eleven");
  EXPECT_EQ(md(events), "9. nine\n10. ten\n11. eleven");
}

TEST(Writer, NestedListsIndentByTheMarkerWidth) {
  auto events = [](writer& w) {
    w.begin_list(true);
    w.begin_item();
    w.text_collapsed("outer");
    w.begin_list(false);
    w.begin_item();
    w.text_collapsed("inner");
    w.begin_list(true, 1);
    w.begin_item();
    w.text_collapsed("deepest");
    w.end_item();
    w.end_list();
    w.end_item();
    w.end_list();
    w.end_item();
    w.begin_item();
    w.text_collapsed("second");
    w.end_item();
    w.end_list();
  };
  const std::string expected = "1. outer\n   - inner\n     1. deepest\n2. second";
  EXPECT_EQ(plain(events), expected);
  EXPECT_EQ(md(events), expected);
}

TEST(Writer, ListItemContinuationLinesAreIndented) {
  auto events = [](writer& w) {
    w.begin_list(true, 10);
    w.begin_item();
    w.text_collapsed("first paragraph");
    w.paragraph();
    w.text_collapsed("second paragraph");
    w.new_line();
    w.text("verbatim\nlines");
    w.end_item();
    w.end_list();
  };
  const std::string expected = "10. first paragraph\n\n    second paragraph\n    verbatim\n    lines";
  EXPECT_EQ(plain(events), expected);
  EXPECT_EQ(md(events), expected);
}

TEST(Writer, EmptyItemsKeepTheirMarkerWithoutTrailingSpace) {
  auto events = [](writer& w) {
    w.begin_list(true);
    w.begin_item();
    w.end_item();
    w.begin_item();  // the next begin_item() ends an open item
    w.text_collapsed("b");
    w.begin_item();
    w.end_list();  // end_list() ends an open item
  };
  EXPECT_EQ(plain(events), "1.\n2. b\n3.");
}

TEST(Writer, ItemsWithoutEndItem) {
  auto events = [](writer& w) {
    w.begin_list(false);
    w.begin_item();
    w.text_collapsed("a");
    w.begin_item();
    w.text_collapsed("b");
    w.end_list();
    para(w, "c");
  };
  EXPECT_EQ(plain(events), "- a\n- b\n\nc");
}

TEST(Writer, Quotes) {
  auto events = [](writer& w) {
    para(w, "said:");
    w.begin_quote();
    w.text_collapsed("first");
    w.paragraph();
    w.text_collapsed("second");
    w.end_quote();
    para(w, "after");
  };
  EXPECT_EQ(plain(events), "said:\n\nfirst\n\nsecond\n\nafter");
  EXPECT_EQ(md(events), "said:\n\n> first\n>\n> second\n\nafter");
}

TEST(Writer, NestedQuotes) {
  auto events = [](writer& w) {
    w.begin_quote();
    w.text_collapsed("outer");
    w.begin_quote();
    w.text_collapsed("inner");
    w.new_line();
    w.text_collapsed("line");
    w.end_quote();
    w.text_collapsed("outer again");
    w.end_quote();
  };
  EXPECT_EQ(plain(events), "outer\n\ninner\nline\n\nouter again");
  EXPECT_EQ(md(events), "> outer\n>\n> > inner\n> > line\n>\n> outer again");
}

TEST(Writer, ListInsideQuote) {
  auto events = [](writer& w) {
    w.begin_quote();
    w.begin_list(false);
    w.begin_item();
    w.text_collapsed("a");
    w.end_item();
    w.begin_item();
    w.text_collapsed("b");
    w.end_item();
    w.end_list();
    w.end_quote();
  };
  EXPECT_EQ(md(events), "> - a\n> - b");
  EXPECT_EQ(plain(events), "- a\n- b");
}

TEST(Writer, CodeBlockIsVerbatim) {
  auto events = [](writer& w) {
    para(w, "code:");
    w.begin_code_block("cpp");
    w.text("int  main() {\n\n    return *p_x_;\n}\n");
    w.end_code_block();
    para(w, "done");
  };
  EXPECT_EQ(plain(events), "code:\n\nint  main() {\n\n    return *p_x_;\n}\n\ndone");
  // Nothing is escaped inside a fence.
  EXPECT_EQ(md(events), "code:\n\n```cpp\nint  main() {\n\n    return *p_x_;\n}\n```\n\ndone");
}

TEST(Writer, CodeBlockLanguageIsOneWordWithoutBackticks) {
  auto events = [](writer& w) {
    w.begin_code_block("py`thon extra words");
    w.text("x");
    w.end_code_block();
  };
  EXPECT_EQ(md(events), "```python\nx\n```");
}

TEST(Writer, CodeBlockLeftOpenIsClosedByFinish) {
  auto events = [](writer& w) {
    w.begin_code_block();
    w.text("x");
  };
  EXPECT_EQ(md(events), "```\nx\n```");
  EXPECT_EQ(plain(events), "x");
}

TEST(Writer, CodeBlockInsideListItem) {
  auto events = [](writer& w) {
    w.begin_list(false);
    w.begin_item();
    w.text_collapsed("item");
    w.begin_code_block();
    w.text("a\n\nb");
    w.end_code_block();
    w.end_item();
    w.end_list();
  };
  EXPECT_EQ(md(events), "- item\n\n  ```\n  a\n\n  b\n  ```");
  EXPECT_EQ(plain(events), "- item\n\n  a\n\n  b");
}

TEST(Writer, CodeBlockInsideQuote) {
  auto events = [](writer& w) {
    w.begin_quote();
    w.begin_code_block("sh");
    w.text("ls\n\necho *");
    w.end_code_block();
    w.end_quote();
  };
  EXPECT_EQ(md(events), "> ```sh\n> ls\n>\n> echo *\n> ```");
  EXPECT_EQ(plain(events), "ls\n\necho *");
}

TEST(Writer, LineBreakInsideCodeIsANewline) {
  auto events = [](writer& w) {
    w.begin_code_block();
    w.text("a");
    w.line_break();
    w.text("b");
    w.end_code_block();
  };
  EXPECT_EQ(md(events), "```\na\nb\n```");
}

TEST(Writer, Rule) {
  auto events = [](writer& w) {
    w.text_collapsed("above");
    w.rule();
    w.text_collapsed("below");
  };
  EXPECT_EQ(plain(events), "above\n\nbelow");
  EXPECT_EQ(md(events), "above\n\n---\n\nbelow");
}

// ---- inline -------------------------------------------------------------------------------------

TEST(Writer, Spans) {
  auto events = [](writer& w) {
    w.text_collapsed("a ");
    w.begin_span(span_kind::strong);
    w.text_collapsed(" bold ");
    w.end_span(span_kind::strong);
    w.text_collapsed(" b ");
    w.begin_span(span_kind::emphasis);
    w.text_collapsed("em");
    w.end_span(span_kind::emphasis);
    w.text_collapsed(", ");
    w.begin_span(span_kind::code);
    w.text_collapsed("x*y");
    w.end_span(span_kind::code);
    w.text_collapsed(" ");
    w.begin_span(span_kind::strike);
    w.text_collapsed("gone");
    w.end_span(span_kind::strike);
  };
  EXPECT_EQ(plain(events), "a bold b em, x*y gone");
  // Marks hug the text: the spaces around " bold " go outside them; code is not escaped.
  EXPECT_EQ(md(events), "a **bold** b *em*, `x*y` ~~gone~~");
}

TEST(Writer, Links) {
  auto events = [](writer& w) {
    w.text_collapsed("see");
    w.space();
    w.begin_span(span_kind::link, "https://example.com/a b_(c)<d>\n");
    w.text_collapsed("the [docs]");
    w.end_span(span_kind::link);
    w.text_collapsed(".");
  };
  EXPECT_EQ(plain(events), "see the [docs].");
  EXPECT_EQ(md(events), "see [the \\[docs\\]](https://example.com/a%20b_\\(c\\)%3Cd%3E).");
}

TEST(Writer, LinkWithoutTargetIsJustText) {
  auto events = [](writer& w) {
    w.begin_span(span_kind::link);
    w.text_collapsed("anchor");
    w.end_span(span_kind::link);
  };
  EXPECT_EQ(md(events), "anchor");
}

TEST(Writer, SpansThatGetNoTextLeaveNothing) {
  auto events = [](writer& w) {
    w.text_collapsed("a");
    w.begin_span(span_kind::strong);
    w.end_span(span_kind::strong);
    w.begin_span(span_kind::link, "https://x");
    w.text_collapsed("   ");
    w.end_span(span_kind::link);
    w.begin_span(span_kind::emphasis);
    w.text_collapsed("b");
    w.end_span(span_kind::emphasis);
  };
  EXPECT_EQ(md(events), "a *b*");
  EXPECT_EQ(plain(events), "a b");
}

TEST(Writer, NestedSpansAndClosingAnOuterSpanClosesInnerOnes) {
  auto events = [](writer& w) {
    w.begin_span(span_kind::link, "u");
    w.begin_span(span_kind::strong);
    w.text_collapsed("x");
    w.end_span(span_kind::link);  // closes strong too
    w.text_collapsed("y");
    w.end_span(span_kind::emphasis);  // not open: ignored
  };
  EXPECT_EQ(md(events), "[**x**](u)y");
}

TEST(Writer, SpansLeftOpenAreClosedByFinish) {
  auto events = [](writer& w) {
    w.begin_span(span_kind::strong);
    w.begin_span(span_kind::emphasis);
    w.text_collapsed("x");
  };
  EXPECT_EQ(md(events), "***x***");
}

TEST(Writer, SpansAcrossParagraphsAreMarkedInEach) {
  auto events = [](writer& w) {
    w.begin_span(span_kind::strong);
    w.text_collapsed("a");
    w.paragraph();
    w.text_collapsed("b");
    w.new_line();
    w.text_collapsed("c");
    w.end_span(span_kind::strong);
  };
  EXPECT_EQ(md(events), "**a**\n\n**b\nc**");
}

TEST(Writer, SpansDoNotMarkFencesTablesOrCode) {
  auto events = [](writer& w) {
    w.begin_span(span_kind::emphasis);
    w.text_collapsed("a");
    w.begin_code_block("c");
    w.text("x_y");
    w.end_code_block();
    w.add_table({{"t"}});
    w.rule();
    w.text_collapsed("b");
    w.end_span(span_kind::emphasis);
  };
  EXPECT_EQ(md(events), "*a*\n\n```c\nx_y\n```\n\n| t |\n| --- |\n\n---\n\n*b*");
}

TEST(Writer, UnbalancedEndsAreHarmless) {
  auto events = [](writer& w) {
    w.end_code_block();
    w.end_quote();
    w.end_heading();
    w.end_item();
    w.end_list();
    w.end_span(span_kind::link);
    w.text_collapsed("x");
    w.end_code_block();
  };
  EXPECT_EQ(md(events), "x");
  EXPECT_EQ(plain(events), "x");
}

TEST(Writer, Images) {
  auto events = [](writer& w) {
    w.text_collapsed("pic:");
    w.space();
    w.image("a *cat*\n here", "cat pic.png");
    w.space();
    w.image("", "empty.png");
  };
  EXPECT_EQ(plain(events), "pic: a *cat* here");
  EXPECT_EQ(md(events), "pic: ![a \\*cat\\* here](cat%20pic.png) ![](empty.png)");
}

TEST(Writer, CollapsingAcrossCalls) {
  auto events = [](writer& w) {
    w.text_collapsed("a  ");
    w.text_collapsed("  b");
    w.text_collapsed("c");  // no space between b and c
    w.space();
    w.space();
    w.text_collapsed("\n\td");
    w.text_collapsed(" ");
    w.space();
    w.text_collapsed("e");
  };
  EXPECT_EQ(plain(events), "a bc d e");
}

TEST(Writer, SpaceIsDroppedAtLineStarts) {
  auto events = [](writer& w) {
    w.text_collapsed("a");
    w.new_line();
    w.space();
    w.text_collapsed(" b");
    w.paragraph();
    w.text_collapsed("\n c");
  };
  EXPECT_EQ(plain(events), "a\nb\n\nc");
}

TEST(Writer, VerbatimTextKeepsSpacesButNoLineEndsWithOne) {
  auto events = [](writer& w) {
    w.text("  indented  \r\nnext\t\n   \nlast   ");
  };
  EXPECT_EQ(plain(events), "  indented\nnext\n\nlast");
  auto across_calls = [](writer& w) {
    w.text("a  ");
    w.text("  b");  // the held spaces come back when text follows on the line
    w.text("   ");
  };
  EXPECT_EQ(plain(across_calls), "a    b");
}

TEST(Writer, VerbatimBlankLinesAtTheStartAreDropped) {
  EXPECT_EQ(plain([](writer& w) { w.text("\n\n  \nx\n\n"); }), "x");
}

TEST(Writer, VeryLongWhitespaceRunsAreWrittenNotHeld) {
  const std::string spaces(10000, ' ');
  auto events = [&](writer& w) {
    w.text("a");
    w.text(spaces);
    w.text("b");
  };
  EXPECT_EQ(plain(events), "a" + spaces + "b");
}

// ---- Markdown escaping --------------------------------------------------------------------------

TEST(WriterEscaping, InlineMarkupCharacters) {
  auto events = [](writer& w) { w.text_collapsed("a*b [c] `d` <e> \\ f_ _g snake_case ~~h~~ ~/x"); };
  EXPECT_EQ(md(events), "a\\*b \\[c\\] \\`d\\` \\<e> \\\\ f\\_ \\_g snake_case \\~\\~h\\~\\~ ~/x");
  EXPECT_EQ(plain(events), "a*b [c] `d` <e> \\ f_ _g snake_case ~~h~~ ~/x");
}

TEST(WriterEscaping, CharacterReferencesButNotLoneAmpersands) {
  EXPECT_EQ(md([](writer& w) { w.text_collapsed("AT&T &amp; &#35; & &x"); }), "AT&T \\&amp; \\&#35; & &x");
}

TEST(WriterEscaping, BlockMarkersAtLineStart) {
  auto events = [](writer& w) {
    para(w, "# not a heading");
    para(w, "#hashtag stays");
    para(w, "> not a quote");
    para(w, "- not a list");
    para(w, "+ nor this");
    para(w, "-5 degrees");
    para(w, "---");
    para(w, "===");
    para(w, "1. not ordered");
    para(w, "2) nor this");
    para(w, "2024. A year");
    para(w, "3.14 is pi");
    para(w, "mid # line - and 1. stay");
  };
  EXPECT_EQ(md(events),
            "\\# not a heading\n\n#hashtag stays\n\n\\> not a quote\n\n\\- not a list\n\n\\+ nor this\n\n"
            "-5 degrees\n\n\\---\n\n\\===\n\n1\\. not ordered\n\n2\\) nor this\n\n2024\\. A year\n\n"
            "3.14 is pi\n\nmid # line - and 1. stay");
}

TEST(WriterEscaping, BlockMarkersAfterALinePrefix) {
  auto events = [](writer& w) {
    w.begin_quote();
    w.text_collapsed("# in a quote");
    w.end_quote();
    w.begin_list(false);
    w.begin_item();
    w.text_collapsed("- in an item");
    w.end_item();
    w.end_list();
    w.begin_span(span_kind::strong);
    w.text_collapsed("# after a mark");
    w.end_span(span_kind::strong);
  };
  EXPECT_EQ(md(events), "> \\# in a quote\n\n- \\- in an item\n\n**# after a mark**");
}

TEST(WriterEscaping, VerbatimTextIsEscapedOutsideCode) {
  EXPECT_EQ(md([](writer& w) { w.text("# title\n* star\n  > quoted"); }), "\\# title\n\\* star\n  \\> quoted");
}

TEST(WriterEscaping, NothingInsideCodeSpans) {
  auto events = [](writer& w) {
    w.begin_span(span_kind::code);
    w.text_collapsed("# a_b *c*");
    w.end_span(span_kind::code);
  };
  EXPECT_EQ(md(events), "`# a_b *c*`");
}

// ---- tables -------------------------------------------------------------------------------------

TEST(WriterTables, PlainRowsAreTabSeparated) {
  recording_sink sink;
  quarry::options opts;
  writer w(sink, opts);
  w.text_collapsed("before");
  w.add_table({{"h1", "h2", "h3"}, {"a", "b"}, {}, {"x  y", "", "z|w"}, {"", "only second"}, {"last", ""}});
  w.text_collapsed("after");
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(sink.content, "before\n\nh1\th2\th3\na\tb\nx y\t\tz|w\n\tonly second\nlast\n\nafter");
  ASSERT_EQ(sink.tables.size(), 1u);
  const quarry::table& t = sink.tables[0];
  ASSERT_EQ(t.cells.size(), 5u);  // the row with no cells is dropped
  EXPECT_EQ(t.cells[1], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.markdown,
            "| h1 | h2 | h3 |\n| --- | --- | --- |\n| a | b |  |\n| x y |  | z\\|w |\n|  | only second |  |\n"
            "| last |  |  |");
}

TEST(WriterTables, MarkdownTableIsPaddedAndEscapedOnce) {
  recording_sink sink;
  quarry::options opts;
  opts.format = quarry::output_format::markdown;
  writer w(sink, opts);
  w.add_table({{"a|b", "*c*"}, {"d\\e"}, {"line\nbreak", "_f_"}});
  ASSERT_TRUE(w.finish().ok());
  const std::string expected =
      "| a\\|b | \\*c\\* |\n| --- | --- |\n| d\\\\e |  |\n| line break | \\_f\\_ |";
  EXPECT_EQ(sink.content, expected);
  ASSERT_EQ(sink.tables.size(), 1u);
  EXPECT_EQ(sink.tables[0].markdown, expected);
  EXPECT_EQ(sink.tables[0].cells[0][0], "a|b");  // cells keep the text itself
}

TEST(WriterTables, MarkdownTableInsideQuoteGetsThePrefix) {
  auto events = [](writer& w) {
    w.begin_quote();
    w.add_table({{"h"}, {"v"}});
    w.end_quote();
  };
  EXPECT_EQ(md(events), "> | h |\n> | --- |\n> | v |");
}

TEST(WriterTables, ExtractTablesOffStillRendersContent) {
  recording_sink sink;
  quarry::options opts;
  opts.extract_tables = false;
  writer w(sink, opts);
  w.add_table({{"a", "b"}});
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(sink.content, "a\tb");
  EXPECT_TRUE(sink.tables.empty());
}

TEST(WriterTables, TableWithNoCellsIsNothing) {
  recording_sink sink;
  quarry::options opts;
  writer w(sink, opts);
  w.add_table({});
  w.add_table({{}, {}});
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(sink.content, "");
  EXPECT_TRUE(sink.tables.empty());
}

TEST(WriterTables, TableTextCountsTowardsTheOutputLimit) {
  recording_sink sink;
  quarry::options opts;
  opts.limits.max_output_bytes = 20;  // the content "abc\tdef" fits; its Markdown twin does not
  writer w(sink, opts);
  w.add_table({{"abc", "def"}});
  const quarry::status st = w.finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::limit_exceeded);
  EXPECT_TRUE(sink.tables.empty());
}

// ---- structure, limits and the sink -------------------------------------------------------------

TEST(Writer, MetadataAndWarningsReachTheSink) {
  recording_sink sink;
  quarry::options opts;
  writer w(sink, opts);
  w.metadata("title", "T");
  w.metadata("title", "T2");
  for (int i = 0; i < 150; ++i) w.warn("bad_part", "part " + std::to_string(i));
  ASSERT_TRUE(w.finish().ok());
  ASSERT_NE(sink.metadata.find("title"), nullptr);
  EXPECT_EQ(sink.metadata.find("title")->as_string(), "T2");
  EXPECT_EQ(sink.warnings.size(), 100u);  // the rest are counted, not sent
  EXPECT_EQ(w.warning_count(), 150u);
  EXPECT_EQ(sink.warnings[0].code, "bad_part");
}

TEST(WriterLimits, OutputLimitGivesLimitExceededFromFinish) {
  recording_sink sink;
  quarry::options opts;
  opts.limits.max_output_bytes = 10;
  writer w(sink, opts);
  w.text("0123456789");  // exactly at the limit: fine
  EXPECT_FALSE(w.stopped());
  w.text("x");
  EXPECT_TRUE(w.stopped());
  const quarry::status st = w.finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::limit_exceeded);
  EXPECT_LE(sink.content.size(), 10u);
}

TEST(WriterLimits, NewlinesAndMarksCountToo) {
  recording_sink sink;
  quarry::options opts;
  opts.format = quarry::output_format::markdown;
  opts.limits.max_output_bytes = 5;
  writer w(sink, opts);
  w.begin_span(span_kind::strong);
  w.text("abc");  // "**abc" fits, the closing mark does not
  ASSERT_FALSE(w.stopped());
  EXPECT_FALSE(w.finish().ok());
}

TEST(WriterLimits, EveryEventIsHarmlessAfterStopping) {
  recording_sink sink;
  quarry::options opts;
  opts.limits.max_output_bytes = 1;
  writer w(sink, opts);
  w.text("too long");
  ASSERT_TRUE(w.stopped());
  w.paragraph();
  w.begin_heading(1);
  w.text_collapsed("x y");
  w.end_heading();
  w.begin_list(true);
  w.begin_item();
  w.end_list();
  w.image("a", "b");
  w.add_table({{"a"}});
  w.end_page(1);
  const quarry::status st = w.finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::limit_exceeded);
  EXPECT_TRUE(sink.content.empty());
  EXPECT_TRUE(sink.tables.empty());
}

TEST(WriterSink, EarlyStopEndsTheExtractionWithoutError) {
  recording_sink sink;
  sink.stop_after_pieces = 1;
  quarry::options opts;
  writer w(sink, opts);
  const std::string line(1000, 'a');
  int lines = 0;
  while (!w.stopped() && lines < 10000) {
    w.text(line);
    w.new_line();
    ++lines;
  }
  EXPECT_TRUE(w.stopped());
  EXPECT_LT(lines, 10000);
  EXPECT_TRUE(w.finish().ok());  // stopping is the sink's choice, not an error
  EXPECT_EQ(sink.pieces.size(), 1u);
  EXPECT_EQ(w.delivered_bytes(), sink.content.size());
}

TEST(WriterSink, PiecesAreBoundedAndNeverSplitACodePoint) {
  recording_sink sink;
  quarry::options opts;
  writer w(sink, opts);
  // Three- and four-byte characters in runs that do not line up with any power of two, in one
  // huge call and in many small ones.
  std::string big;
  for (int i = 0; i < 100000; ++i) big += (i % 3 == 0) ? "\xE2\x82\xAC" : (i % 3 == 1 ? "\xF0\x9F\x98\x80" : "a");
  w.text(big);
  for (int i = 0; i < 20000; ++i) w.text_collapsed("\xC3\xA9\xE2\x82\xAC ");
  ASSERT_TRUE(w.finish().ok());
  ASSERT_GT(sink.pieces.size(), 4u);
  for (const std::string& p : sink.pieces) {
    EXPECT_LE(p.size(), 64u * 1024);
    EXPECT_TRUE(quarry::detail::is_valid_utf8(p)) << "a piece of " << p.size() << " bytes splits a sequence";
  }
  EXPECT_EQ(sink.content.substr(0, big.size()), big);
  EXPECT_EQ(w.content_bytes(), sink.content.size());
  EXPECT_EQ(w.delivered_bytes(), sink.content.size());
}

TEST(WriterSink, ContentBytesExcludeTables) {
  recording_sink sink;
  quarry::options opts;
  writer w(sink, opts);
  w.add_table({{"a", "b"}});
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(w.content_bytes(), sink.content.size());
}

TEST(WriterPages, EndPageReportsWhereEachPageEnds) {
  recording_sink sink;
  quarry::options opts;
  writer w(sink, opts);
  w.text_collapsed("page one");
  w.end_page(1);
  w.text_collapsed("page two");
  w.end_page(2);
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(sink.content, "page one\n\npage two");
  ASSERT_EQ(sink.page_ends.size(), 2u);
  EXPECT_EQ(sink.page_ends[0], (std::pair<std::uint32_t, std::size_t>{1, 8}));
  EXPECT_EQ(sink.page_ends[1].second, sink.content.size());
}

TEST(WriterPages, DocumentPagesAreSlicesOfTheContent) {
  quarry::document doc;
  quarry::detail::document_sink sink(doc, true);
  quarry::options opts;
  opts.format = quarry::output_format::markdown;
  writer w(sink, opts);
  w.begin_heading(1);
  w.text_collapsed("One");
  w.end_heading();
  w.begin_span(span_kind::strong);
  w.text_collapsed("bold across");  // a span open at the page end is closed there
  w.end_page(1);
  w.end_page(2);  // an empty page
  w.begin_list(false);
  w.begin_item();
  w.text_collapsed("three");
  w.end_page(3);
  w.text_collapsed("trailing");
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(doc.content, "# One\n\n**bold across**\n\n- three\n\ntrailing");
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[0].page_number, 1u);
  EXPECT_EQ(doc.pages[0].content, "# One\n\n**bold across**");
  EXPECT_EQ(doc.pages[1].content, "");
  EXPECT_EQ(doc.pages[2].page_number, 3u);
  EXPECT_EQ(doc.pages[2].content, "- three");
}

TEST(WriterPages, NoPagesUnlessAsked) {
  quarry::document doc;
  quarry::detail::document_sink sink(doc, false);
  quarry::options opts;
  writer w(sink, opts);
  w.text("a");
  w.end_page(1);
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(doc.content, "a");
  EXPECT_TRUE(doc.pages.empty());
}

TEST(WriterPages, DocumentSinkCollectsEverything) {
  quarry::document doc;
  quarry::detail::document_sink sink(doc, false);
  quarry::options opts;
  writer w(sink, opts);
  w.text("x");
  w.add_table({{"a"}});
  w.metadata("k", 1);
  w.metadata("k", 2);
  w.warn("w", "m");
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(doc.content, "x\n\na");
  ASSERT_EQ(doc.tables.size(), 1u);
  ASSERT_NE(doc.metadata.find("k"), nullptr);
  EXPECT_EQ(doc.metadata.find("k")->as_int(), 2);
  EXPECT_EQ(doc.metadata.size(), 1u);
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0].message, "m");
}

// ---- random event sequences ---------------------------------------------------------------------

namespace {

// A small deterministic generator (xorshift64*), so a failure replays exactly.
class rng {
 public:
  explicit rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

std::string random_text(rng& r) {
  static const std::vector<std::string> atoms = {
      "a", "word", " ", "  ", "\t", "\n", "\r\n", "#", "# ", ">", "-", "- ", "1.", "2) ", "*", "_", "`", "[", "]",
      "|", "\\", "&amp;", "~~", "<", "=", "+ ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "snake_case", "!"};
  std::string s;
  const std::size_t n = r.below(6);
  for (std::size_t i = 0; i < n; ++i) s += atoms[r.below(atoms.size())];
  return s;
}

// Drives a writer with `events` random calls; returns what the sink saw. With `trace`, prints
// each call and the result to stderr (replay one seed: WRITER_SEED=n WRITER_TRACE=1).
recording_sink random_run(std::uint64_t seed, bool markdown, std::size_t events, bool trace) {
  static const char* const names[] = {"paragraph",   "new_line",  "line_break",  "begin_heading", "end_heading",
                                      "begin_quote", "end_quote", "begin_list",  "end_list",      "begin_item",
                                      "end_item",    "begin_code_block", "end_code_block", "rule", "text",
                                      "text",        "text_collapsed", "text_collapsed", "space", "begin_span",
                                      "end_span",    "image",     "add_table",   "end_page"};
  rng r(seed);
  recording_sink sink;
  quarry::options opts;
  opts.format = markdown ? quarry::output_format::markdown : quarry::output_format::plain;
  writer w(sink, opts);
  const span_kind kinds[] = {span_kind::strong, span_kind::emphasis, span_kind::code, span_kind::strike,
                             span_kind::link};
  auto text_arg = [&] {
    std::string t = random_text(r);
    if (trace) std::fprintf(stderr, "  \"%s\"\n", t.c_str());
    return t;
  };
  for (std::size_t e = 0; e < events; ++e) {
    const std::size_t event = r.below(std::size(names));
    if (trace) std::fprintf(stderr, "%s\n", names[event]);
    switch (event) {
      case 0: w.paragraph(); break;
      case 1: w.new_line(); break;
      case 2: w.line_break(); break;
      case 3: w.begin_heading(static_cast<int>(r.below(8))); break;
      case 4: w.end_heading(); break;
      case 5: w.begin_quote(); break;
      case 6: w.end_quote(); break;
      case 7: w.begin_list(r.below(2) == 0, static_cast<std::int64_t>(r.below(20))); break;
      case 8: w.end_list(); break;
      case 9: w.begin_item(); break;
      case 10: w.end_item(); break;
      case 11: w.begin_code_block(text_arg()); break;
      case 12: w.end_code_block(); break;
      case 13: w.rule(); break;
      case 14: case 15: w.text(text_arg()); break;
      case 16: case 17: w.text_collapsed(text_arg()); break;
      case 18: w.space(); break;
      case 19: w.begin_span(kinds[r.below(5)], text_arg()); break;
      case 20: w.end_span(kinds[r.below(5)]); break;
      case 21: {
        const std::string alt = text_arg();
        w.image(alt, text_arg());
        break;
      }
      case 22: {
        std::vector<std::vector<std::string>> rows(r.below(4));
        for (auto& row : rows) {
          row.resize(r.below(4));
          for (auto& c : row) c = random_text(r);
        }
        w.add_table(std::move(rows));
        break;
      }
      default: w.end_page(static_cast<std::uint32_t>(e)); break;
    }
  }
  EXPECT_TRUE(w.finish().ok());
  EXPECT_EQ(w.delivered_bytes(), sink.content.size());
  if (trace) std::fprintf(stderr, "content:\n%s\n-- end --\n", sink.content.c_str());
  return sink;
}

}  // namespace

TEST(WriterRandom, AnyEventSequenceGivesTidyValidOutput) {
  // Unbalanced and misnested calls included: whatever an extractor does, the output is valid
  // UTF-8 with no blank line before it and no whitespace after it.
  const char* only = std::getenv("WRITER_SEED");
  const bool trace = std::getenv("WRITER_TRACE") != nullptr;
  const std::uint64_t first = only ? std::strtoull(only, nullptr, 10) : 1;
  const std::uint64_t last = only ? first : 3000;
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    for (bool markdown : {false, true}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + (markdown ? " markdown" : " plain"));
      const recording_sink sink = random_run(seed, markdown, 60, trace);
      const std::string& c = sink.content;
      EXPECT_TRUE(quarry::detail::is_valid_utf8(c));
      if (!c.empty()) {
        EXPECT_NE(c.front(), '\n');
        EXPECT_NE(c.back(), '\n');
        EXPECT_NE(c.back(), ' ');
        EXPECT_NE(c.back(), '\t');
      }
      if (::testing::Test::HasFailure()) return;  // one replayable seed is enough
    }
  }
}
