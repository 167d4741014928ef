// The walk over WordprocessingML content (w:body, a footnote, a header, a comment) that describes
// it to the writer: paragraphs, headings, lists, quotes, code, tables, links, emphasis, images,
// fields, notes. The tree is walked iteratively through pugixml's parent links; every nesting the
// document controls (elements, tables, fields, text boxes) lives in explicit stacks bounded by
// limits.max_depth, and paragraphs and cells count against limits.max_entries.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/writer.hpp"
#include "formats/docx/numbering.hpp"
#include "formats/docx/styles.hpp"
#include "pugixml.hpp"

namespace quarry::detail::docx {

/// The r:id targets of one part (hyperlink URLs, image part names), looked up in O(log n).
class link_index {
 public:
  /// Adds a relationship; call sort() after the last.
  void add(std::string id, std::string target);
  void sort();
  /// The target of `id`, or "" when the part has no such relationship.
  [[nodiscard]] std::string_view find(std::string_view id) const noexcept;

 private:
  std::vector<std::pair<std::string, std::string>> links_;
};

/// What is being walked: the body, a note or comment (after the body, with its label), or a page
/// header/footer.
enum class part_role : std::uint8_t { body, note, comment, header_footer };

/// The target of a HYPERLINK field instruction (`HYPERLINK "url" \l "anchor"`): the URL, with
/// "#anchor" appended (Word's hidden "_" bookmarks left out); "" for other fields.
[[nodiscard]] std::string hyperlink_target(std::string_view instruction);

/// The image format a part name's extension names: "png", "jpeg", "gif", "emf", "tiff"...; "" when
/// it has none.
[[nodiscard]] std::string image_format(std::string_view part);

/// A footnote or endnote reference met during the walk, numbered in order of first reference.
struct note_ref {
  bool endnote = false;
  std::string id;    ///< w:id of the w:footnote / w:endnote
  int number = 0;    ///< 1, 2, ... across footnotes and endnotes
};

/// Walks WordprocessingML into a writer. One walker serves a whole document: list numbering,
/// note numbers and the header/footer references carry over from one walk to the next.
class walker {
 public:
  walker(writer& out, const style_table& styles, const numbering_table& numbering);

  /// Walks the children of `root` (w:body, w:footnote, w:hdr, w:comment...) with `links` resolving
  /// its r:ids. A note or comment starts with `label` ("[^1]: ", "Comment by A: "); its paragraphs
  /// are kept together in one block. Errors are limits (LIMIT_EXCEEDED); the writer may also stop.
  [[nodiscard]] status walk(pugi::xml_node root, const link_index& links, part_role role, std::string_view label = {});

  /// Closes open lists, quotes and code blocks (between parts, and at the end).
  void close_blocks();

  /// The notes referenced so far, in order (walks of notes may add more).
  [[nodiscard]] const std::vector<note_ref>& notes() const noexcept { return notes_; }
  /// r:ids of the headers and footers the body's sections name, in order, without repeats.
  [[nodiscard]] const std::vector<std::string>& header_ids() const noexcept { return header_ids_; }
  [[nodiscard]] const std::vector<std::string>& footer_ids() const noexcept { return footer_ids_; }
  /// Explicit page breaks passed so far (options::pages: each ended a page).
  [[nodiscard]] std::uint32_t pages_ended() const noexcept { return pages_ended_; }

 private:
  // The elements the walk tells apart, by local name.
  enum class el : std::uint8_t {
    other,        // walked through (w:body, w:ins, w:sdtContent, w:smartTag, m:oMath...)
    skip,         // not walked: properties, deleted text, field codes, OLE objects...
    p, r, t, tab, br, cr, soft_hyphen, no_break_hyphen, sym, instr_text, fld_char, fld_simple,
    hyperlink, tbl, tr, tc, sdt, alternate, choice, fallback, txbx_content, drawing, pict,
    footnote_ref, endnote_ref, sect_pr, alt_chunk,
    doc_pr, blip, imagedata, vshape,  // inside drawings
    m_f, m_num, m_den, m_ssup, m_ssub, m_ssubsup, m_sup, m_sub, m_rad, m_e, m_d, m_nary, m_func,
  };
  struct frame {
    pugi::xml_node root;     // the node whose children are walked
    pugi::xml_node cur;
    std::uint32_t depth = 0; // element depth of cur in its part
    bool finished = false;   // cur was handled: move on to its next sibling
  };
  struct run_format {
    bool strong = false, emphasis = false, strike = false, code = false, hidden = false;
  };
  enum class para_kind : std::uint8_t { normal, heading, item, quote, code };
  struct open_list {
    int ilvl = 0;
    std::int64_t abstract_id = -1;
    bool ordered = false;
    std::int64_t next = 1;  // the number the writer gives the next item
  };
  struct list_counters {
    std::array<std::int64_t, 9> value{};
    std::array<bool, 9> started{};
  };
  struct table_state {
    std::size_t columns = 0;
    bool nested = false;
    bool started = false;  // begin_table() was called (top-level tables stream their rows)
    std::uint32_t span = 1;
    std::vector<std::string> row;
    std::vector<std::vector<std::string>> rows;  // nested tables: kept until the table ends
    std::string cell;
  };
  struct field_state {
    bool instruction = true;  // between begin and separate: w:instrText, not shown
    bool link = false;        // a HYPERLINK field whose result is a link span
    std::string code;         // the instruction (bounded)
  };
  struct drawing_state {
    std::string_view alt;
    std::string_view src;
    bool picture = false;
  };
  struct math_state {
    std::string_view close;   // m:d's end character
    std::string_view sep;     // m:d's separator
    int items = 0;            // m:e children of m:d seen
  };

  [[nodiscard]] el classify(pugi::xml_node n) const noexcept;
  bool enter(pugi::xml_node n, el k, std::uint32_t depth);
  void enter_break(pugi::xml_node n);
  void enter_symbol(pugi::xml_node n);
  void enter_simple_field(pugi::xml_node n);
  void enter_hyperlink(pugi::xml_node n);
  void enter_picture_part(pugi::xml_node n, el k);  // wp:docPr, a:blip, v:imagedata
  void leave(pugi::xml_node n, el k);
  void fail(error e);
  void walk_deferred();  // pushes a frame for each deferred text box

  // blocks
  void begin_paragraph(pugi::xml_node p);
  void end_paragraph();
  void open_list_item(const list_ref& ref, std::int64_t number, int ilvl);
  std::int64_t next_list_number(const list_ref& ref, std::int64_t num_id, int ilvl);
  [[nodiscard]] std::string level_label(const list_ref& ref, std::int64_t num_id, int ilvl, std::int64_t number) const;
  void close_lists();
  void close_quote_and_code();
  void page_break();
  void read_section(pugi::xml_node sect);

  // inline
  void read_run(pugi::xml_node r);
  void text(std::string_view s);
  void text_element(pugi::xml_node t);
  void tab();
  void line_break();
  void marker(std::string_view plain, std::string_view markdown);
  void sync_format();
  void close_format();
  void begin_link(std::string_view href);
  void end_link();
  void field_char(pugi::xml_node n);
  void field_code(std::string_view s);
  void note_reference(pugi::xml_node n, bool endnote);
  void end_drawing();
  bool math_enter(pugi::xml_node n, el k);  // false: the element was written whole
  void math_leave(el k);
  [[nodiscard]] bool suppressed() const noexcept { return instruction_fields_ > 0 || run_.hidden; }
  // A link span can open: Markdown, outside table cells (whose text is plain), not inside another.
  [[nodiscard]] bool can_link() const noexcept {
    return out_.markdown() && !in_cell() && link_spans_ == 0 && !suppressed();
  }

  // tables
  [[nodiscard]] bool in_cell() const noexcept { return !tables_.empty(); }
  void cell_append(std::string_view s);
  void begin_table(pugi::xml_node tbl);
  void begin_row(pugi::xml_node tr);
  void begin_cell(pugi::xml_node tc);
  void end_cell();
  void end_row();
  void end_table();

  writer& out_;
  const style_table& styles_;
  const numbering_table& numbering_;
  const link_index* links_ = nullptr;
  part_role role_ = part_role::body;
  bool failed_ = false;
  bool alt_chunk_warned_ = false;
  error error_;
  std::uint64_t entries_ = 0;
  std::uint64_t cell_bytes_ = 0;  // text buffered in table cells, bounded by max_output_bytes

  std::vector<frame> frames_;
  std::vector<el> open_;          // kinds of the open elements, outermost first
  std::vector<std::pair<pugi::xml_node, std::uint32_t>> deferred_;  // text boxes, after their paragraph

  // the paragraph
  int para_depth_ = 0;
  para_kind kind_ = para_kind::normal;
  bool para_text_ = false;        // the paragraph has shown text (tabs before it are dropped)
  bool join_next_ = false;        // a drop cap: the next paragraph continues this one's line
  std::string_view label_;        // note/comment label still to write
  bool label_pending_ = false;

  // block containers
  std::vector<open_list> lists_;
  std::unordered_map<std::int64_t, list_counters> counters_;   // by abstract numbering
  std::unordered_map<std::int64_t, bool> restarted_;           // num_id * 16 + level
  bool quote_open_ = false;
  bool code_open_ = false;

  // inline state
  run_format run_;
  std::vector<span_kind> open_format_;  // format spans open in the writer (Markdown), outermost first
  std::vector<bool> hyperlinks_;        // per open w:hyperlink: whether it opened a link span
  int link_spans_ = 0;
  std::vector<field_state> fields_;
  int instruction_fields_ = 0;          // fields of fields_ in their instruction part
  int field_overflow_ = 0;              // begins past max_fields, matched by their ends
  std::vector<bool> alternates_;        // per open mc:AlternateContent: a branch was taken
  std::vector<drawing_state> drawings_;
  std::vector<math_state> math_;
  std::vector<bool> math_parens_;       // per open m:num/m:den/m:sup/m:sub/m:e of m:rad: closes with ')'

  // tables
  std::vector<table_state> tables_;
  std::vector<std::string_view> row_views_;  // scratch: a row handed to the writer

  // notes, sections, pages
  std::vector<note_ref> notes_;
  std::unordered_map<std::string, int> note_numbers_;  // "f" or "e" + w:id -> number
  std::vector<std::string> header_ids_;
  std::vector<std::string> footer_ids_;
  std::uint32_t pages_ended_ = 0;
};

}  // namespace quarry::detail::docx
