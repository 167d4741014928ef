// The Unicode cmap of an embedded TrueType program (FontFile2), read backwards: glyph id → the
// character it draws. Used for CID TrueType fonts that have no ToUnicode CMap, whose codes name
// glyphs (through CIDToGIDMap) rather than characters.
#pragma once

#include <string_view>
#include <vector>

namespace quarry::detail::pdf {

/// Fills `out` (indexed by glyph id; 0 = unknown) from the font's (3,10), (3,1) or (0,x) cmap
/// subtable, format 4 or 12. Returns false when the program has no usable Unicode cmap. Malformed
/// programs are read as far as they make sense; work is bounded by the program's size.
bool truetype_glyph_unicode(std::string_view font_program, std::vector<char32_t>& out);

}  // namespace quarry::detail::pdf
