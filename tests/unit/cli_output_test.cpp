// The command-line tool's text output pieces that the whole-program tests cannot reach yet: page
// separation with --pages (no paged format is compiled in until PDF), previews, and the terminal
// width helpers behind the summary table and the progress bar.
#include <gtest/gtest.h>

#include <string>

#include "core/writer.hpp"
#include "text_cells.hpp"
#include "text_sink.hpp"

namespace {

using quarry::cli::output_target;
using quarry::cli::text_sink;

TEST(CliTextSink, PagesEndWithFormFeedsThroughTheRealWriter) {
  std::string out;
  text_sink sink(output_target::buffer(out), "", /*pages=*/true, 0);
  quarry::options opts;
  opts.pages = true;
  quarry::detail::writer w(sink, opts);
  w.text("page one\nsecond line");
  w.end_page(1);
  w.paragraph();
  w.text("page two");
  w.end_page(2);
  w.end_page(3);  // an empty page
  ASSERT_TRUE(w.finish().ok());
  ASSERT_TRUE(sink.finish());
  EXPECT_EQ(out, "page one\nsecond line\n\fpage two\n\f\f");
}

TEST(CliTextSink, WithoutPagesTheWriterSeparatesPagesByABlankLine) {
  std::string out;
  text_sink sink(output_target::buffer(out), "", /*pages=*/false, 0);
  quarry::options opts;
  quarry::detail::writer w(sink, opts);
  w.text("one");
  w.end_page(1);
  w.text("two");
  w.end_page(2);
  ASSERT_TRUE(w.finish().ok());
  ASSERT_TRUE(sink.finish());
  EXPECT_EQ(out, "one\n\ntwo\n");
}

TEST(CliTextSink, HeaderIsWrittenOnceBeforeContentOrAtTheEnd) {
  std::string out;
  text_sink sink(output_target::buffer(out), "==> a <==\n", false, 0);
  EXPECT_TRUE(sink.on_content("abc"));
  EXPECT_TRUE(sink.on_content("def"));
  EXPECT_TRUE(sink.finish());
  EXPECT_EQ(out, "==> a <==\nabcdef\n");

  std::string empty;
  text_sink none(output_target::buffer(empty), "==> b <==\n", false, 0);
  EXPECT_TRUE(none.finish());
  EXPECT_EQ(empty, "==> b <==\n");
}

TEST(CliTextSink, CountsCharactersAndWarningsAndKeepsAPreview) {
  text_sink sink(output_target::discard(), "", false, 2);
  EXPECT_TRUE(sink.on_content("Zürich\n\n   \n  indented\tcell"));
  EXPECT_TRUE(sink.on_content(" more\t\nthird line never kept\n"));
  sink.on_warning({"w", "one"});
  EXPECT_TRUE(sink.finish());
  EXPECT_EQ(sink.characters(), 56u);  // code points, "ü" once
  EXPECT_EQ(sink.warnings(), 1u);
  const auto preview = sink.take_preview();
  ASSERT_EQ(preview.size(), 2u);
  EXPECT_EQ(preview[0], "Zürich");
  EXPECT_EQ(preview[1], "  indented  cell more");
}

TEST(CliTextSink, LongPreviewLinesAreCut) {
  text_sink sink(output_target::discard(), "", false, 1);
  EXPECT_TRUE(sink.on_content(std::string(5000, 'x')));
  const auto preview = sink.take_preview();
  ASSERT_EQ(preview.size(), 1u);
  EXPECT_EQ(quarry::cli::display_width(preview[0]), 100u);
  EXPECT_TRUE(preview[0].ends_with("…"));
}

TEST(CliTextSink, AWriteErrorStopsTheExtraction) {
  std::FILE* full = std::fopen("/dev/full", "wb");
  if (!full) GTEST_SKIP() << "no /dev/full";
  std::setvbuf(full, nullptr, _IONBF, 0);
  text_sink sink(output_target::stream(full), "", false, 0);
  EXPECT_FALSE(sink.on_content("cannot be written"));
  EXPECT_TRUE(sink.write_failed());
  EXPECT_FALSE(sink.finish());
  std::fclose(full);
}

TEST(CliTextCells, Widths) {
  using quarry::cli::display_width;
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("Zürich"), 6u);
  EXPECT_EQ(display_width("日本語"), 6u);
  EXPECT_EQ(display_width("🚲"), 2u);
  EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e + combining acute
  EXPECT_EQ(display_width("\xFF"), 1u);       // invalid byte
}

TEST(CliTextCells, FitAndPad) {
  using quarry::cli::fit_width;
  using quarry::cli::pad;
  EXPECT_EQ(fit_width("short", 10), "short");
  EXPECT_EQ(fit_width("a longer text", 6), "a lon…");
  EXPECT_EQ(fit_width("日本語テキスト", 7), "日本語…");
  EXPECT_EQ(fit_width("abc", 0), "");
  EXPECT_EQ(pad("ab", 4), "ab  ");
  EXPECT_EQ(pad("ab", 4, true), "  ab");
  EXPECT_EQ(pad("abcdef", 4), "abc…");
}

TEST(CliTextCells, Numbers) {
  using quarry::cli::group_digits;
  using quarry::cli::human_bytes;
  EXPECT_EQ(group_digits(0), "0");
  EXPECT_EQ(group_digits(999), "999");
  EXPECT_EQ(group_digits(1000), "1,000");
  EXPECT_EQ(group_digits(1234567), "1,234,567");
  EXPECT_EQ(human_bytes(512), "512 B");
  EXPECT_EQ(human_bytes(1536), "1.5 KB");
  EXPECT_EQ(human_bytes(300.0 * 1024 * 1024), "300 MB");
}

TEST(CliTextCells, PrintableLine) {
  EXPECT_EQ(quarry::cli::printable_line("a\tb\x01" "c\x7f" "d"), "a  bcd");
  EXPECT_EQ(quarry::cli::printable_line("ok \xFF bad"), "ok  bad");
  EXPECT_EQ(quarry::cli::count_code_points("aé日🚲"), 4u);
}

}  // namespace
