// The result builder every extractor writes to. Extractors describe the document (paragraphs,
// headings, lists, quotes, code, tables, emphasis, links); the writer renders it as plain text or
// Markdown, keeps words from running together and paragraphs apart, enforces the output limit and
// pushes content to the sink in bounded pieces, so extraction streams.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
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
  writer(writer&&) = delete;
  writer& operator=(writer&&) = delete;
  ~writer() = default;

  [[nodiscard]] const options& opts() const noexcept { return opts_; }
  [[nodiscard]] const quarry::limits& limits() const noexcept { return opts_.limits; }
  [[nodiscard]] bool markdown() const noexcept { return opts_.format == output_format::markdown; }

  // ---- blocks -------------------------------------------------------------------------------
  /// Starts a new paragraph: the next text is separated from what came before by a blank line.
  void paragraph();
  /// Ends the current line: the next text starts on a new line (a soft block boundary, e.g. <div>).
  void new_line();
  /// A hard line break inside a block (<br>); two in a row leave a blank line. Markdown marks a
  /// single break with a trailing backslash (only when text follows it).
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
  /// Text whose spaces and newlines are meaningful (plain text files, <pre>, code). Whitespace
  /// at the end of a line is dropped, so content never ends with a space.
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
  /// With `in_content` false the table is only reported (a table nested in a cell, whose text is
  /// already in the outer cell).
  void add_table(std::vector<std::vector<std::string>> rows, bool in_content = true);
  /// The most rows a table reports in document::tables; the content always gets every row. A
  /// million-row CSV must not cost a second copy of itself as cells (a warning says when rows
  /// were left out of `tables`).
  static constexpr std::size_t max_reported_table_rows = 10000;
  /// A table given row by row (begin_table, table_row..., end_table), for tables too large to
  /// hold: each row is rendered into the content as it arrives. `columns` is the expected width,
  /// which the Markdown header needs before later rows are seen (0: the first row's width; rows
  /// wider than the header keep their extra cells). The first row is the header.
  void begin_table(std::size_t columns = 0);
  void table_row(std::span<const std::string_view> cells);
  void end_table();

  /// An outline of structured data (JSON, record-like XML...): "key: value" lines indented two
  /// spaces per level, with "- " before the items of a sequence: a YAML-like reading form (not
  /// YAML: nothing is quoted). Markdown fences it as a code block so the indentation survives;
  /// a table inside an outline closes the fence and reopens it after. Nests (counted).
  void begin_outline();
  void end_outline();
  /// One outline line at nesting `depth` (indentation is capped at max_outline_indent levels):
  /// "- " when `item`, then `key` and ":" when a key is given, then `value`, whose own line
  /// breaks continue one level deeper.
  void outline_line(std::size_t depth, bool item, std::string_view key, std::string_view value);
  /// Deeper outline levels are drawn at this depth, so hostile nesting cannot square the output.
  static constexpr std::size_t max_outline_indent = 32;
  /// An image the document contains; passed on only when options::extract_images is set, and at
  /// most limits.max_entries of them.
  void add_image(image_info image);
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
  /// Content bytes produced so far (tables reported separately are not counted).
  [[nodiscard]] std::uint64_t content_bytes() const noexcept { return content_; }
  /// Content bytes the sink has received (less than content_bytes() when the sink stopped early).
  [[nodiscard]] std::uint64_t delivered_bytes() const noexcept { return delivered_; }
  /// Number of warnings emitted so far.
  [[nodiscard]] std::uint32_t warning_count() const noexcept { return warnings_; }

 private:
  enum class frame_kind : std::uint8_t { quote, list, item, heading, code };
  struct frame {
    frame(frame_kind k) : kind(k) {}  // NOLINT(google-explicit-constructor)
    frame_kind kind;
    bool ordered = false;         // list
    std::int64_t next_number = 1; // list
    bool marker_pending = false;  // item / heading: the marker has not been written yet
    bool started = false;         // a line of text has been written inside it
    std::string marker;           // item / heading marker, e.g. "- " or "12. " or "## "
  };
  struct open_span {
    span_kind kind;
    std::string href;
    bool opened = false;  // the opening mark was written (it is deferred until text arrives)
  };

  void put(std::string_view s);  // raw output, counted and buffered
  void start_text(bool open_marks = true);  // owed newlines, line prefix, deferred span marks
  void put_close_mark(const open_span& s);
  void close_span_marks();  // before a paragraph break: emphasis cannot cross one
  void put_escaped(std::string_view s);
  void put_destination(std::string_view url);  // a link or image target in Markdown
  void verbatim(std::string_view s, bool raw);  // text(), and raw Markdown lines (tables)
  void hold_whitespace(std::string_view ws);
  void close_markup();  // closes open spans and a Markdown code fence
  void write_line_prefix(bool blank_line);
  void flush();
  void want_newlines(int n);
  [[nodiscard]] bool in_code() const noexcept;

  // A table being given row by row.
  struct table_state {
    bool open = false;
    std::size_t columns = 0;
    std::uint64_t rows = 0;
    std::uint64_t left_out = 0;            // rows not reported (max_reported_table_rows)
    std::vector<std::vector<std::string>> cells;  // the reported rows
    std::string markdown;                  // the reported rows as a pipe table
  };

  sink& sink_;
  const options& opts_;
  std::string buf_;
  std::vector<frame> frames_;
  std::vector<open_span> spans_;
  std::string scratch_;       // Markdown escaping
  std::string pending_ws_;    // verbatim whitespace held until text follows it on the same line
  std::uint64_t produced_ = 0;   // content + table text, for max_output_bytes
  std::uint64_t content_ = 0;    // content only
  std::uint64_t delivered_ = 0;  // content the sink accepted
  std::uint64_t images_ = 0;     // images passed on
  std::uint32_t warnings_ = 0;
  int owed_newlines_ = 0;     // newlines to write before the next text
  bool pending_space_ = false;
  bool hard_break_ = false;   // the owed newline is a line_break(): Markdown marks it with '\'
  bool at_line_start_ = true;
  bool line_fresh_ = false;   // only the line prefix has been written on this line
  bool wrote_any_ = false;    // no newlines are owed before the first text
  bool stopped_ = false;
  bool failed_ = false;
  error error_;
  char last_char_ = '\n';
  table_state table_;
  std::string row_;           // scratch: one rendered table row or outline line
  int outline_depth_ = 0;     // open begin_outline() calls
};

}  // namespace quarry::detail
