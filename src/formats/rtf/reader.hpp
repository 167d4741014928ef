// The RTF interpreter: walks the tokens with an explicit stack of group states (no recursion),
// routes text to the body, table cells, footnotes, field instructions or metadata, and describes
// the document to the writer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"
#include "formats/rtf/codepage.hpp"
#include "formats/rtf/info.hpp"
#include "formats/rtf/keywords.hpp"
#include "formats/rtf/lexer.hpp"
#include "formats/rtf/table.hpp"

namespace quarry::detail::rtf {

/// Where the text of a group goes.
enum class destination : std::uint8_t {
  body,        ///< the document's text (or the current table cell, in \intbl paragraphs)
  drop,        ///< nowhere; control words still act (\info, \nesttableprops)
  note,        ///< the last note (footnote, header or footer, comment), written after the body
  note_author, ///< the author of the next comment
  field_inst,  ///< the current field's instruction
  info_text,   ///< a metadata text field
  info_date,   ///< a metadata date (its parts are control words)
  font_table,  ///< font names (only to recognise the Symbol font)
  list_text,   ///< the bullet or number of the next list paragraph
};

/// What RTF scopes to a group: '{' saves it, '}' restores it.
struct group_state {
  destination where = destination::body;
  bool owner = false;            ///< `where` was set in this group: its end ends the destination
  bool field_owner = false;      ///< a \field began in this group
  bool skip_next_group = false;  ///< after \upr: the next subgroup is an ANSI duplicate
  bool bold = false, italic = false, strike = false, hidden = false, deleted = false;
  bool intbl = false;            ///< the paragraph is in a table cell
  std::int8_t outline = -1;      ///< \outlinelevelN: a heading of level N + 1
  std::uint8_t uc = 1;           ///< bytes that stand in for each \uN character
  std::uint8_t info = 0;         ///< the info_field of an info destination
  std::int32_t font = -1;        ///< \fN; -1 for the default font
  std::int32_t field = -1;       ///< index in the field stack of the innermost field
  std::int32_t link_field = -1;  ///< the field whose hyperlink this text is the result of
};

/// Reads one RTF document (starting at its "{\rtf") into a writer.
class reader {
 public:
  reader(std::string_view rtf, writer& out);

  /// Reads the whole document. Damage becomes warnings; limits stop the writer.
  status run();

 private:
  // A font of the font table, as far as decoding needs it.
  struct font_entry {
    std::int32_t number = 0;
    std::uint16_t codepage = 0;  // 0: the document's code page
    bool symbol = false;         // a symbol-charset font (\fcharset2)
    bool symbol_font = false;    // the Symbol font itself, whose layout we know
  };
  // The font table entry being read.
  struct pending_font {
    bool active = false;
    bool name_done = false;  // the name ended at ';'
    std::int32_t number = 0;
    std::int32_t charset = -1;
    std::int32_t codepage = 0;
    std::string name;
  };
  // An open \field: its instruction, and the link target found in it.
  struct field_frame {
    std::string instruction;
    std::string href;
  };
  // Text kept for after the body.
  enum class note_kind : std::uint8_t { footnote, header_footer, comment };
  struct note {
    note_kind kind = note_kind::footnote;
    bool numbered = false;     // a footnote with an automatic number (\chftn)
    std::uint32_t number = 0;  // footnotes: 1, 2, ...
    std::string text;
    std::string author;        // comments
  };
  // A span open in the writer (we mirror them to close and reopen as formatting changes).
  struct mirror_span {
    span_kind kind;
    std::string href;
  };

  group_state& top() noexcept { return stack_.back(); }

  // Tokens.
  void open_group();
  void close_group();
  void pop_group();                         // drops the innermost state and runs ended()
  void ended(const group_state& closed);    // what ends with a group: fonts, metadata, fields
  void on_word(const token& t, bool starred);
  void on_symbol(char c);
  void on_text(std::string_view bytes);
  void on_hex(unsigned char byte);
  void on_unicode(const token& t);

  // Destinations.
  bool begin_destination(destination d);  // false when the group was skipped instead
  void skip_rest_of_group();               // through the matching '}', undecoded
  void start_note(note_kind kind);
  void start_field();
  void start_field_result();
  void footnote_mark();

  // Text.
  const byte_decoder& decoder();            // of the current font (cached)
  void put_bytes(std::string_view bytes);   // 8-bit text in the current font's code page
  void settle_bytes();                      // decodes held multi-byte text before anything else
  void put_code_point(char32_t cp);
  void put_text(std::string_view utf8);     // routes decoded text by destination
  void put_font_name(std::string_view bytes);
  void flush_run();                         // body text to the writer, with its spans
  void start_paragraph();                   // heading and list marker before the first text
  void close_body_paragraph();
  void sync_spans(bool strong, bool emphasis, bool strike, std::string_view href);
  void sync_spans_to_state();

  // Breaks and tables.
  void paragraph_end();
  void line_end();
  void cell_end();
  void row_end();
  void finish_table();

  // Fonts.
  void start_font(std::int32_t number);
  void commit_font();
  void finish_font_table();
  const font_entry* find_font(std::int32_t number) const noexcept;

  void finish();                            // the end of input: open table, notes, warnings
  void write_notes();
  bool count_entry();                       // false (and the writer stopped) past max_entries
  void warn_codepage(unsigned codepage, bool double_byte);

  lexer lex_;
  writer& out_;
  const bool markdown_;
  std::size_t max_groups_;
  std::vector<group_state> stack_;  // [0] is outside every group
  std::uint64_t flat_ = 0;          // groups open beyond max_depth, read as part of the deepest
  bool done_ = false;               // the \rtf group closed
  bool star_ = false;               // the last token was "\*"
  std::int32_t skip_ = 0;           // fallback bytes still to skip after \uN
  char32_t high_surrogate_ = 0;

  unsigned doc_codepage_ = 1252;
  std::int32_t default_font_ = -1;
  std::vector<font_entry> fonts_;
  pending_font font_;
  bool decoder_valid_ = false;
  std::int32_t decoder_font_ = 0;
  byte_decoder decoder_;
  std::string pending_bytes_;  // multi-byte code pages: bytes not yet decoded
  byte_decoder pending_decoder_;

  std::string run_;      // body text not yet given to the writer
  std::string scratch_;  // decoding
  std::string list_marker_;
  bool para_started_ = false;
  bool heading_open_ = false;
  std::vector<mirror_span> spans_;  // the writer's open spans, outermost first
  table_builder table_;
  std::vector<field_frame> fields_;
  std::vector<note> notes_;
  std::uint64_t note_bytes_ = 0;
  std::uint32_t footnote_count_ = 0;
  std::string author_;  // \atnauthor, for the next \annotation
  std::string info_text_;
  date_parts date_{};
  std::uint64_t entries_ = 0;
  bool depth_warned_ = false;
  bool codepage_warned_ = false;
};

}  // namespace quarry::detail::rtf
