#include "formats/pdf/cmap.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "formats/pdf/lexer.hpp"
#include "formats/pdf/numeric.hpp"

namespace quarry::detail::pdf {

namespace {

std::uint32_t code_value(std::string_view bytes) noexcept {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < bytes.size() && i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[i]);
  return v;
}

}  // namespace

void append_utf16be(std::string_view b, std::string& out) {
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
    char32_t u = static_cast<char32_t>((static_cast<unsigned char>(b[i]) << 8) | static_cast<unsigned char>(b[i + 1]));
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < b.size()) {
      const auto lo = static_cast<char32_t>((static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]));
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
    }
    append_utf8(u, out);  // lone surrogates become U+FFFD there
  }
}

void cmap::set_identity() {
  identity_ = true;
  codespace_.clear();
  add_space(std::string_view("\x00\x00", 2), std::string_view("\xFF\xFF", 2));
}

void cmap::add_space(std::string_view lo, std::string_view hi) {
  if (lo.empty() || lo.size() > 4 || lo.size() != hi.size() || codespace_.size() >= 256) return;
  space_range r{};
  r.bytes = static_cast<std::uint8_t>(lo.size());
  for (std::size_t i = 0; i < lo.size(); ++i) {
    r.lo[i] = static_cast<std::uint8_t>(lo[i]);
    r.hi[i] = static_cast<std::uint8_t>(hi[i]);
  }
  codespace_.push_back(r);
}

void cmap::add(std::uint32_t lo, std::uint32_t hi, std::string_view utf16, bool as_cid, std::uint32_t cid) {
  if (hi < lo) return;
  mapping m{lo, hi, as_cid ? cid : static_cast<std::uint32_t>(blob_.size()),
            static_cast<std::uint16_t>(std::min<std::size_t>(utf16.size(), 512)), as_cid};
  if (!as_cid) blob_.append(utf16.substr(0, m.text_len));
  (lo == hi ? singles_ : ranges_).push_back(m);
}

void cmap::finish_sort() {
  // Later definitions of the same code win, as in a PostScript dictionary.
  std::stable_sort(singles_.begin(), singles_.end(), [](const mapping& a, const mapping& b) { return a.lo < b.lo; });
  std::vector<mapping> unique;
  unique.reserve(singles_.size());
  for (const mapping& m : singles_) {
    if (!unique.empty() && unique.back().lo == m.lo && unique.back().is_cid == m.is_cid) unique.back() = m;
    else unique.push_back(m);
  }
  singles_.swap(unique);
}

void cmap::parse(std::string_view data) {
  lexer lex(data);
  std::string pool;
  std::vector<token> operands;
  enum class section { none, codespace, bfchar, bfrange, cidchar, cidrange } sec = section::none;
  std::vector<std::string> array_items;  // the array form of bfrange
  bool in_array = false;
  for (;;) {
    const token t = lex.next(pool);
    if (t.kind == token_kind::eof) break;
    if (t.kind == token_kind::keyword) {
      const std::string_view k = token_text(pool, t);
      if (k == "begincodespacerange") sec = section::codespace;
      else if (k == "beginbfchar") sec = section::bfchar;
      else if (k == "beginbfrange") sec = section::bfrange;
      else if (k == "begincidchar") sec = section::cidchar;
      else if (k == "begincidrange") sec = section::cidrange;
      else if (k.starts_with("end")) sec = section::none;
      else if (k == "usecmap" && !operands.empty() && operands.back().kind == token_kind::name) {
        const std::string_view n = token_text(pool, operands.back());
        if (n == "Identity-H" || n == "Identity-V") set_identity();
      }
      operands.clear();
      pool.clear();
      continue;
    }
    if (t.kind == token_kind::array_open) {
      in_array = true;
      array_items.clear();
      continue;
    }
    if (in_array) {
      if (t.kind == token_kind::array_close) {
        in_array = false;
        // bfrange lo hi [dst...]: one destination per code.
        if (sec == section::bfrange && operands.size() >= 2 && operands[operands.size() - 2].kind == token_kind::string &&
            operands.back().kind == token_kind::string) {
          const std::uint32_t lo = code_value(token_text(pool, operands[operands.size() - 2]));
          const std::uint32_t hi = code_value(token_text(pool, operands.back()));
          for (std::size_t i = 0; i < array_items.size() && lo + i <= hi; ++i) {
            add(lo + static_cast<std::uint32_t>(i), lo + static_cast<std::uint32_t>(i), array_items[i], false, 0);
          }
        }
        operands.clear();
        pool.clear();
      } else if (t.kind == token_kind::string && array_items.size() < 65536) {
        array_items.emplace_back(token_text(pool, t));
      }
      continue;
    }
    operands.push_back(t);
    // Act as soon as an entry is complete.
    auto text = [&](std::size_t i) { return token_text(pool, operands[i]); };
    switch (sec) {
      case section::codespace:
        if (operands.size() == 2) {
          if (operands[0].kind == token_kind::string && operands[1].kind == token_kind::string) add_space(text(0), text(1));
          operands.clear();
          pool.clear();
        }
        break;
      case section::bfchar:
        if (operands.size() == 2) {
          if (operands[0].kind == token_kind::string) {
            const std::uint32_t code = code_value(text(0));
            if (operands[1].kind == token_kind::string) add(code, code, text(1), false, 0);
          }
          operands.clear();
          pool.clear();
        }
        break;
      case section::bfrange:
        if (operands.size() == 3) {
          if (operands[0].kind == token_kind::string && operands[1].kind == token_kind::string &&
              operands[2].kind == token_kind::string) {
            add(code_value(text(0)), code_value(text(1)), text(2), false, 0);
          }
          operands.clear();
          pool.clear();
        }
        break;
      case section::cidchar:
        if (operands.size() == 2) {
          if (operands[0].kind == token_kind::string && operands[1].kind == token_kind::number && operands[1].number >= 0) {
            const std::uint32_t code = code_value(text(0));
            add(code, code, {}, true, clamp_to<std::uint32_t>(operands[1].number));
          }
          operands.clear();
          pool.clear();
        }
        break;
      case section::cidrange:
        if (operands.size() == 3) {
          if (operands[0].kind == token_kind::string && operands[1].kind == token_kind::string &&
              operands[2].kind == token_kind::number && operands[2].number >= 0) {
            add(code_value(text(0)), code_value(text(1)), {}, true, clamp_to<std::uint32_t>(operands[2].number));
          }
          operands.clear();
          pool.clear();
        }
        break;
      case section::none:
        if (operands.size() > 64) {  // keep only a short tail for usecmap
          operands.clear();
          pool.clear();
        }
        break;
    }
  }
  finish_sort();
}

std::size_t cmap::next_code(std::string_view s, std::size_t i, std::uint32_t& code) const noexcept {
  const std::size_t left = s.size() - i;
  if (!codespace_.empty()) {
    for (std::size_t n = 1; n <= 4 && n <= left; ++n) {
      for (const space_range& r : codespace_) {
        if (r.bytes != n) continue;
        bool inside = true;
        for (std::size_t k = 0; k < n && inside; ++k) {
          const auto b = static_cast<std::uint8_t>(s[i + k]);
          inside = b >= r.lo[k] && b <= r.hi[k];
        }
        if (inside) {
          code = code_value(s.substr(i, n));
          return n;
        }
      }
    }
    // No range matches: take as many bytes as the shortest range (§9.7.6.3).
    std::size_t shortest = 4;
    for (const space_range& r : codespace_) shortest = std::min<std::size_t>(shortest, r.bytes);
    const std::size_t n = std::min(shortest, left);
    code = code_value(s.substr(i, n));
    return n == 0 ? 1 : n;
  }
  const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(default_bytes < 1 ? 1 : default_bytes), left);
  code = code_value(s.substr(i, n));
  return n == 0 ? 1 : n;
}

bool cmap::unicode(std::uint32_t code, std::string& out) const {
  const auto it = std::lower_bound(singles_.begin(), singles_.end(), code, [](const mapping& m, std::uint32_t c) { return m.lo < c; });
  for (auto j = it; j != singles_.end() && j->lo == code; ++j) {
    if (j->is_cid) continue;
    append_utf16be(std::string_view(blob_).substr(j->text_off, j->text_len), out);
    return true;
  }
  for (auto r = ranges_.rbegin(); r != ranges_.rend(); ++r) {
    if (r->is_cid || code < r->lo || code > r->hi) continue;
    std::string_view base = std::string_view(blob_).substr(r->text_off, r->text_len);
    if (base.size() < 2) return false;
    // The destination's last code unit counts up with the code.
    std::string text(base);
    const auto last = static_cast<std::uint32_t>((static_cast<unsigned char>(text[text.size() - 2]) << 8) |
                                                 static_cast<unsigned char>(text[text.size() - 1]));
    const std::uint32_t v = last + (code - r->lo);
    if (v > 0xFFFF && text.size() == 2) {
      append_utf8(static_cast<char32_t>(v), out);  // a range running past the BMP as plain code points
      return true;
    }
    text[text.size() - 2] = static_cast<char>((v >> 8) & 0xFF);
    text[text.size() - 1] = static_cast<char>(v & 0xFF);
    append_utf16be(text, out);
    return true;
  }
  return false;
}

bool cmap::cid(std::uint32_t code, std::uint32_t& out) const noexcept {
  if (identity_) {
    out = code;
    return true;
  }
  const auto it = std::lower_bound(singles_.begin(), singles_.end(), code, [](const mapping& m, std::uint32_t c) { return m.lo < c; });
  for (auto j = it; j != singles_.end() && j->lo == code; ++j) {
    if (!j->is_cid) continue;
    out = j->text_off;
    return true;
  }
  for (auto r = ranges_.rbegin(); r != ranges_.rend(); ++r) {
    if (!r->is_cid || code < r->lo || code > r->hi) continue;
    out = r->text_off + (code - r->lo);
    return true;
  }
  return false;
}

}  // namespace quarry::detail::pdf
