// Reading order: a page's positioned glyphs → words (by the gaps between glyphs, relative to the font
// size) → lines → blocks (lines stacked closely, of similar size) → blocks in reading order (columns
// found by cuts through the white space between blocks), written as paragraphs. Handles rotated
// text (each writing direction is laid out on its own), superscripts, duplicated glyphs drawn to fake
// bold, ligatures, right-to-left lines and words hyphenated at line ends.
#pragma once

#include <cstdint>

#include "core/writer.hpp"
#include "formats/pdf/page_text.hpp"

namespace quarry::detail::pdf {

/// Writes one page's text to `out` in reading order (Markdown headings by font size).
void write_page_text(const page_text& page, writer& out);

}  // namespace quarry::detail::pdf
