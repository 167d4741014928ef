// PDF fonts as text extraction needs them (PDF 32000-1 §9.6–9.10): how a string splits into
// character codes, each code's Unicode text and its advance width. Type1 (incl. the standard 14),
// TrueType, Type3 and Type0/CID fonts; encodings from /Encoding, /Differences, the embedded Type1
// program's built-in encoding or the standard ones; ToUnicode CMaps first when present.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <qpdf/QPDFObjectHandle.hh>

#include "formats/pdf/cmap.hpp"
#include "formats/pdf/tables.hpp"

namespace quarry::detail::pdf {

class context;

/// A loaded font.
class font {
 public:
  /// Reads a font dictionary. Never returns nullptr for a dictionary; qpdf may throw on damage.
  static std::unique_ptr<font> load(context& ctx, QPDFObjectHandle dict);

  /// Reads the character code at s[i]; returns how many bytes it took (at least 1).
  std::size_t next_code(std::string_view s, std::size_t i, std::uint32_t& code) const noexcept {
    if (!composite_) {
      code = static_cast<unsigned char>(s[i]);
      return 1;
    }
    return encoding_.next_code(s, i, code);
  }

  /// The advance of a code in text space units per unit of font size (glyph width / 1000 for
  /// everything but Type3 fonts, whose FontMatrix applies).
  [[nodiscard]] double width(std::uint32_t code) const noexcept;

  /// Appends the Unicode text of a code (UTF-8). False when the font does not say what it is.
  bool text(std::uint32_t code, std::string& out) const;

  /// True for vertical writing (Identity-V and other -V CMaps).
  [[nodiscard]] bool vertical() const noexcept { return vertical_; }
  /// True for Type0 fonts (multi-byte codes; word spacing only for the one-byte code 32).
  [[nodiscard]] bool composite() const noexcept { return composite_; }
  /// The glyph size relative to the font size: 1 except for Type3 fonts with unusual FontMatrix.
  [[nodiscard]] double size_scale() const noexcept { return size_scale_; }
  /// True when the font is a Type3 font (glyphs drawn by content streams).
  [[nodiscard]] bool type3() const noexcept { return type3_; }

 private:
  void load_simple(context& ctx, QPDFObjectHandle dict, std::string_view subtype);
  void load_composite(context& ctx, QPDFObjectHandle dict);
  void read_builtin_type1_encoding(context& ctx, QPDFObjectHandle descriptor, std::array<int, 256>& glyphs);
  void read_truetype_cmap(context& ctx, QPDFObjectHandle cidfont);

  bool composite_ = false;
  bool vertical_ = false;
  bool type3_ = false;
  double size_scale_ = 1;
  // Simple fonts: per code, text in texts_[off, off + len) (len 0xFF: unknown) and the width.
  std::array<std::uint32_t, 256> text_off_{};
  std::array<std::uint8_t, 256> text_len_{};
  std::array<float, 256> widths_{};
  std::string texts_;
  // Composite fonts.
  cmap encoding_;
  bool ucs2_codes_ = false;  // Uni*-UCS2 / UTF16 encodings: the code is the text
  struct cid_width {
    std::uint32_t first, last;
    float width;
  };
  std::vector<cid_width> cid_widths_;  // sorted by first
  float default_width_ = 1.0f;
  // CID TrueType fonts without ToUnicode: CID → glyph id (empty: identity) → character, from the
  // embedded program's cmap.
  std::vector<std::uint16_t> cid_to_gid_;
  std::vector<char32_t> gid_unicode_;
  // Both.
  cmap to_unicode_;
  bool has_to_unicode_ = false;
};

}  // namespace quarry::detail::pdf
