#include "formats/pdf/layout.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/utf8.hpp"
#include "formats/pdf/numeric.hpp"

namespace quarry::detail::pdf {

namespace {

// Thresholds, in units of the font size.
constexpr float word_gap = 0.12f;      // a horizontal gap wider than this separates words
constexpr float segment_gap = 1.6f;    // ... and wider than this, columns or table cells
constexpr float row_tolerance = 0.5f;  // baselines closer than this are one row (superscripts too)
constexpr float line_pitch = 1.55f;    // lines further apart than this start a new block
constexpr std::size_t max_cut_blocks = 2000;  // more blocks than this: plain top-down order
constexpr std::size_t max_open_blocks = 256;  // blocks a new line may join, most recent first

// A glyph placed in its writing direction's frame: x along the baseline, y down across lines.
struct placed {
  float x0, x1, y, size;
  std::uint32_t index;  // into page_text::glyphs
  bool space_before = false, space_after = false;  // a space glyph next to it in content order
};

// A run of glyphs on one row with no wide gap: one line of a block.
struct segment {
  float x0, x1, y, size;
  std::string text;
  std::uint32_t chars = 0;  // visible characters, for the body size
};

struct block {
  float x0, x1, top, bottom;
  float size;  // of the first line
  std::vector<std::uint32_t> lines;  // segment indices
};

int direction_of(const glyph& g) {
  if (std::fabs(g.ux) >= std::fabs(g.uy)) return g.ux >= 0 ? 0 : 2;
  return g.uy > 0 ? 1 : 3;
}

bool is_rtl(char32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

bool is_strong_ltr(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c < 0x0590 && c != 0xD7 && c != 0xF7);
}

// Appends a glyph's text, expanding ligatures and dropping control characters.
void append_clean(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b >= 0x20 && b != 0x7F) out.push_back(static_cast<char>(b));
      else if (b == '\t' || b == '\n' || b == '\r') out.push_back(' ');
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t c = decode_utf8(s, i);
    switch (c) {
      case 0xFB00: out += "ff"; break;
      case 0xFB01: out += "fi"; break;
      case 0xFB02: out += "fl"; break;
      case 0xFB03: out += "ffi"; break;
      case 0xFB04: out += "ffl"; break;
      case 0xFB05: out += "ft"; break;
      case 0xFB06: out += "st"; break;
      case 0xA0: out.push_back(' '); break;
      default:
        if (c >= 0x80 && c < 0xA0) break;  // C1 controls
        if (c == 0xFEFF || c == 0x200B) break;  // BOM, zero-width space
        out.append(s.substr(start, i - start));
        break;
    }
  }
}

// Reverses the order of the words of a right-to-left line, and the characters of each RTL word
// (PDF producers draw such text in visual order).
void fix_rtl(std::string& line) {
  std::size_t rtl = 0, ltr = 0;
  for (std::size_t i = 0; i < line.size();) {
    const char32_t c = decode_utf8(line, i);
    if (is_rtl(c)) ++rtl;
    else if (is_strong_ltr(c)) ++ltr;
  }
  if (rtl == 0 || rtl < ltr) return;
  std::vector<std::string> words;
  std::size_t p = 0;
  while (p <= line.size()) {
    const std::size_t sp = line.find(' ', p);
    const std::string_view w = std::string_view(line).substr(p, sp == std::string::npos ? std::string::npos : sp - p);
    // Reverse the code points of words that hold RTL characters; others (numbers, Latin) stay.
    bool has_rtl = false;
    std::vector<std::string_view> cps;
    for (std::size_t i = 0; i < w.size();) {
      const std::size_t s = i;
      const char32_t c = decode_utf8(w, i);
      has_rtl = has_rtl || is_rtl(c);
      cps.push_back(w.substr(s, i - s));
    }
    std::string out;
    if (has_rtl) {
      for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
    } else {
      out = w;
    }
    words.push_back(std::move(out));
    if (sp == std::string::npos) break;
    p = sp + 1;
  }
  line.clear();
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    if (it->empty()) continue;
    if (!line.empty()) line.push_back(' ');
    line += *it;
  }
}

class page_layout {
 public:
  page_layout(const page_text& page, writer& out) : page_(page), out_(out) {}

  void run() {
    std::vector<placed> dirs[4];
    for (std::uint32_t i = 0; i < page_.glyphs.size(); ++i) {
      const glyph& g = page_.glyphs[i];
      const float w = page_.width, h = page_.height;
      const int d = direction_of(g);
      placed p{};
      p.index = i;
      p.size = std::max(g.size, 0.1f);
      float x = 0, y = 0;
      switch (d) {
        case 0: x = g.x, y = h - g.y; break;
        case 1: x = g.y, y = g.x; break;
        case 2: x = w - g.x, y = g.y; break;
        default: x = h - g.y, y = w - g.x; break;
      }
      p.x0 = x;
      p.x1 = x + g.width;
      p.y = y;
      dirs[d].push_back(p);
    }
    // The main direction first, then the others by their amount of text.
    int order[4] = {0, 1, 2, 3};
    std::stable_sort(order, order + 4, [&](int a, int b) { return dirs[a].size() > dirs[b].size(); });
    for (int d : order) {
      if (dirs[d].empty() || out_.stopped()) continue;
      layout_direction(dirs[d]);
    }
  }

 private:
  void mark_spaces(std::vector<placed>& glyphs);
  void remove_duplicates(std::vector<placed>& glyphs);
  void build_segments(std::vector<placed>& glyphs);
  void build_blocks();
  void order_blocks(std::vector<std::uint32_t>& order);
  void write_blocks(const std::vector<std::uint32_t>& order);

  void layout_direction(std::vector<placed>& glyphs) {
    segments_.clear();
    blocks_.clear();
    mark_spaces(glyphs);
    remove_duplicates(glyphs);
    build_segments(glyphs);
    build_blocks();
    std::vector<std::uint32_t> order;
    order_blocks(order);
    write_blocks(order);
  }

  const page_text& page_;
  writer& out_;
  std::vector<segment> segments_;
  std::vector<block> blocks_;
};

void page_layout::mark_spaces(std::vector<placed>& glyphs) {
  // A space glyph separates the glyphs drawn before and after it (content order, which is where
  // its meaning is local: padding spaces that run into the next table cell separate nothing
  // there). The space glyphs themselves are then dropped.
  std::size_t w = 0;
  bool after_space = false;
  for (std::size_t k = 0; k < glyphs.size(); ++k) {
    if (page_.glyphs[glyphs[k].index].space) {
      if (w > 0) glyphs[w - 1].space_after = true;
      after_space = true;
      continue;
    }
    glyphs[w] = glyphs[k];
    glyphs[w].space_before = after_space;
    after_space = false;
    ++w;
  }
  glyphs.resize(w);
}

void page_layout::remove_duplicates(std::vector<placed>& glyphs) {
  // Fake bold draws the same glyph again a fraction of a point away: keep the first.
  struct key_hash {
    std::size_t operator()(std::uint64_t k) const noexcept { return std::hash<std::uint64_t>()(k * 0x9E3779B97F4A7C15ull); }
  };
  std::unordered_map<std::uint64_t, std::uint32_t, key_hash> seen;
  seen.reserve(glyphs.size());
  std::vector<placed> kept;
  kept.reserve(glyphs.size());
  auto text_hash = [&](const placed& p) {
    const std::string_view t = page_.text(page_.glyphs[p.index]);
    std::uint64_t h = 1469598103934665603ull;
    for (char c : t) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
  };
  // Clamped to 32 bits so the neighbour cells (±1) of a glyph at 1e30 or inf stay representable.
  auto cell = [](float v) { return static_cast<std::int64_t>(clamp_to<std::int32_t>(std::floor(v / 2.0f))); };
  auto key = [](std::uint64_t th, std::int64_t cx, std::int64_t cy) {
    return th ^ (static_cast<std::uint64_t>(cx) * 0x100000001B3ull) ^ (static_cast<std::uint64_t>(cy) * 0xC2B2AE3D27D4EB4Full);
  };
  for (const placed& p : glyphs) {
    const glyph& g = page_.glyphs[p.index];
    if (g.space || g.text_len == 0) {
      kept.push_back(p);
      continue;
    }
    const std::uint64_t th = text_hash(p);
    const std::int64_t cx = cell(p.x0), cy = cell(p.y);
    bool dup = false;
    for (std::int64_t dx = -1; dx <= 1 && !dup; ++dx) {
      for (std::int64_t dy = -1; dy <= 1 && !dup; ++dy) {
        auto it = seen.find(key(th, cx + dx, cy + dy));
        if (it == seen.end()) continue;
        const placed& q = glyphs[it->second];
        const float tol = std::min(0.3f * p.size, 0.6f * std::max(p.x1 - p.x0, 0.5f));
        dup = std::fabs(q.x0 - p.x0) < tol && std::fabs(q.y - p.y) < 0.3f * p.size &&
              page_.text(page_.glyphs[q.index]) == page_.text(g);
      }
    }
    if (dup) continue;
    seen.emplace(key(th, cx, cy), static_cast<std::uint32_t>(&p - glyphs.data()));
    kept.push_back(p);
  }
  glyphs.swap(kept);
}

void page_layout::build_segments(std::vector<placed>& glyphs) {
  // Rows: glyphs sorted by baseline, clustered; then each row in x order, split at wide gaps.
  std::stable_sort(glyphs.begin(), glyphs.end(), [](const placed& a, const placed& b) { return a.y < b.y; });
  struct row_info {
    std::vector<placed> glyphs;
    float y, size, x0, x1;
    bool merged = false;
    std::vector<std::pair<float, float>> gaps;  // white space between glyphs, at least half an em
  };
  std::vector<row_info> rows;
  std::size_t i = 0;
  while (i < glyphs.size()) {
    row_info r{{}, glyphs[i].y, glyphs[i].size, glyphs[i].x0, glyphs[i].x1, false, {}};
    while (i < glyphs.size()) {
      const placed& p = glyphs[i];
      // The smaller size sets the tolerance, so a row cannot creep from small text through larger
      // text on nearby baselines (scripts are merged back into their lines below).
      if (std::fabs(p.y - r.y) > row_tolerance * std::min(r.size, p.size)) break;
      if (p.size > r.size * 1.05f && !page_.glyphs[p.index].space) {  // the row's baseline is its largest text's
        r.size = p.size;
        r.y = p.y;
      }
      r.x0 = std::min(r.x0, p.x0);
      r.x1 = std::max(r.x1, p.x1);
      r.glyphs.push_back(p);
      ++i;
    }
    rows.push_back(std::move(r));
  }
  // Superscripts and subscripts: a row of smaller text close to the baseline of a neighbouring
  // row of larger text, beside or inside it, belongs to that row.
  for (std::size_t k = 0; k < rows.size(); ++k) {
    row_info& r = rows[k];
    for (std::size_t n : {k + 1, k - 1}) {
      if (n >= rows.size() || rows[n].merged || r.merged) continue;
      row_info& big = rows[n];
      if (r.size > 0.85f * big.size || std::fabs(r.y - big.y) > 0.65f * big.size) continue;
      if (r.x0 > big.x1 + big.size || r.x1 < big.x0 - big.size) continue;
      // Scripts sit beside the glyphs of their line; smaller text drawn over the line's glyphs is
      // another line (a neighbouring column, a caption) and must not be interleaved with it.
      if (r.glyphs.size() * big.glyphs.size() > 20000) continue;  // scripts are short: stay linear
      std::size_t over = 0;
      for (const placed& a : r.glyphs) {
        for (const placed& b : big.glyphs) {
          if (std::min(a.x1, b.x1) - std::max(a.x0, b.x0) > 0.3f * (a.x1 - a.x0)) {
            ++over;
            break;
          }
        }
      }
      if (over * 5 > r.glyphs.size()) continue;
      big.glyphs.insert(big.glyphs.end(), r.glyphs.begin(), r.glyphs.end());
      big.x0 = std::min(big.x0, r.x0);
      big.x1 = std::max(big.x1, r.x1);
      r.merged = true;
    }
  }
  std::vector<std::size_t> live;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    row_info& r = rows[k];
    if (r.merged) continue;
    live.push_back(k);
    std::stable_sort(r.glyphs.begin(), r.glyphs.end(), [](const placed& a, const placed& b) { return a.x0 < b.x0; });
    float right = -3.4e38f;
    for (const placed& p : r.glyphs) {
      if (right > -3.4e38f && p.x0 - right >= 0.5f * r.size) r.gaps.emplace_back(right, p.x0);
      right = std::max(right, p.x1);
    }
  }
  // A gap splits a row into segments (columns, table cells) when it is very wide, or when it is
  // moderately wide and the rows around it have white space at the same place: a gutter.
  auto column_gap = [&](std::size_t at, float a, float b, float size) {
    const float w = b - a;
    if (w > segment_gap * size) return true;
    if (w < 0.7f * size) return false;
    const float mid = 0.5f * (a + b);
    const row_info& here = rows[live[at]];
    int votes = 0;
    for (std::size_t d = 1; d <= 4; ++d) {
      for (const std::size_t n : {at + d, at - d}) {
        if (n >= live.size()) continue;
        const row_info& o = rows[live[n]];
        if (std::fabs(o.y - here.y) > 5 * size || mid <= o.x0 || mid >= o.x1) continue;
        // Gaps are in x order: the first ending at or after mid is the only candidate.
        const auto g = std::lower_bound(o.gaps.begin(), o.gaps.end(), mid,
                                        [](const std::pair<float, float>& v, float m) { return v.second < m; });
        if (g != o.gaps.end() && g->first <= mid) ++votes;
      }
    }
    return votes >= 2;
  };
  for (std::size_t li = 0; li < live.size(); ++li) {
    row_info& ri = rows[live[li]];
    std::vector<placed>& row = ri.glyphs;
    const float ref_y = ri.y, ref_size = ri.size;
    segment seg{};
    bool open = false;
    float last_x1 = 0, last_size = 0;
    auto close = [&] {
      if (open) {
        while (!seg.text.empty() && seg.text.back() == ' ') seg.text.pop_back();
        if (!seg.text.empty()) segments_.push_back(std::move(seg));
      }
      seg = segment{};
      open = false;
    };
    bool prev_space_after = false;
    for (const placed& p : row) {
      const glyph& g = page_.glyphs[p.index];
      const bool pending_space = open && (prev_space_after || p.space_before);
      prev_space_after = p.space_after;
      const float size = std::max(p.size, last_size * 0.5f);
      if (open) {
        const float gap = p.x0 - last_x1;
        if (gap > 0 && column_gap(li, last_x1, p.x0, std::max(size, last_size))) {
          close();
        } else if (gap > word_gap * std::min(size, last_size > 0 ? last_size : size) || pending_space) {
          if (!seg.text.empty() && seg.text.back() != ' ') seg.text.push_back(' ');
        }
      }
      if (!open) {
        seg.x0 = p.x0;
        seg.y = ref_y;
        seg.size = ref_size;
        open = true;
      }
      const std::size_t before = seg.text.size();
      append_clean(page_.text(g), seg.text);
      seg.chars += static_cast<std::uint32_t>(seg.text.size() - before);
      last_x1 = seg.text.size() == seg.chars && before == 0 ? p.x1 : std::max(last_x1, p.x1);
      seg.x1 = std::max(seg.x1, p.x1);
      last_size = p.size;
    }
    close();
    if (out_.stopped()) return;
  }
  for (segment& s : segments_) fix_rtl(s.text);
}

void page_layout::build_blocks() {
  // Segments top-down; each joins the open block whose last line sits just above it, overlapping
  // it horizontally, in a similar size.
  std::vector<std::uint32_t> order(segments_.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (segments_[a].y != segments_[b].y) return segments_[a].y < segments_[b].y;
    return segments_[a].x0 < segments_[b].x0;
  });
  std::vector<std::uint32_t> open;  // block indices still accepting lines
  for (std::uint32_t si : order) {
    const segment& s = segments_[si];
    int best = -1;
    float best_dist = 0;
    // Only the most recent open blocks are candidates (older ones close): a row of thousands of
    // cells stays linear.
    if (open.size() > max_open_blocks) open.erase(open.begin(), open.end() - static_cast<std::ptrdiff_t>(max_open_blocks / 2));
    std::size_t w = 0;
    for (std::size_t k = 0; k < open.size(); ++k) {
      block& b = blocks_[open[k]];
      const segment& last = segments_[b.lines.back()];
      const float dy = s.y - last.y;
      if (dy > line_pitch * 2.5f * std::max(last.size, s.size)) continue;  // far above: closed for good
      open[w++] = open[k];
      if (dy <= 0.2f * s.size || dy > line_pitch * std::max(last.size, s.size)) continue;
      const float ratio = s.size > last.size ? s.size / last.size : last.size / s.size;
      if (ratio > 1.25f) continue;
      const float overlap = std::min(s.x1, b.x1) - std::max(s.x0, b.x0);
      if (overlap <= 0) continue;
      // Lines of one paragraph share a side; a segment under a narrower one must start near it.
      if (s.x0 > last.x1 || s.x1 < last.x0) continue;
      if (best < 0 || dy < best_dist) {
        best = static_cast<int>(open[k]);
        best_dist = dy;
      }
    }
    open.resize(w);
    if (best >= 0) {
      block& b = blocks_[static_cast<std::size_t>(best)];
      b.lines.push_back(si);
      b.x0 = std::min(b.x0, s.x0);
      b.x1 = std::max(b.x1, s.x1);
      b.bottom = s.y + 0.25f * s.size;
    } else {
      block b{s.x0, s.x1, s.y - 0.8f * s.size, s.y + 0.25f * s.size, s.size, {si}};
      blocks_.push_back(std::move(b));
      open.push_back(static_cast<std::uint32_t>(blocks_.size() - 1));
    }
  }
}

void page_layout::order_blocks(std::vector<std::uint32_t>& order) {
  order.clear();
  std::vector<std::uint32_t> all(blocks_.size());
  for (std::uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  auto top_down = [&](std::vector<std::uint32_t>& v) {
    std::stable_sort(v.begin(), v.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (blocks_[a].top != blocks_[b].top) return blocks_[a].top < blocks_[b].top;
      return blocks_[a].x0 < blocks_[b].x0;
    });
  };
  if (blocks_.size() > max_cut_blocks) {
    top_down(all);
    order = std::move(all);
    return;
  }
  // Recursive XY-cut without recursion: regions wait on a stack, the next to read on top.
  std::vector<std::vector<std::uint32_t>> stack;
  stack.push_back(std::move(all));
  while (!stack.empty()) {
    std::vector<std::uint32_t> region = std::move(stack.back());
    stack.pop_back();
    if (region.size() <= 1) {
      order.insert(order.end(), region.begin(), region.end());
      continue;
    }
    // Horizontal bands: breaks in y where no block spans.
    std::vector<std::uint32_t> by_top = region;
    std::stable_sort(by_top.begin(), by_top.end(), [&](std::uint32_t a, std::uint32_t b) { return blocks_[a].top < blocks_[b].top; });
    std::vector<std::vector<std::uint32_t>> bands(1);
    float bottom = blocks_[by_top[0]].bottom;
    for (std::uint32_t b : by_top) {
      if (!bands.back().empty() && blocks_[b].top > bottom) bands.emplace_back();
      bands.back().push_back(b);
      bottom = std::max(bottom, blocks_[b].bottom);
    }
    // Vertical columns: breaks in x where no block spans.
    std::vector<std::uint32_t> by_left = region;
    std::stable_sort(by_left.begin(), by_left.end(), [&](std::uint32_t a, std::uint32_t b) { return blocks_[a].x0 < blocks_[b].x0; });
    std::vector<std::vector<std::uint32_t>> columns(1);
    float right = blocks_[by_left[0]].x1;
    for (std::uint32_t b : by_left) {
      if (!columns.back().empty() && blocks_[b].x0 > right + 0.5f * blocks_[b].size) columns.emplace_back();
      columns.back().push_back(b);
      right = std::max(right, blocks_[b].x1);
    }
    std::vector<std::vector<std::uint32_t>>* split = nullptr;
    if (bands.size() > 1 && columns.size() > 1) {
      // Columns of prose (blocks of several lines) read column by column; table-like regions
      // (single-line cells) read row by row.
      std::size_t lines = 0;
      for (std::uint32_t b : region) lines += blocks_[b].lines.size();
      const bool table_like = static_cast<double>(lines) < 1.6 * static_cast<double>(region.size());
      // Real columns run down most of the region; a "column" that is only a short piece beside a
      // heading or a footnote says the region is read band by band.
      float region_top = 3.4e38f, region_bottom = -3.4e38f;
      for (std::uint32_t b : region) {
        region_top = std::min(region_top, blocks_[b].top);
        region_bottom = std::max(region_bottom, blocks_[b].bottom);
      }
      float shortest = 1;
      for (const auto& col : columns) {
        float ct = 3.4e38f, cb = -3.4e38f;
        for (std::uint32_t b : col) ct = std::min(ct, blocks_[b].top), cb = std::max(cb, blocks_[b].bottom);
        shortest = std::min(shortest, (cb - ct) / std::max(region_bottom - region_top, 1e-3f));
      }
      split = table_like || shortest < 0.5f ? &bands : &columns;
    } else if (bands.size() > 1) {
      split = &bands;
    } else if (columns.size() > 1) {
      split = &columns;
    }
    if (!split) {
      top_down(region);
      order.insert(order.end(), region.begin(), region.end());
      continue;
    }
    for (auto it = split->rbegin(); it != split->rend(); ++it) stack.push_back(std::move(*it));
  }
}

void page_layout::write_blocks(const std::vector<std::uint32_t>& order) {
  // The body size: the size most characters have.
  std::vector<std::pair<float, std::uint32_t>> sizes;
  for (const segment& s : segments_) sizes.emplace_back(std::round(s.size * 2) / 2, s.chars);
  std::sort(sizes.begin(), sizes.end());
  float body = 0;
  std::uint64_t best = 0;
  for (std::size_t i = 0; i < sizes.size();) {
    std::size_t j = i;
    std::uint64_t n = 0;
    while (j < sizes.size() && sizes[j].first == sizes[i].first) n += sizes[j++].second;
    if (n > best) best = n, body = sizes[i].first;
    i = j;
  }
  std::string text;
  for (std::uint32_t bi : order) {
    if (out_.stopped()) return;
    const block& b = blocks_[bi];
    text.clear();
    for (std::size_t k = 0; k < b.lines.size(); ++k) {
      std::string_view line = segments_[b.lines[k]].text;
      if (k > 0) {
        // Words split at a line end: a soft hyphen always joins; a hyphen after a lower-case
        // letter joins when the next line goes on in lower case.
        const bool soft = text.size() >= 2 && static_cast<unsigned char>(text[text.size() - 2]) == 0xC2 &&
                          static_cast<unsigned char>(text.back()) == 0xAD;
        const bool hard = !soft && text.size() >= 2 && text.back() == '-' && text[text.size() - 2] >= 'a' &&
                          text[text.size() - 2] <= 'z' && !line.empty() && line[0] >= 'a' && line[0] <= 'z';
        if (soft) {
          text.resize(text.size() - 2);
        } else if (hard) {
          text.pop_back();
        } else {
          text.push_back('\n');
        }
      }
      text.append(line);
    }
    // Soft hyphens left inside lines are invisible.
    for (std::size_t p; (p = text.find("\xC2\xAD")) != std::string::npos;) text.erase(p, 2);
    const bool heading = out_.markdown() && body > 0 && b.size >= 1.25f * body && b.lines.size() <= 3 && text.size() < 300;
    if (heading) {
      const int level = b.size >= 1.8f * body ? 1 : (b.size >= 1.4f * body ? 2 : 3);
      out_.begin_heading(level);
      for (char& c : text) {
        if (c == '\n') c = ' ';
      }
      out_.text(text);
      out_.end_heading();
    } else {
      out_.paragraph();
      out_.text(text);
      out_.paragraph();
    }
  }
}

}  // namespace

void write_page_text(const page_text& page, writer& out) {
  page_layout layout(page, out);
  layout.run();
}

}  // namespace quarry::detail::pdf
