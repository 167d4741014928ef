#include "formats/pdf/truetype.hpp"

#include <cstdint>

namespace quarry::detail::pdf {

namespace {

constexpr std::uint32_t max_glyphs = 65536;
constexpr std::uint32_t max_format12_chars = 1u << 20;

struct reader {
  std::string_view d;
  [[nodiscard]] bool has(std::size_t at, std::size_t n) const { return at <= d.size() && n <= d.size() - at; }
  [[nodiscard]] std::uint32_t u16(std::size_t at) const {
    if (!has(at, 2)) return 0;
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(d[at])) << 8) | static_cast<unsigned char>(d[at + 1]);
  }
  [[nodiscard]] std::uint32_t u32(std::size_t at) const { return (u16(at) << 16) | u16(at + 2); }
};

void set(std::vector<char32_t>& out, std::uint32_t gid, std::uint32_t cp) {
  if (gid == 0 || gid >= max_glyphs || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  if (out.size() <= gid) out.resize(gid + 1, 0);
  if (out[gid] == 0) out[gid] = static_cast<char32_t>(cp);  // the first character drawn by a glyph wins
}

void format4(const reader& r, std::size_t at, std::vector<char32_t>& out) {
  const std::uint32_t seg_count = r.u16(at + 6) / 2;
  const std::size_t ends = at + 14, starts = ends + 2 * seg_count + 2;
  const std::size_t deltas = starts + 2 * seg_count, offsets = deltas + 2 * seg_count;
  for (std::uint32_t s = 0; s < seg_count; ++s) {
    const std::uint32_t end = r.u16(ends + 2 * s), start = r.u16(starts + 2 * s);
    const std::uint32_t delta = r.u16(deltas + 2 * s), range = r.u16(offsets + 2 * s);
    if (start > end || !r.has(offsets + 2 * s, 2)) continue;
    for (std::uint32_t c = start; c <= end && c != 0xFFFF; ++c) {
      std::uint32_t gid;
      if (range == 0) {
        gid = (c + delta) & 0xFFFF;
      } else {
        const std::size_t p = offsets + 2 * s + range + 2 * (c - start);
        gid = r.u16(p);
        if (gid != 0) gid = (gid + delta) & 0xFFFF;
      }
      set(out, gid, c);
    }
  }
}

void format12(const reader& r, std::size_t at, std::vector<char32_t>& out) {
  const std::uint32_t groups = r.u32(at + 12);
  std::uint32_t budget = max_format12_chars;
  for (std::uint32_t g = 0; g < groups && r.has(at + 16 + 12 * std::size_t{g}, 12); ++g) {
    const std::size_t p = at + 16 + 12 * std::size_t{g};
    const std::uint32_t start = r.u32(p), end = r.u32(p + 4), gid = r.u32(p + 8);
    if (start > end || end > 0x10FFFF) continue;
    for (std::uint32_t c = start; c <= end && budget > 0; ++c, --budget) set(out, gid + (c - start), c);
    if (budget == 0) return;
  }
}

}  // namespace

bool truetype_glyph_unicode(std::string_view font_program, std::vector<char32_t>& out) {
  out.clear();
  const reader r{font_program};
  const std::uint32_t tables = r.u16(4);
  std::size_t cmap = 0;
  for (std::uint32_t t = 0; t < tables && r.has(12 + 16 * std::size_t{t}, 16); ++t) {
    const std::size_t rec = 12 + 16 * std::size_t{t};
    if (font_program.substr(rec, 4) == "cmap") cmap = r.u32(rec + 8);
  }
  if (cmap == 0 || !r.has(cmap, 4)) return false;
  // The best Unicode subtable: full repertoire (3,10) or (0,4+), then BMP (3,1) or (0,x).
  std::size_t best = 0;
  int best_rank = 0;
  const std::uint32_t subtables = r.u16(cmap + 2);
  for (std::uint32_t i = 0; i < subtables && r.has(cmap + 4 + 8 * std::size_t{i}, 8); ++i) {
    const std::size_t rec = cmap + 4 + 8 * std::size_t{i};
    const std::uint32_t platform = r.u16(rec), encoding = r.u16(rec + 2);
    const std::size_t at = cmap + r.u32(rec + 4);
    const std::uint32_t format = r.u16(at);
    if (format != 4 && format != 12) continue;
    int rank = 0;
    if (platform == 3 && encoding == 10) rank = 4;
    else if (platform == 0 && encoding >= 4) rank = 3;
    else if (platform == 3 && encoding == 1) rank = 2;
    else if (platform == 0) rank = 1;
    if (rank > best_rank) best_rank = rank, best = at;
  }
  if (best_rank == 0) return false;
  if (r.u16(best) == 4) format4(r, best, out);
  else format12(r, best, out);
  return !out.empty();
}

}  // namespace quarry::detail::pdf
