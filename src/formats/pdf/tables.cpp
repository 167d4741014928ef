#include "formats/pdf/tables.hpp"

#include <algorithm>
#include <cstddef>

#include "core/utf8.hpp"

namespace quarry::detail::pdf {

namespace {

#include "pdf_tables.inc"

std::string_view name_at(std::size_t i) noexcept {
  return std::string_view(glyph_name_chars + glyph_name_offsets[i]);
}

bool parse_hex(std::string_view s, char32_t& cp) noexcept {
  if (s.empty() || s.size() > 6) return false;
  char32_t v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else return false;
    v = v * 16 + static_cast<char32_t>(d);
  }
  cp = v;
  return true;
}

bool valid_scalar(char32_t cp) noexcept { return cp != 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF); }

// One component of a glyph name (no '_' and no '.').
bool component_text(std::string_view name, std::string& out) {
  if (name.empty()) return false;
  if (const int i = glyph_index(name); i >= 0 && glyph_name_unicode[i] != 0) {
    append_utf8(glyph_name_unicode[i], out);
    return true;
  }
  if (name.size() >= 7 && name.substr(0, 3) == "uni" && (name.size() - 3) % 4 == 0) {
    std::string tmp;
    for (std::size_t p = 3; p < name.size(); p += 4) {
      char32_t cp;
      if (!parse_hex(name.substr(p, 4), cp) || !valid_scalar(cp)) return false;
      append_utf8(cp, tmp);
    }
    out += tmp;
    return true;
  }
  if (name.size() >= 5 && name.size() <= 7 && name[0] == 'u') {
    char32_t cp;
    if (parse_hex(name.substr(1), cp) && valid_scalar(cp)) {
      append_utf8(cp, out);
      return true;
    }
  }
  return false;
}

}  // namespace

int glyph_index(std::string_view name) noexcept {
  std::size_t lo = 0, hi = glyph_name_count;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    const std::string_view m = name_at(mid);
    if (m < name) lo = mid + 1;
    else if (name < m) hi = mid;
    else return static_cast<int>(mid);
  }
  return -1;
}

std::string_view glyph_name(int index) noexcept {
  if (index < 0 || static_cast<std::size_t>(index) >= glyph_name_count) return {};
  return name_at(static_cast<std::size_t>(index));
}

char32_t glyph_unicode(int index) noexcept {
  if (index < 0 || static_cast<std::size_t>(index) >= glyph_name_count) return 0;
  return glyph_name_unicode[index];
}

int encoding_glyph(base_encoding enc, unsigned char code) noexcept {
  if (enc == base_encoding::none) return -1;
  return static_cast<int>(encoding_glyphs[static_cast<std::size_t>(enc)][code]) - 1;
}

bool glyph_name_text(std::string_view name, std::string& out) {
  if (const int i = glyph_index(name); i >= 0 && glyph_name_unicode[i] != 0) {
    append_utf8(glyph_name_unicode[i], out);
    return true;
  }
  // AGL specification: drop everything after the first period, split ligatures at underscores.
  if (const std::size_t dot = name.find('.'); dot != std::string_view::npos) name = name.substr(0, dot);
  if (name.empty()) return false;
  const std::size_t mark = out.size();
  bool any = false;
  while (!name.empty()) {
    const std::size_t us = name.find('_');
    const std::string_view part = name.substr(0, us);
    if (!part.empty()) {
      if (!component_text(part, out)) {
        out.resize(mark);
        return false;
      }
      any = true;
    }
    if (us == std::string_view::npos) break;
    name.remove_prefix(us + 1);
  }
  return any;
}

const std14_metrics* find_std14(std::string_view base) noexcept {
  if (base.size() > 7 && base[6] == '+') base.remove_prefix(7);  // subset tag "ABCDEF+"
  for (const auto& f : std14_fonts) {
    if (f.name == base) return &f;
  }
  // Aliases (PDF 32000-1 does not list them, but every reader accepts them): the family by prefix,
  // the style by the words after it.
  auto has = [&](std::string_view w) { return base.find(w) != std::string_view::npos; };
  const bool bold = has("Bold") || has("Black") || has("Heavy") || has("Semibold");
  const bool italic = has("Italic") || has("Oblique");
  int family = -1;  // 0 Times, 1 Helvetica, 2 Courier, 3 Symbol, 4 ZapfDingbats
  if (base.starts_with("Times")) family = 0;
  else if (base.starts_with("Helvetica") || base.starts_with("Arial")) family = 1;
  else if (base.starts_with("Courier")) family = 2;
  else if (base.starts_with("Symbol")) family = 3;
  else if (base.starts_with("ZapfDingbats")) family = 4;
  if (family < 0) return nullptr;
  if (family == 3) return &std14_fonts[12];
  if (family == 4) return &std14_fonts[13];
  return &std14_fonts[family * 4 + (bold ? 1 : 0) + (italic ? 2 : 0)];
}

int std14_glyph_width(const std14_metrics& font, int glyph) noexcept {
  if (glyph < 0) return -1;
  const std14_width* first = std14_widths + font.first;
  const std14_width* last = first + font.count;
  const auto g = static_cast<std::uint16_t>(glyph);
  const std14_width* it = std::lower_bound(first, last, g, [](const std14_width& w, std::uint16_t v) { return w.glyph < v; });
  if (it == last || it->glyph != g) return -1;
  return it->width;
}

}  // namespace quarry::detail::pdf
