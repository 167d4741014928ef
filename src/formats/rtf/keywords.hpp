// The control words the reader acts on, and what each does. Every other word is ignored, as the
// RTF specification asks; a `\*` group whose word is not here is skipped whole.
#pragma once

#include <cstdint>
#include <string_view>

namespace quarry::detail::rtf {

/// What a control word does.
enum class action : std::uint8_t {
  // Destinations: the rest of the group is read (or skipped) as something other than body text.
  skip,           ///< not text: skipped whole (pictures, style sheet, bookmarks...)
  header_footer,  ///< \header, \footerl...: kept after the body with options.include_headers_footers
  annotation,     ///< \annotation: a comment, kept after the body with options.include_comments
  annotation_author,  ///< \atnauthor: the author of the next comment
  font_table,     ///< \fonttbl: font numbers, charsets and names
  info,           ///< \info: holds the metadata fields; its own text is dropped
  info_text,      ///< a metadata text field (`arg`: info_field)
  info_date,      ///< a metadata date (`arg`: info_field), from \yr \mo \dy \hr \min \sec
  footnote,       ///< \footnote: the note's text is kept for the end of the document
  field,          ///< \field: holds an instruction and its result
  field_inst,     ///< \fldinst: the field's instruction (HYPERLINK "url"...)
  field_result,   ///< \fldrslt: the field's displayed text (a link span for hyperlinks)
  list_text,      ///< \listtext, \pntext: the bullet or number of a list paragraph
  unicode_pair,   ///< \upr: its first subgroup duplicates the \ud group that follows in ANSI
  transparent,    ///< a destination whose text is body text (\ud, \shptxt, \result...)
  drop,           ///< a destination whose text is dropped but whose words count (\nesttableprops)
  // Breaks and characters.
  par, line, tab, page, cell, row, nest_cell, nest_row,
  character,      ///< a named character (`arg`: its code point)
  footnote_mark,  ///< \chftn: the automatic footnote number
  unicode,        ///< \uN
  unicode_skip,   ///< \ucN
  // Character formatting.
  bold, italic, strike, hidden, deleted, plain, font,
  // Paragraph formatting.
  pard, in_table, table_level, outline_level,
  // Document and font table properties.
  default_font, codepage_name,  ///< \ansi \mac \pc \pca (`arg`: the code page)
  ansi_codepage, font_charset, font_codepage,
  // Metadata numbers and date parts.
  info_number,    ///< \nofpages \nofwords \nofchars (`arg`: info_number)
  date_part,      ///< `arg`: 0 year .. 5 second
};

/// The metadata fields of \info (the `arg` of info_text and info_date).
enum class info_field : std::uint8_t {
  title, subject, author, manager, company, operator_name, category, keywords, comment,
  generator, created, modified,
};

/// The numbers of \info (the `arg` of info_number).
enum class info_number : std::uint8_t { pages, words, characters, version };

/// One known control word.
struct keyword {
  std::string_view name;
  action act;
  std::uint32_t arg = 0;
};

/// The entry of a control word, or nullptr for words we ignore.
const keyword* find_keyword(std::string_view name) noexcept;

/// True for actions that begin a destination (the words that may follow `\*`).
constexpr bool is_destination(action a) noexcept { return a <= action::drop; }

}  // namespace quarry::detail::rtf
