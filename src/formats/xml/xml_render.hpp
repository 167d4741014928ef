// The two ways an XML document is written out (xml_survey decides which).
#pragma once

#include <cstddef>

#include "core/writer.hpp"
#include "formats/xml/xml_survey.hpp"

namespace quarry::detail {

/// Data (records, configuration, feeds) as an outline (writer::begin_outline), the XML twin of
/// the JSON rendering: an element holding only text is a line "name: text"; one holding
/// elements is a line "name:" with its children indented under it, and a run of same-named
/// sibling records is one "name:" line with each record an item ("- "), as a YAML sequence.
/// The root's name is not a line (it is metadata). Text is whitespace-collapsed; an element with
/// mixed content is one line of all its text. Attributes are not text, with two exceptions where
/// they are the data: an empty element's attributes are its value ("link: rel=alternate,
/// href=..."), and a record's attributes are its first fields. Namespace declarations and xsi:
/// / xml: attributes never show. In feeds, HTML carried as text is reduced to its words.
/// Returns the number of invalid UTF-8 sequences replaced.
std::size_t render_xml_outline(const xml_survey& s, writer& out);

/// Documents (SVG, XHTML, TEI, DocBook, mixed content) as running text. An element whose parent
/// holds text is inline (its words flow with the parent's); other elements are blocks: a block
/// with text starts a new line, a block of blocks (or of long text) a new paragraph, so words
/// of sibling elements never run together. An SVG <tspan> is inline but a word boundary, unless
/// it starts a line (y, dy or role="line"). script, style and FictionBook binary elements are
/// skipped, and SVG metadata. The human-text attributes alt, title and label are text.
/// Returns the number of invalid UTF-8 sequences replaced.
std::size_t render_xml_prose(const xml_survey& s, writer& out);

}  // namespace quarry::detail
