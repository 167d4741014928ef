// w:sym characters: a font and a code, where symbol fonts put their glyphs in the private use area
// (U+F020..U+F0FF). The Symbol font is mapped to the Unicode characters it draws (Greek, maths,
// arrows); a few Wingdings check marks and boxes too; other private-use codes draw pictures with no
// text meaning and are dropped.
#pragma once

#include <string_view>

namespace quarry::detail::docx {

/// The character a w:sym of `font` and hex `code` ("F0B7") stands for; 0 when it is nothing to
/// write (an unmapped symbol-font picture, a control character, a malformed code).
[[nodiscard]] char32_t symbol_char(std::string_view font, std::string_view code) noexcept;

}  // namespace quarry::detail::docx
