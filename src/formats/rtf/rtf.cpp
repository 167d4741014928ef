// Rich Text Format: the entry point. The document must begin with "{\rtf" (after an optional
// UTF-8 byte order mark or blank space), or it is CORRUPT; everything else is the reader's.
//
// What a reader of the result can expect (the choices, and why):
// - Groups nested deeper than limits.max_depth are flattened, with an "rtf_depth" warning, not
//   refused: in RTF a group is mostly a formatting scope, so reading the deep ones as part of the
//   deepest kept group loses formatting at worst, and the text survives. Memory stays bounded by
//   the limit; destinations (\field, \footnote...) opened beyond it are skipped.
// - Footnotes and endnotes follow the body, numbered as their \chftn references ("[1]" in the
//   text and "[1] note" after it; "[^1]" and "[^1]: note" in Markdown). Headers and footers
//   (options.include_headers_footers) and comments (options.include_comments, "Author: text")
//   come after them; otherwise they are left out, like pictures, objects' data, the font, color
//   and style tables, bookmarks, index and TOC entries, and every unknown "\*" destination.
// - Hidden (\v) and tracked-deleted text is dropped. Fields show their result; a HYPERLINK field
//   becomes a Markdown link (links to bookmarks inside the document stay plain text).
// - Tables (\intbl, \cell, \row) are streamed to the writer row by row; nested tables' text stays
//   in their outer cell and they are reported in document::tables too.
// - List bullets and numbers (\listtext, \pntext) are kept as text; \outlinelevelN paragraphs
//   are headings; bold, italic and strikethrough become Markdown emphasis.
// - Code pages: \ansicpg and each font's \fcharset or \cpg choose the decoding of 8-bit text;
//   the Symbol font is mapped to Unicode. Double-byte code pages (932, 936, 949, 950, 1361) and
//   others without a table give U+FFFD, with one "rtf_codepage" warning; their text is usually
//   also given as \uN, which is what is read.
#include "core/utf8.hpp"
#include "formats/extractors.hpp"
#include "formats/rtf/reader.hpp"

namespace quarry::detail {

status extract_rtf(std::span<const std::byte> bytes, writer& out) {
  std::string_view in = as_chars(bytes);
  if (in.starts_with("\xEF\xBB\xBF")) in.remove_prefix(3);
  while (!in.empty() && (in.front() == ' ' || in.front() == '\t' || in.front() == '\r' || in.front() == '\n')) {
    in.remove_prefix(1);
  }
  if (!in.starts_with("{\\rtf")) {
    return error{error_code::corrupt, 0, "not an RTF document: it does not begin with {\\rtf"};
  }
  rtf::reader r(in, out);
  return r.run();
}

}  // namespace quarry::detail
