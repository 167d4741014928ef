// What the content-stream interpreter gives the layout: positioned glyphs with their text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quarry/quarry.hpp"

namespace quarry::detail::pdf {

/// One shown glyph (or one /ActualText replacement), in the page's device space after /Rotate
/// (y grows upwards, units are points).
struct glyph {
  float x = 0, y = 0;    ///< origin on the baseline
  float ux = 1, uy = 0;  ///< unit vector along the baseline (the writing direction)
  float width = 0;       ///< extent along the baseline
  float size = 0;        ///< font size in device space
  std::uint32_t text_off = 0;  ///< UTF-8 text in page_text::chars
  std::uint16_t text_len = 0;
  bool space = false;    ///< the glyph is a space character
};

/// A page's glyphs in content order, and the page's visible width and height (after /Rotate).
struct page_text {
  std::vector<glyph> glyphs;
  std::string chars;
  float width = 612, height = 792;
  std::uint64_t unmapped = 0;  ///< glyphs whose font does not say what text they are
  std::vector<image_info> images;  ///< images the page draws (only with options::extract_images)

  void clear() {
    glyphs.clear();
    chars.clear();
    unmapped = 0;
    images.clear();
  }
  [[nodiscard]] std::string_view text(const glyph& g) const noexcept {
    return std::string_view(chars).substr(g.text_off, g.text_len);
  }
};

}  // namespace quarry::detail::pdf
