// The PDF data tables generated at build time (tools/gen_pdf_tables.py): glyph names and their
// Unicode values (Adobe Glyph List), the base encodings, and the standard 14 fonts' widths.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quarry::detail::pdf {

/// The encodings a simple font can start from, in the order of the generated table.
enum class base_encoding : std::uint8_t { standard, winansi, macroman, pdfdoc, symbol, zapfdingbats, none };

/// One width of a standard 14 font: glyph index (into the glyph name table) and width in 1/1000 em.
struct std14_width {
  std::uint16_t glyph;
  std::uint16_t width;
};

/// One of the standard 14 fonts: its widths are std14_widths[first, first + count), sorted by glyph.
struct std14_metrics {
  std::string_view name;
  std::uint32_t first;
  std::uint32_t count;
  std::int16_t ascent;
  std::int16_t descent;
  std::uint16_t space_width;
  bool fixed_pitch;
};

/// The index of a glyph name in the generated table, or -1.
int glyph_index(std::string_view name) noexcept;

/// The glyph name of a table index.
std::string_view glyph_name(int index) noexcept;

/// The glyph at `code` in a base encoding: a table index, or -1 when the code is unassigned.
int encoding_glyph(base_encoding enc, unsigned char code) noexcept;

/// Appends the text of a glyph name to `out` (UTF-8): the Adobe Glyph List, `uniXXXX[XXXX...]`,
/// `uXXXX[XX]`, ligature names joined by `_`, and a `.suffix` dropped. False when unknown.
bool glyph_name_text(std::string_view name, std::string& out);

/// The Unicode value of a table index (0 when the list has none).
char32_t glyph_unicode(int index) noexcept;

/// The standard 14 font a BaseFont name stands for (subset prefixes, common aliases such as Arial
/// and TimesNewRoman, and ",Bold"-style suffixes understood), or nullptr.
const std14_metrics* find_std14(std::string_view base_font) noexcept;

/// A standard 14 font's width of a glyph, or -1.
int std14_glyph_width(const std14_metrics& font, int glyph) noexcept;

}  // namespace quarry::detail::pdf
