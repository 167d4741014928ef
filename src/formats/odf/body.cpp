#include "formats/odf/body.hpp"

#include <algorithm>
#include <utility>

#include "formats/office/media.hpp"
#include "formats/office/xml_part.hpp"

namespace quarry::detail::odf {

namespace {

// Repeated rows and cells (table:number-rows-repeated / number-columns-repeated) are written out at
// most this many times each; office documents repeat empty filler far beyond any real content.
constexpr std::uint32_t max_repeat = 1000;

// The longest run of spaces a text:s gives in code (elsewhere spaces collapse anyway).
constexpr int max_spaces = 256;

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Elements whose content is never document text: declarations, templates, forms, tracked deletions
// (text:tracked-changes holds the removed text), index templates, alternative text (read with its
// frame), a comment's author and date (read with the comment), and speaker notes (read apart).
bool is_skipped(std::string_view qname, std::string_view local) noexcept {
  if (local == "tracked-changes" || local == "sequence-decls" || local == "variable-decls" ||
      local == "user-field-decls" || local == "dde-connection-decls" || local == "forms" || local == "scripts" ||
      local == "page-thumbnail" || local == "notes" || local == "annotation-end" || local == "event-listeners" ||
      local == "note-citation") {
    return true;
  }
  if (local.ends_with("-source")) return true;  // text:table-of-content-source and its kin
  return qname.starts_with("svg:") || qname.starts_with("dc:") || qname.starts_with("meta:");
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A repeat count attribute, clamped to [1, max_repeat].
std::uint32_t repeat_of(pugi::xml_node n, std::string_view attr) {
  const long long v = attribute_named(n, attr).as_llong(1);
  return static_cast<std::uint32_t>(std::clamp<long long>(v, 1, max_repeat));
}

// A note's mark as shown in the text: its citation ("1", "iv", "*"), kept to characters that are
// safe inside a Markdown footnote label; a running number when none is left.
std::string note_mark(pugi::xml_node note, context& ctx) {
  ++ctx.note_count;
  std::string mark;
  const pugi::xml_node citation = child_named(note, "note-citation");
  std::string_view shown = trim(citation.child_value());
  if (shown.empty()) shown = trim(attribute_named(citation, "label").value());
  for (const char c : shown) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*' || u >= 0x80) mark += c;
    if (mark.size() >= 32) break;
  }
  if (mark.empty()) mark = std::to_string(ctx.note_count);
  return mark;
}

// The alternative text of a draw:frame: svg:title, else svg:desc.
std::string_view frame_alt(pugi::xml_node frame) {
  std::string_view alt = trim(child_named(frame, "title").child_value());
  if (alt.empty()) alt = trim(child_named(frame, "desc").child_value());
  return alt;
}

// The first element child of `n`.
pugi::xml_node first_element(pugi::xml_node n) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return c;
  }
  return {};
}

// Outline-numbered headings come wrapped in lists: such a list reads as headings, not list items.
bool wraps_headings(pugi::xml_node list) {
  const pugi::xml_node first_item = first_element(list);
  return first_item && local_name(first_element(first_item)) == "h";
}

// ---- gathering text (table cells, titles, headers and footers) ---------------------------------

// Walks a subtree into strings: one for the text outside tables, and the rows of every table met,
// nested tables being reported on their own and flattened into their outer cell.
class gatherer {
 public:
  explicit gatherer(context& ctx) : ctx_(ctx) {}

  status run(pugi::xml_node root);

  std::string text;                               ///< the text outside any table
  std::vector<std::vector<std::string>> table;    ///< the rows of `root` when it is a table

 private:
  enum class on_exit : std::uint8_t { none, paragraph, table, row, cell };
  struct frame {
    pugi::xml_node next;
    on_exit exit = on_exit::none;
    bool single = false;  // only `next`, not its siblings
  };
  struct table_state {
    pugi::xml_node node;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    std::uint32_t row_repeat = 1;
    std::uint32_t cell_repeat = 1;
    bool in_cell = false;
  };

  std::string* target() {
    if (tables_.empty()) return &text;
    return tables_.back().in_cell ? &tables_.back().cell : nullptr;
  }
  void append(std::string_view s);
  void end_line();
  status enter(pugi::xml_node n);
  status leave(const frame& f);

  context& ctx_;
  pugi::xml_node root_;
  std::vector<frame> stack_;
  std::vector<table_state> tables_;
};

void gatherer::append(std::string_view s) {
  std::string* t = target();
  if (!t) return;
  for (const char c : s) {
    if (is_space(c)) {
      if (!t->empty() && !is_space(t->back())) *t += ' ';
    } else {
      *t += c;
    }
  }
}

void gatherer::end_line() {
  std::string* t = target();
  if (!t) return;
  while (!t->empty() && (t->back() == ' ' || t->back() == '\t')) t->pop_back();
  if (!t->empty() && t->back() != '\n') *t += '\n';
}

status gatherer::run(pugi::xml_node root) {
  root_ = root;
  stack_.push_back({root, on_exit::none, true});
  const std::uint32_t max_depth = ctx_.out.limits().max_depth;
  while (!stack_.empty()) {
    frame& f = stack_.back();
    if (!f.next) {
      const frame done = f;
      stack_.pop_back();
      if (status st = leave(done); !st.ok()) return st;
      continue;
    }
    const pugi::xml_node n = f.next;
    f.next = f.single ? pugi::xml_node() : n.next_sibling();
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      append(n.value());
      continue;
    }
    if (n.type() != pugi::node_element) continue;
    if (!ctx_.count_entry()) return ctx_.entries_error();
    if (status st = enter(n); !st.ok()) return st;
    if (stack_.size() > max_depth) return ctx_.depth_error();
  }
  while (!text.empty() && is_space(text.back())) text.pop_back();
  return std::monostate{};
}

status gatherer::enter(pugi::xml_node n) {
  const std::string_view qn(n.name());
  const std::string_view ln = local_name(qn.data());
  if (is_skipped(qn, ln)) return std::monostate{};
  const bool table_ns = qn.starts_with("table:");
  if (ln == "p" || ln == "h") {
    end_line();
    stack_.push_back({n.first_child(), on_exit::paragraph});
  } else if (ln == "s") {
    append(" ");
  } else if (ln == "tab") {
    if (std::string* t = target()) *t += '\t';
  } else if (ln == "line-break") {
    if (std::string* t = target()) *t += '\n';
  } else if (ln == "note") {
    std::string mark = note_mark(n, ctx_);
    append("[" + mark + "]");
    ctx_.notes.push_back({std::move(mark), child_named(n, "note-body")});
  } else if (ln == "annotation") {
    if (ctx_.out.opts().include_comments) ctx_.annotations.push_back(n);
  } else if (ln == "number") {
    // A pre-rendered list or heading number: lists are numbered by the reader.
    if (local_name(n.parent()) == "h") {
      append(n.child_value());
      append(" ");
    }
  } else if (ln == "frame") {
    const std::string_view alt = frame_alt(n);
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      const std::string_view cl = local_name(c);
      if (cl == "text-box" || cl == "table") {
        stack_.push_back({c, on_exit::none, true});
        return std::monostate{};
      }
      if (cl == "image") {
        ctx_.add_image(attribute_named(c, "href").value());
        break;
      }
      if (cl == "object" || cl == "object-ole") break;
    }
    if (!alt.empty()) {
      append(" ");
      append(alt);
      append(" ");
    }
  } else if (table_ns && ln == "table") {
    end_line();
    tables_.emplace_back();
    tables_.back().node = n;
    stack_.push_back({n.first_child(), on_exit::table});
  } else if (table_ns && ln == "table-row" && !tables_.empty()) {
    table_state& t = tables_.back();
    t.row.clear();
    t.row_repeat = repeat_of(n, "number-rows-repeated");
    stack_.push_back({n.first_child(), on_exit::row});
  } else if (table_ns && (ln == "table-cell" || ln == "covered-table-cell") && !tables_.empty()) {
    table_state& t = tables_.back();
    t.cell.clear();
    t.in_cell = true;
    t.cell_repeat = repeat_of(n, "number-columns-repeated");
    stack_.push_back({n.first_child(), on_exit::cell});
  } else if (table_ns && (ln == "table-column" || ln == "table-columns" || ln == "table-column-group" ||
                          ln == "table-header-columns" || ln == "title" || ln == "desc")) {
    // Column descriptions hold no text.
  } else {
    stack_.push_back({n.first_child(), on_exit::none});
  }
  return std::monostate{};
}

status gatherer::leave(const frame& f) {
  switch (f.exit) {
    case on_exit::none:
      break;
    case on_exit::paragraph:
      end_line();
      break;
    case on_exit::cell: {
      table_state& t = tables_.back();
      std::string_view c = trim(t.cell);
      for (std::uint32_t i = 0; i < t.cell_repeat; ++i) {
        if (i > 0 && !ctx_.count_entry()) return ctx_.entries_error();
        t.row.emplace_back(c);
      }
      t.cell.clear();
      t.in_cell = false;
      break;
    }
    case on_exit::row: {
      table_state& t = tables_.back();
      for (std::uint32_t i = 0; i < t.row_repeat; ++i) {
        if (i > 0) {
          ctx_.entries += t.row.size();
          if (ctx_.entries > ctx_.out.limits().max_entries) return ctx_.entries_error();
        }
        t.rows.push_back(t.row);
      }
      t.row.clear();
      break;
    }
    case on_exit::table: {
      std::vector<std::vector<std::string>> rows = std::move(tables_.back().rows);
      const pugi::xml_node node = tables_.back().node;
      tables_.pop_back();
      // Filler rows and columns at the end (repeated empty cells) are not content.
      std::size_t width = 0;
      for (const auto& r : rows) {
        for (std::size_t c = r.size(); c > width; --c) {
          if (!r[c - 1].empty()) {
            width = c;
            break;
          }
        }
      }
      while (!rows.empty() && std::all_of(rows.back().begin(), rows.back().end(), [](const std::string& c) { return c.empty(); })) {
        rows.pop_back();
      }
      for (auto& r : rows) r.resize(std::min(r.size(), width));
      if (tables_.empty() && node == root_) {
        table = std::move(rows);  // the table we were asked for
        break;
      }
      // A nested table: reported apart, its text kept in the outer cell.
      std::string flat;
      for (const auto& r : rows) {
        if (!flat.empty()) flat += '\n';
        for (std::size_t c = 0; c < r.size(); ++c) {
          if (c) flat += '\t';
          flat += r[c];
        }
      }
      ctx_.out.add_table(std::move(rows), false);
      if (std::string* t = target()) {
        if (!t->empty() && t->back() != '\n') *t += '\n';
        *t += flat;
        *t += '\n';
      }
      break;
    }
  }
  return std::monostate{};
}

// ---- rendering blocks ----------------------------------------------------------------------------

class block_walker {
 public:
  block_walker(context& ctx, bool continue_line, bool join)
      : ctx_(ctx), out_(ctx.out), continue_line_(continue_line), join_(join) {}

  status run(pugi::xml_node container, bool include_self);

 private:
  enum class on_exit : std::uint8_t { none, paragraph, code_paragraph, heading, quote, list, plain_list, item,
                                      spans, link, text_box };
  struct frame {
    pugi::xml_node next;
    on_exit exit = on_exit::none;
    std::uint8_t bits = 0;  // spans: the formats this frame opened; lists: 1 when numbered
    bool single = false;
    pugi::xml_node node{};  // lists: the list element
  };
  // A writer list left open at the end of a text:list because the next sibling continues it
  // (LibreOffice splits one visual list into several text:list elements).
  struct held_list {
    bool active = false;
    bool numbered = false;
    std::size_t level = 0;
  };

  status enter(pugi::xml_node n);
  void leave(const frame& f);
  // A block begins: a blank line before it, except for the first block of a list item (on its
  // marker's line) and a first block that continues the current line.
  void block_start();
  // Consumes the "first block" states for blocks whose writer call separates itself.
  void block_claimed();
  void close_code();
  void open_paragraph(pugi::xml_node n);
  void open_list(pugi::xml_node n);
  void open_frame(pugi::xml_node n);

  context& ctx_;
  writer& out_;
  std::vector<frame> stack_;
  std::vector<bool> item_first_;
  std::vector<std::string_view> list_styles_;
  int in_paragraph_ = 0;
  int in_code_ = 0;
  int in_heading_ = 0;       // a line break in a heading is a space: Markdown headings are one line
  bool code_open_ = false;
  bool continue_line_;
  bool join_;                // paragraphs are separated by line breaks
  held_list held_;
  std::uint8_t active_ = 0;  // formats opened by enclosing spans
};

void block_walker::block_claimed() {
  continue_line_ = false;
  if (!item_first_.empty()) item_first_.back() = false;
}

void block_walker::block_start() {
  const bool first_in_item = !item_first_.empty() && item_first_.back();
  const bool cont = continue_line_;
  block_claimed();
  if (cont || first_in_item) return;
  if (join_) out_.line_break();
  else out_.paragraph();
}

void block_walker::close_code() {
  if (!code_open_) return;
  out_.end_code_block();
  code_open_ = false;
}

status block_walker::run(pugi::xml_node container, bool include_self) {
  if (include_self) stack_.push_back({container, on_exit::none, 0, true});
  else stack_.push_back({container.first_child(), on_exit::none});
  const std::uint32_t max_depth = out_.limits().max_depth;
  while (!stack_.empty()) {
    if (out_.stopped()) return std::monostate{};
    frame& f = stack_.back();
    if (!f.next) {
      const frame done = f;
      stack_.pop_back();
      leave(done);
      continue;
    }
    const pugi::xml_node n = f.next;
    f.next = f.single ? pugi::xml_node() : n.next_sibling();
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      if (in_paragraph_ > 0) {
        if (in_code_ > 0) out_.text(n.value());
        else out_.text_collapsed(n.value());
      }
      continue;
    }
    if (n.type() != pugi::node_element) continue;
    if (!ctx_.count_entry()) return ctx_.entries_error();
    if (status st = enter(n); !st.ok()) return st;
    if (stack_.size() > max_depth) return ctx_.depth_error();
  }
  close_code();
  return std::monostate{};
}

void block_walker::open_paragraph(pugi::xml_node n) {
  const paragraph_role role = ctx_.styles.role(attribute_named(n, "style-name").value());
  if (role == paragraph_role::code) {
    if (!code_open_) {
      block_claimed();
      out_.begin_code_block();
      code_open_ = true;
    } else {
      out_.text("\n");  // one line per paragraph; empty paragraphs are blank lines
    }
    ++in_paragraph_;
    ++in_code_;
    stack_.push_back({n.first_child(), on_exit::code_paragraph});
    return;
  }
  close_code();
  ++in_paragraph_;
  if (role == paragraph_role::title) {
    block_claimed();
    out_.begin_heading(1);
    ++in_heading_;
    stack_.push_back({n.first_child(), on_exit::heading});
  } else if (role == paragraph_role::quotation) {
    block_claimed();
    out_.begin_quote();
    stack_.push_back({n.first_child(), on_exit::quote});
  } else {
    block_start();
    stack_.push_back({n.first_child(), on_exit::paragraph});
  }
}

void block_walker::open_list(pugi::xml_node n) {
  close_code();
  const pugi::xml_node first_item = first_element(n);
  if (wraps_headings(n)) {
    stack_.push_back({n.first_child(), on_exit::plain_list});
    return;
  }
  std::string_view style = attribute_named(n, "style-name").value();
  if (style.empty() && !list_styles_.empty()) style = list_styles_.back();
  if (style.empty() && first_item) {
    style = ctx_.styles.paragraph_list_style(attribute_named(first_element(first_item), "style-name").value());
  }
  const bool numbered = ctx_.styles.list_numbered(style, list_styles_.size() + 1);
  std::int64_t start = 1;
  if (first_item) start = std::clamp<long long>(attribute_named(first_item, "start-value").as_llong(1), 0, 999999999);
  block_claimed();
  const std::size_t level = list_styles_.size() + 1;
  list_styles_.push_back(style);
  frame f{n.first_child(), on_exit::list, static_cast<std::uint8_t>(numbered ? 1 : 0)};
  f.node = n;
  if (held_.active && held_.level == level) {
    held_.active = false;
    if (held_.numbered == numbered) {  // the same list, continued
      stack_.push_back(f);
      return;
    }
    out_.end_list();
  }
  out_.begin_list(numbered, start);
  stack_.push_back(f);
}

void block_walker::open_frame(pugi::xml_node n) {
  const std::string_view alt = frame_alt(n);
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    const std::string_view cl = local_name(c);
    if (cl == "text-box") {
      close_code();
      stack_.push_back({c.first_child(), on_exit::text_box});
      return;
    }
    if (cl == "table") {
      stack_.push_back({c, on_exit::none, 0, true});
      return;
    }
    if (cl == "image") {
      const std::string_view href = attribute_named(c, "href").value();
      out_.image(alt, href);
      ctx_.add_image(href);
      return;
    }
    if (cl == "object" || cl == "object-ole") break;
  }
  // A chart or formula object, or an empty frame: its alternative text is all there is to read.
  out_.text_collapsed(alt);
}

status block_walker::enter(pugi::xml_node n) {
  const std::string_view qn(n.name());
  const std::string_view ln = local_name(qn.data());
  if (is_skipped(qn, ln)) return std::monostate{};
  if (ln == "p") {
    open_paragraph(n);
  } else if (ln == "h") {
    close_code();
    block_claimed();
    const long long level = attribute_named(n, "outline-level").as_llong(1);
    out_.begin_heading(static_cast<int>(std::clamp<long long>(level, 1, 6)));
    ++in_paragraph_;
    ++in_heading_;
    stack_.push_back({n.first_child(), on_exit::heading});
  } else if (ln == "list") {
    open_list(n);
  } else if (ln == "list-item" || ln == "list-header") {
    close_code();
    // An item holding only a nested list adds no item of its own: the nested list belongs to the
    // item before it (which stays open: items end when the next begins or the list ends).
    if (stack_.back().exit == on_exit::plain_list || local_name(first_element(n)) == "list") {
      stack_.push_back({n.first_child(), on_exit::none});
    } else {
      out_.begin_item();
      item_first_.push_back(true);
      stack_.push_back({n.first_child(), on_exit::item});
    }
  } else if (ln == "span") {
    const std::uint8_t bits =
        in_code_ > 0 ? 0 : static_cast<std::uint8_t>(ctx_.styles.format(attribute_named(n, "style-name").value()) & ~active_);
    if (bits & format_strong) out_.begin_span(span_kind::strong);
    if (bits & format_emphasis) out_.begin_span(span_kind::emphasis);
    if (bits & format_strike) out_.begin_span(span_kind::strike);
    if (bits & format_code) out_.begin_span(span_kind::code);
    active_ |= bits;
    stack_.push_back({n.first_child(), on_exit::spans, bits});
  } else if (ln == "a" && in_paragraph_ > 0 && in_code_ == 0) {
    out_.begin_span(span_kind::link, attribute_named(n, "href").value());
    stack_.push_back({n.first_child(), on_exit::link});
  } else if (ln == "s") {
    if (in_code_ > 0) {
      out_.text(std::string(static_cast<std::size_t>(std::clamp(attribute_named(n, "c").as_int(1), 1, max_spaces)), ' '));
    } else {
      out_.space();
    }
  } else if (ln == "tab") {
    if (in_code_ > 0) out_.text("\t");
    else out_.space();
  } else if (ln == "line-break") {
    if (in_code_ > 0) out_.text("\n");
    else if (in_heading_ > 0) out_.space();
    else out_.line_break();
  } else if (ln == "soft-page-break") {
    // Where the last layout broke the page: no mark in the text.
  } else if (ln == "note") {
    std::string mark = note_mark(n, ctx_);
    if (out_.markdown()) out_.raw("[^" + mark + "]");
    else out_.text("[" + mark + "]");
    ctx_.notes.push_back({std::move(mark), child_named(n, "note-body")});
  } else if (ln == "annotation") {
    if (out_.opts().include_comments) ctx_.annotations.push_back(n);
  } else if (ln == "number") {
    if (local_name(n.parent()) == "h") {
      out_.text_collapsed(n.child_value());
      out_.space();
    }
  } else if (ln == "frame") {
    open_frame(n);
  } else if (ln == "table" && qn.starts_with("table:")) {
    close_code();
    block_claimed();
    return render_table(n, ctx_);
  } else {
    stack_.push_back({n.first_child(), on_exit::none});
  }
  return std::monostate{};
}

void block_walker::leave(const frame& f) {
  switch (f.exit) {
    case on_exit::none:
    case on_exit::plain_list:
      break;
    case on_exit::paragraph:
      --in_paragraph_;
      break;
    case on_exit::code_paragraph:
      --in_paragraph_;
      --in_code_;
      break;
    case on_exit::heading:
      --in_paragraph_;
      --in_heading_;
      out_.end_heading();
      break;
    case on_exit::quote:
      --in_paragraph_;
      out_.end_quote();
      break;
    case on_exit::list: {
      close_code();
      list_styles_.pop_back();
      pugi::xml_node next = f.node.next_sibling();
      while (next && next.type() != pugi::node_element) next = next.next_sibling();
      if (next && local_name(next) == "list" && !wraps_headings(next)) {
        held_ = {true, f.bits == 1, list_styles_.size() + 1};
        break;
      }
      out_.end_list();
      break;
    }
    case on_exit::item:
      close_code();
      item_first_.pop_back();
      break;
    case on_exit::spans:
      if (f.bits & format_code) out_.end_span(span_kind::code);
      if (f.bits & format_strike) out_.end_span(span_kind::strike);
      if (f.bits & format_emphasis) out_.end_span(span_kind::emphasis);
      if (f.bits & format_strong) out_.end_span(span_kind::strong);
      active_ &= static_cast<std::uint8_t>(~f.bits);
      break;
    case on_exit::link:
      out_.end_span(span_kind::link);
      break;
    case on_exit::text_box:
      close_code();
      if (in_paragraph_ > 0) out_.paragraph();  // the rest of the anchoring paragraph
      break;
  }
}

}  // namespace

void context::add_image(std::string_view href) {
  // Linked images (URLs) and empty references are not parts of the package.
  if (!out.opts().extract_images || href.empty() || href.find("://") != std::string_view::npos) return;
  image_info im;
  im.format = image_format_of(href);
  im.name = std::string(href);
  im.page_number = page;
  out.add_image(std::move(im));
}

error context::entries_error() const {
  return error{error_code::limit_exceeded, error::no_offset,
               "the document has more than limits.max_entries (" + std::to_string(out.limits().max_entries) +
                   ") elements"};
}

error context::depth_error() const {
  return error{error_code::limit_exceeded, error::no_offset,
               "the document nests deeper than limits.max_depth (" + std::to_string(out.limits().max_depth) + ")"};
}

status render_blocks(pugi::xml_node container, context& ctx, bool include_self, bool continue_line,
                     bool join_paragraphs) {
  block_walker w(ctx, continue_line, join_paragraphs);
  return w.run(container, include_self);
}

status render_table(pugi::xml_node table, context& ctx) {
  gatherer g(ctx);
  if (status st = g.run(table); !st.ok()) return st;
  ctx.out.add_table(std::move(g.table));
  return std::monostate{};
}

status gather_text(pugi::xml_node node, context& ctx, std::string& out) {
  gatherer g(ctx);
  if (status st = g.run(node); !st.ok()) return st;
  out = std::move(g.text);
  return std::monostate{};
}

void write_lines(std::string_view text, writer& out) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = trim(text.substr(0, nl));
    if (!line.empty()) {
      out.paragraph();
      out.text_collapsed(line);
    }
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

status render_footnotes(context& ctx) {
  writer& out = ctx.out;
  // Notes inside notes append to the list while it is read: index, don't iterate.
  for (std::size_t i = 0; i < ctx.notes.size() && !out.stopped(); ++i) {
    const context::note n = ctx.notes[i];
    out.paragraph();
    if (out.markdown()) out.raw("[^" + n.mark + "]: ");
    else out.text("[" + n.mark + "] ");
    if (status st = render_blocks(n.body, ctx, false, true, true); !st.ok()) return st;
  }
  return std::monostate{};
}

status render_comments(context& ctx) {
  writer& out = ctx.out;
  for (std::size_t i = 0; i < ctx.annotations.size() && !out.stopped(); ++i) {
    const pugi::xml_node a = ctx.annotations[i];
    const std::string_view author = trim(child_named(a, "creator").child_value());
    out.paragraph();
    out.text_collapsed(author.empty() ? std::string("Comment:") : "Comment by " + std::string(author) + ":");
    out.space();
    if (status st = render_blocks(a, ctx, false, true, true); !st.ok()) return st;
  }
  return std::monostate{};
}

}  // namespace quarry::detail::odf
