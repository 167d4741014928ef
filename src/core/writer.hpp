// The result builder every extractor writes to. Extractors describe the document (paragraphs,
// headings, lists, quotes, code, tables, emphasis, links); the writer renders it as plain text or
// Markdown, keeps words from running together and paragraphs apart, enforces the output limit and
// pushes content to the sink in bounded pieces, so extraction streams.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quarry/quarry.hpp"

namespace quarry::detail {

/// Inline markup kinds.
enum class span_kind : std::uint8_t { strong, emphasis, code, strike, link };

class writer {
 public:
  writer(sink& out, const options& opts);
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  [[nodiscard]] const options& opts() const noexcept { return opts_; }
  [[nodiscard]] const quarry::limits& limits() const noexcept { return opts_.limits; }
  [[nodiscard]] bool markdown() const noexcept { return opts_.format == output_format::markdown; }

  // ---- blocks -------------------------------------------------------------------------------
  /// Starts a new paragraph: the next text is separated from what came before by a blank line.
  void paragraph();
  /// Ends the current line: the next text starts on a new line (a soft block boundary, e.g. <div>).
  void new_line();
  /// A hard line break inside a block (<br>); two in a row leave a blank line.
  void line_break();
  /// A heading of level 1..6 up to end_heading(); Markdown renders "## text".
  void begin_heading(int level);
  void end_heading();
  /// A block quote; nests. Markdown prefixes its lines with "> ".
  void begin_quote();
  void end_quote();
  /// A list; items are introduced by begin_item(). Ordered lists count from `start`.
  void begin_list(bool ordered, std::int64_t start = 1);
  void end_list();
  void begin_item();
  void end_item();
  /// Preformatted text up to end_code_block(): text() inside keeps every space and newline.
  /// Markdown fences it with ``` and the language tag.
  void begin_code_block(std::string_view language = {});
  void end_code_block();
  /// A thematic break (<hr>): "---" in Markdown, a paragraph break in plain text.
  void rule();

  // ---- inline -------------------------------------------------------------------------------
  /// Text whose spaces and newlines are meaningful (plain text files, <pre>, code).
  void text(std::string_view utf8);
  /// Text in which every run of whitespace is one space and leading/trailing space at a line
  /// boundary disappears (HTML and XML character data, Markdown soft breaks).
  void text_collapsed(std::string_view utf8);
  /// Text already in the output's syntax (inline HTML, a task marker "[x] ", math delimiters):
  /// written without Markdown escaping; newlines are line boundaries as in text(). In plain text
  /// the same as text().
  void raw(std::string_view utf8);
  /// A space between words, dropped at line starts and when one is already pending.
  void space();
  /// Inline markup; links carry their target.
  void begin_span(span_kind kind, std::string_view href = {});
  void end_span(span_kind kind);
  /// An image: "![alt](src)" in Markdown, the alt text in plain text.
  void image(std::string_view alt, std::string_view src);

  // ---- structure ----------------------------------------------------------------------------
  /// A table: rendered into the content (a pipe table in Markdown, tab-separated rows in plain
  /// text) and, when options::extract_tables, reported with its cells.
  void add_table(std::vector<std::vector<std::string>> rows);
  /// A metadata field for the result.
  void metadata(std::string_view key, value v);
  /// A skipped damaged part.
  void warn(std::string_view code, std::string message);
  /// Ends page `number` (1-based): what was written since the previous page end belongs to it.
  void end_page(std::uint32_t number);

  // ---- state --------------------------------------------------------------------------------
  /// True once the sink asked to stop or a limit was reached: extractors should return.
  [[nodiscard]] bool stopped() const noexcept { return stopped_; }
  /// Records a limit error (reported by finish()) and stops.
  void fail(error err);
  /// Flushes what is buffered; returns the first limit error, if any.
  [[nodiscard]] status finish();
  /// Content bytes produced so far.
  [[nodiscard]] std::uint64_t content_bytes() const noexcept { return produced_; }
  /// Number of warnings emitted so far.
  [[nodiscard]] std::uint32_t warning_count() const noexcept { return warnings_; }

 private:
  enum class frame_kind : std::uint8_t { quote, list, item, heading, code };
  struct frame {
    frame(frame_kind k) : kind(k) {}  // NOLINT(google-explicit-constructor)
    frame_kind kind;
    bool ordered = false;         // list
    std::int64_t next_number = 1; // list
    bool marker_pending = false;  // item / heading / quote: the marker has not been written yet
    std::string marker;           // item / heading marker, e.g. "- " or "12. " or "## "
  };
  struct open_span {
    span_kind kind;
    std::string href;
    bool opened = false;  // the opening mark was written (it is deferred until text arrives)
  };

  void put(std::string_view s);  // raw output, counted and buffered
  void start_text();             // owed newlines, line prefix, deferred span marks
  void put_escaped(std::string_view s);
  void put_lines(std::string_view s, bool escape);  // text() and raw()
  void write_line_prefix(bool blank_line);
  void flush();
  void want_newlines(int n);
  [[nodiscard]] bool in_code() const noexcept;
  void render_table_markdown(const std::vector<std::vector<std::string>>& rows, std::string& out) const;

  sink& sink_;
  const options& opts_;
  std::string buf_;
  std::vector<frame> frames_;
  std::vector<open_span> spans_;
  std::uint64_t produced_ = 0;
  std::uint32_t warnings_ = 0;
  int owed_newlines_ = 0;     // newlines to write before the next text
  bool pending_space_ = false;
  bool at_line_start_ = true;
  bool wrote_any_ = false;    // no newlines are owed before the first text
  bool stopped_ = false;
  bool failed_ = false;
  error error_;
  char last_char_ = '\n';
};

}  // namespace quarry::detail
