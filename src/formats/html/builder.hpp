// The light tree builder: turns tokens into writer events. It keeps the stack of open elements
// with the WHATWG implied-end-tag rules that matter for text (<p> closed by blocks, <li>/<dd>/<dt>/
// <option> closing their predecessors, table parts, misnested inline tags, stray end tags, end tags
// closing the elements inside them), drops hidden content, collects tables and metadata, and tells
// the tokenizer which state an element's content is in. The stack is explicit and bounded by
// limits.max_depth: deeper elements are flattened into their parent, with one warning.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/writer.hpp"
#include "formats/html/elements.hpp"
#include "formats/html/metadata.hpp"
#include "formats/html/tables.hpp"
#include "formats/html/tokenizer.hpp"

namespace quarry::detail::html {

/// Unknown element names get their own numbers, up to this many per document; the rest share one.
inline constexpr std::uint16_t dynamic_slots = 256;

/// Tokens in, writer events out.
class builder final : public token_sink {
 public:
  explicit builder(writer& out);
  builder(const builder&) = delete;
  builder& operator=(const builder&) = delete;

  /// The tokenizer feeding this builder, so it can be stopped early (sink stop, limits).
  void attach(tokenizer& tok) noexcept { tok_ = &tok; }
  /// XHTML read as XML (EPUB chapters): a self-closing non-void element ("<a id='p1'/>",
  /// "<script src='x.js'/>") is closed at once instead of swallowing what follows.
  void set_xml_syntax(bool on) noexcept { xml_syntax_ = on; }
  /// Elements already counted against limits.max_entries, so several documents written into one
  /// result share the budget.
  void set_element_count(std::uint64_t n) noexcept { elements_ = n; }
  [[nodiscard]] std::uint64_t element_count() const noexcept { return elements_; }

  /// Character data: to the title, a table cell, a <pre> block or the writer, unless hidden.
  void on_text(std::string_view text) override;
  /// Implied end tags, then the element's effect (block, span, list, table...); returns the
  /// tokenizer state for its content (raw text for <script>, <style>, <textarea>...).
  text_mode on_start_tag(const tag_view& tag) override;
  /// Closes the element and what is open inside it, as the standard's end tag rules say (stray
  /// end tags are ignored; misnested inline ones close alone).
  void on_end_tag(const tag_view& tag) override;
  /// True inside SVG or MathML.
  bool cdata_allowed() override;

  /// Closes every open element and writes the metadata (`charset`: the encoding used).
  void finish(std::string_view charset);
  /// Closes every open element without writing metadata: the HTML is part of another document
  /// (an email body, an EPUB chapter), whose own title and fields must not be replaced by the page's.
  void finish_embedded();

 private:
  enum class ns : std::uint8_t { html, svg, math };
  // What an open element did when it opened, undone when it closes.
  enum class effect : std::uint8_t {
    none, hidden, span, heading, list, item, quote, code, paragraph, line, space,
    table, row, cell, title, dl, dt, dd,
  };
  // Kinds of "has an element in ... scope" boundaries, tracked per kind in O(1).
  enum boundary : std::uint8_t {
    scope_default, scope_button, scope_list_item, scope_table,
    special_any,      // WHATWG special elements ("any other end tag" stops at them)
    special_li,       // special except address, div, p, li, dd, dt (the <li>/<dd>/<dt> loops)
    html_namespace,   // elements in the HTML namespace (foreign end tags stop at them)
    boundary_count,
  };
  struct frame {
    std::uint16_t tag = 0;
    ns space = ns::html;
    effect fx = effect::none;
    span_kind span = span_kind::strong;
    bool dead = false;         // closed out of order (misnested inline end tag), popped later
    bool integration = false;  // an HTML integration point in foreign content
    std::int32_t prev_same = -1;                          // next lower open element with this tag
    std::array<std::int32_t, boundary_count> prev_boundary{};  // boundary tops before this push
  };
  struct open_span {
    span_kind kind;
    std::string href;
  };

  // Tags: known ones from the table, others interned per document.
  std::uint16_t intern(std::string_view name);
  [[nodiscard]] std::uint16_t find_interned(std::string_view name);
  [[nodiscard]] std::int32_t top(std::uint16_t t) const noexcept { return top_index_[t]; }
  [[nodiscard]] std::int32_t top(tag t) const noexcept { return top_index_[static_cast<std::uint16_t>(t)]; }
  [[nodiscard]] bool top_is(tag t) const noexcept {
    return !frames_.empty() && frames_.back().tag == static_cast<std::uint16_t>(t);
  }
  [[nodiscard]] std::int32_t in_scope(tag t, boundary b) const noexcept {
    const std::int32_t k = top(t);
    return k >= 0 && k >= boundary_top_[b] ? k : -1;
  }

  text_mode start_tag(const tag_view& tv);

  // The stack.
  bool push(std::uint16_t t, ns space, effect fx, span_kind sk = span_kind::strong, bool integration = false);
  void pop_top();
  void pop_to(std::int32_t index);  // pops index and everything above it
  void kill(std::int32_t index);    // closes one element in place (adoption agency, lightly)
  void close_effect(const frame& f);
  [[nodiscard]] bool in_foreign() const noexcept { return !frames_.empty() && frames_.back().space != ns::html; }
  [[nodiscard]] bool html_rules_apply(tag t) const noexcept;

  text_mode html_start(tag t, std::uint16_t id, const tag_view& tv);
  void foreign_start(std::uint16_t id, tag t, const tag_view& tv);
  void table_start(tag t, const tag_view& tv, bool& handled);
  [[nodiscard]] effect effect_for(tag t, const tag_view& tv, span_kind& sk);
  void open_effect(const frame& f, tag t, const tag_view& tv);
  [[nodiscard]] static bool hidden_by_attributes(const tag_view& tv) noexcept;

  // Output.
  void write_text(std::string_view s);
  void boundary_break(bool paragraph);
  void line_break();
  void image(const tag_view& tv);
  void rule();
  void finish_table();
  template <class F>
  void with_spans_closed(F&& f);
  void open_span_kind(span_kind k, std::string_view href);
  void close_span_kind(span_kind k);
  void suspend_spans();
  void resume_spans();
  [[nodiscard]] bool structure_allowed() const noexcept {
    return !tables_.has_target() && heading_depth_ == 0 && pre_depth_ == 0 && nesting_ < max_nesting;
  }

  // Lists and quotes nested deeper than this are written as plain lines: each level indents every
  // line, so deep nesting would otherwise multiply the output.
  static constexpr int max_nesting = 40;

  // <pre>: verbatim text with leading blank lines and trailing whitespace trimmed.
  void pre_text(std::string_view s);
  void pre_newline();
  void ensure_code_block();

  writer& out_;
  tokenizer* tok_ = nullptr;
  bool markdown_;
  std::uint32_t max_depth_;
  std::uint64_t max_entries_;
  std::uint64_t elements_ = 0;
  bool xml_syntax_ = false;
  std::uint64_t pushes_ = 0;       // push() calls, to tell whether a start tag opened an element
  std::size_t pushed_size_ = 0;    // the stack's size right after the last push

  std::vector<frame> frames_;
  std::array<std::int32_t, first_dynamic + dynamic_slots> top_index_;
  std::array<std::int32_t, boundary_count> boundary_top_{};
  std::unordered_map<std::string, std::uint16_t> interned_;
  std::string key_;
  bool depth_warned_ = false;

  int hidden_depth_ = 0;
  int heading_depth_ = 0;
  int pre_depth_ = 0;
  int nesting_ = 0;              // lists, items and quotes open in the writer
  bool skip_raw_ = false;        // a hidden raw-text element past max_depth: skip to its end tag
  bool unpushed_title_ = false;  // a <title> past max_depth: its end tag ends the capture
  bool item_fresh_ = false;      // a list item has begun and nothing is written in it yet
  bool heading_text_ = false;    // the open heading has text: a block starting now ends it
  int dl_last_ = 0;              // 0: nothing yet in this <dl>, 1: last was <dt>, 2: <dd>
  bool after_link_ = false;      // the last token closed a link: a link right after gets a space

  std::array<int, 5> span_count_{};
  std::vector<open_span> spans_;
  std::string href_;

  bool title_capture_ = false;
  std::string title_;

  bool code_open_ = false;
  bool pre_fresh_ = false;
  bool pre_cr_ = false;  // the previous piece of <pre> text ended with CR
  std::string pre_ws_;
  std::string pre_lang_;
  std::string scratch_;

  table_collector tables_;
  bool table_warned_ = false;
  metadata_collector meta_;
};

}  // namespace quarry::detail::html
