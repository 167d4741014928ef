#include "formats/pdf/font.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "formats/pdf/context.hpp"
#include "formats/pdf/lexer.hpp"
#include "formats/pdf/numeric.hpp"
#include "formats/pdf/truetype.hpp"

namespace quarry::detail::pdf {

namespace {

constexpr std::uint8_t unknown_text = 0xFF;

double number_or(QPDFObjectHandle h, double fallback) {
  if (h.isNumber()) {
    const double v = h.getNumericValue();
    if (std::isfinite(v)) return v;
  }
  return fallback;
}

std::string name_of(QPDFObjectHandle h) {
  if (!h.isName()) return {};
  std::string n = h.getName();
  if (!n.empty() && n[0] == '/') n.erase(0, 1);
  return n;
}

base_encoding encoding_named(std::string_view n, bool& known) {
  known = true;
  if (n == "WinAnsiEncoding") return base_encoding::winansi;
  if (n == "MacRomanEncoding") return base_encoding::macroman;
  if (n == "StandardEncoding") return base_encoding::standard;
  if (n == "PDFDocEncoding") return base_encoding::pdfdoc;
  known = false;
  return base_encoding::standard;
}

}  // namespace

std::unique_ptr<font> font::load(context& ctx, QPDFObjectHandle dict) {
  auto f = std::make_unique<font>();
  const std::string subtype = name_of(dict.getKey("/Subtype"));
  if (subtype == "Type0") {
    f->load_composite(ctx, dict);
  } else {
    f->load_simple(ctx, dict, subtype);
  }
  QPDFObjectHandle tu = dict.getKey("/ToUnicode");
  if (tu.isStream()) {
    std::string data;
    if (ctx.read_stream(tu, data)) {
      f->to_unicode_.parse(data);
      f->has_to_unicode_ = !f->to_unicode_.empty();
    }
  } else if (tu.isName()) {
    const std::string n = name_of(tu);  // Identity-H as a ToUnicode: codes are UCS-2
    if (n.starts_with("Identity")) f->ucs2_codes_ = true;
  }
  return f;
}

void font::read_builtin_type1_encoding(context& ctx, QPDFObjectHandle descriptor, std::array<int, 256>& glyphs) {
  // The clear-text part of an embedded Type1 program ends its Encoding with "dup CODE /name put"
  // entries (or says StandardEncoding). Only the part before eexec is read.
  if (!descriptor.isDictionary()) return;
  QPDFObjectHandle file = descriptor.getKey("/FontFile");
  if (!file.isStream()) return;
  std::string data;
  if (!ctx.read_stream(file, data)) return;
  const std::size_t eexec = data.find("eexec");
  std::string_view clear(data.data(), eexec == std::string::npos ? std::min<std::size_t>(data.size(), 65536) : eexec);
  const std::size_t enc = clear.find("/Encoding");
  if (enc == std::string_view::npos) return;
  clear.remove_prefix(enc + 9);
  lexer lex(clear);
  std::string pool;
  token prev2, prev1;
  bool dup = false;
  for (int guard = 0; guard < 20000; ++guard) {
    const token t = lex.next(pool);
    if (t.kind == token_kind::eof) break;
    if (t.kind == token_kind::keyword) {
      const std::string_view k = token_text(pool, t);
      if (k == "StandardEncoding" && guard < 3) {
        for (int c = 0; c < 256; ++c) glyphs[static_cast<std::size_t>(c)] = encoding_glyph(base_encoding::standard, static_cast<unsigned char>(c));
        return;
      }
      if (k == "dup") dup = true;
      else if (k == "put" && dup && prev2.kind == token_kind::number && prev1.kind == token_kind::name) {
        const double c = prev2.number;
        if (c >= 0 && c < 256) glyphs[static_cast<std::size_t>(c)] = glyph_index(token_text(pool, prev1));
        dup = false;
      } else if (k == "def" || k == "readonly") {
        if (guard > 3) break;
      }
      pool.clear();
      prev2 = prev1 = token{};
      continue;
    }
    prev2 = prev1;
    prev1 = t;
  }
}

void font::load_simple(context& ctx, QPDFObjectHandle dict, std::string_view subtype) {
  type3_ = subtype == "Type3";
  const std::string base_font = name_of(dict.getKey("/BaseFont"));
  const std14_metrics* std14 = type3_ ? nullptr : find_std14(base_font);
  QPDFObjectHandle descriptor = dict.getKey("/FontDescriptor");
  int flags = 0;
  if (descriptor.isDictionary() && descriptor.getKey("/Flags").isInteger()) {
    flags = static_cast<int>(descriptor.getKey("/Flags").getIntValue());
  }
  const bool symbolic = (flags & 4) != 0 && (flags & 32) == 0;

  // Type3 glyph space → text space.
  double fm_a = 0.001, fm_d = 0.001;
  if (type3_) {
    QPDFObjectHandle fm = dict.getKey("/FontMatrix");
    if (fm.isArray() && fm.getArrayNItems() >= 4) {
      fm_a = number_or(fm.getArrayItem(0), 0.001);
      fm_d = number_or(fm.getArrayItem(3), 0.001);
    }
    size_scale_ = std::clamp(std::fabs(fm_d) * 1000.0, 0.01, 100.0);
  }

  // The encoding: a base, then Differences.
  std::array<int, 256> glyphs;
  glyphs.fill(-1);
  base_encoding base = base_encoding::none;
  bool have_base = false;
  QPDFObjectHandle enc = dict.getKey("/Encoding");
  QPDFObjectHandle differences;
  if (enc.isName()) {
    bool known = false;
    base = encoding_named(name_of(enc), known);
    have_base = known;
  } else if (enc.isDictionary()) {
    bool known = false;
    if (enc.getKey("/BaseEncoding").isName()) {
      base = encoding_named(name_of(enc.getKey("/BaseEncoding")), known);
      have_base = known;
    }
    differences = enc.getKey("/Differences");
  }
  if (!have_base) {
    if (std14 && std14->name == "Symbol") base = base_encoding::symbol, have_base = true;
    else if (std14 && std14->name == "ZapfDingbats") base = base_encoding::zapfdingbats, have_base = true;
  }
  if (!have_base && subtype == "Type1") {
    read_builtin_type1_encoding(ctx, descriptor, glyphs);
    if (std::all_of(glyphs.begin(), glyphs.end(), [](int g) { return g < 0; })) {
      base = base_encoding::standard;
      have_base = true;
    }
  }
  if (!have_base && std::all_of(glyphs.begin(), glyphs.end(), [](int g) { return g < 0; })) {
    base = (subtype == "TrueType" || !symbolic) ? base_encoding::winansi : base_encoding::standard;
    have_base = !symbolic || subtype != "TrueType";
  }
  if (have_base) {
    for (int c = 0; c < 256; ++c) {
      const int g = encoding_glyph(base, static_cast<unsigned char>(c));
      if (g >= 0) glyphs[static_cast<std::size_t>(c)] = g;
    }
  }
  // Differences may name glyphs the table does not know; keep their names aside.
  std::array<std::string, 256> unknown_names;
  if (differences.isArray()) {
    int code = 0;
    const int n = differences.getArrayNItems();
    for (int i = 0; i < n; ++i) {
      QPDFObjectHandle item = differences.getArrayItem(i);
      if (item.isNumber()) {
        code = clamp_to<int>(item.getNumericValue());
      } else if (item.isName()) {
        if (code >= 0 && code < 256) {
          const std::string gname = name_of(item);
          const int g = glyph_index(gname);
          glyphs[static_cast<std::size_t>(code)] = g;
          if (g < 0) unknown_names[static_cast<std::size_t>(code)] = gname;
        }
        ++code;
      }
    }
  }

  // Text per code.
  for (std::size_t c = 0; c < 256; ++c) {
    const std::size_t start = texts_.size();
    bool ok = false;
    if (glyphs[c] >= 0) ok = glyph_name_text(glyph_name(glyphs[c]), texts_);
    else if (!unknown_names[c].empty()) ok = glyph_name_text(unknown_names[c], texts_);
    if (!ok && (!have_base || symbolic) && c >= 0x20 && c < 0x7F && unknown_names[c].empty()) {
      texts_.push_back(static_cast<char>(c));  // symbolic fonts with codes that are plain ASCII
      ok = true;
    }
    text_off_[c] = static_cast<std::uint32_t>(start);
    text_len_[c] = ok ? static_cast<std::uint8_t>(std::min<std::size_t>(texts_.size() - start, 254)) : unknown_text;
  }

  // Widths.
  double missing = 0;
  if (descriptor.isDictionary()) missing = number_or(descriptor.getKey("/MissingWidth"), 0);
  QPDFObjectHandle widths = dict.getKey("/Widths");
  const double scale = type3_ ? fm_a : 0.001;
  bool have_widths = false;
  if (widths.isArray()) {
    const int first = clamp_to<int>(number_or(dict.getKey("/FirstChar"), 0));
    const int n = widths.getArrayNItems();
    for (std::size_t c = 0; c < 256; ++c) widths_[c] = static_cast<float>(missing * scale);
    for (int i = 0; i < n && i < 256; ++i) {
      const int c = first + i;
      if (c < 0 || c > 255) continue;
      widths_[static_cast<std::size_t>(c)] = static_cast<float>(number_or(widths.getArrayItem(i), missing) * scale);
    }
    have_widths = n > 0;
  }
  if (!have_widths) {
    for (std::size_t c = 0; c < 256; ++c) {
      int w = -1;
      if (std14) w = std14_glyph_width(*std14, glyphs[c]);
      if (w < 0) w = std14 ? (std14->fixed_pitch ? 600 : static_cast<int>(std14->space_width * 2)) : 500;
      widths_[c] = static_cast<float>(w * 0.001);
    }
  }
}

void font::load_composite(context& ctx, QPDFObjectHandle dict) {
  composite_ = true;
  QPDFObjectHandle enc = dict.getKey("/Encoding");
  if (enc.isName()) {
    const std::string n = name_of(enc);
    vertical_ = n.ends_with("-V");
    if (n.starts_with("Identity")) {
      encoding_.set_identity();
    } else {
      // A predefined CJK CMap we do not carry: two-byte codes; the UCS-2/UTF-16 ones are Unicode.
      encoding_.default_bytes = 2;
      ucs2_codes_ = n.starts_with("Uni") && (n.find("UCS2") != std::string::npos || n.find("UTF16") != std::string::npos);
      if (!ucs2_codes_) ctx.warn("pdf_cmap", "predefined CMap " + n + " is not built in; its text may be missing");
    }
  } else if (enc.isStream()) {
    std::string data;
    if (ctx.read_stream(enc, data)) encoding_.parse(data);
    QPDFObjectHandle wm = enc.getDict().getKey("/WMode");
    vertical_ = wm.isInteger() && wm.getIntValue() == 1;
    if (encoding_.empty()) encoding_.set_identity();
  } else {
    encoding_.set_identity();
  }

  QPDFObjectHandle descendants = dict.getKey("/DescendantFonts");
  QPDFObjectHandle cidfont = descendants.isArray() && descendants.getArrayNItems() > 0 ? descendants.getArrayItem(0) : descendants;
  if (!cidfont.isDictionary()) return;
  if (!dict.getKey("/ToUnicode").isStream() && !ucs2_codes_) read_truetype_cmap(ctx, cidfont);
  if (vertical_) {
    QPDFObjectHandle dw2 = cidfont.getKey("/DW2");
    double w1 = -1000;
    if (dw2.isArray() && dw2.getArrayNItems() >= 2) w1 = number_or(dw2.getArrayItem(1), -1000);
    default_width_ = static_cast<float>(std::fabs(w1) * 0.001);
    return;  // per-glyph vertical metrics (/W2) are rarely needed for text order
  }
  default_width_ = static_cast<float>(number_or(cidfont.getKey("/DW"), 1000) * 0.001);
  QPDFObjectHandle w = cidfont.getKey("/W");
  if (!w.isArray()) return;
  const int n = w.getArrayNItems();
  for (int i = 0; i < n;) {
    QPDFObjectHandle a = w.getArrayItem(i);
    if (!a.isNumber()) { ++i; continue; }
    const double first = a.getNumericValue();
    if (i + 1 >= n) break;
    QPDFObjectHandle b = w.getArrayItem(i + 1);
    if (b.isArray()) {
      const int m = b.getArrayNItems();
      for (int k = 0; k < m && first >= 0; ++k) {
        const auto cid = clamp_to<std::uint32_t>(first) + static_cast<std::uint32_t>(k);
        cid_widths_.push_back({cid, cid, static_cast<float>(number_or(b.getArrayItem(k), 0) * 0.001)});
      }
      i += 2;
    } else if (b.isNumber() && i + 2 < n) {
      const double last = b.getNumericValue();
      const double wv = number_or(w.getArrayItem(i + 2), 0);
      if (first >= 0 && last >= first) {
        cid_widths_.push_back({clamp_to<std::uint32_t>(first), clamp_to<std::uint32_t>(last),
                               static_cast<float>(wv * 0.001)});
      }
      i += 3;
    } else {
      break;
    }
  }
  std::stable_sort(cid_widths_.begin(), cid_widths_.end(), [](const cid_width& x, const cid_width& y) { return x.first < y.first; });
}

void font::read_truetype_cmap(context& ctx, QPDFObjectHandle cidfont) {
  QPDFObjectHandle subtype = cidfont.getKey("/Subtype");
  if (!subtype.isName() || subtype.getName() != "/CIDFontType2") return;
  QPDFObjectHandle descriptor = cidfont.getKey("/FontDescriptor");
  if (!descriptor.isDictionary() || !descriptor.getKey("/FontFile2").isStream()) return;
  std::string program;
  if (!ctx.read_stream(descriptor.getKey("/FontFile2"), program)) return;
  if (!truetype_glyph_unicode(program, gid_unicode_)) return;
  QPDFObjectHandle map = cidfont.getKey("/CIDToGIDMap");
  if (map.isStream()) {
    std::string data;
    if (!ctx.read_stream(map, data)) return;
    cid_to_gid_.resize(std::min<std::size_t>(data.size() / 2, 65536));
    for (std::size_t i = 0; i < cid_to_gid_.size(); ++i) {
      cid_to_gid_[i] = static_cast<std::uint16_t>((static_cast<unsigned char>(data[2 * i]) << 8) |
                                                  static_cast<unsigned char>(data[2 * i + 1]));
    }
  }
}

double font::width(std::uint32_t code) const noexcept {
  if (!composite_) return widths_[code & 0xFF];
  std::uint32_t cid = code;
  if (!encoding_.cid(code, cid)) cid = code;
  if (vertical_) return default_width_;
  auto it = std::upper_bound(cid_widths_.begin(), cid_widths_.end(), cid, [](std::uint32_t c, const cid_width& x) { return c < x.first; });
  if (it != cid_widths_.begin()) {
    --it;
    if (cid >= it->first && cid <= it->last) return it->width;
  }
  return default_width_;
}

bool font::text(std::uint32_t code, std::string& out) const {
  if (has_to_unicode_ && to_unicode_.unicode(code, out)) return true;
  if (!composite_) {
    const std::uint8_t len = text_len_[code & 0xFF];
    if (len == unknown_text) return false;
    out.append(texts_, text_off_[code & 0xFF], len);
    return true;
  }
  if (ucs2_codes_) {
    append_utf8(static_cast<char32_t>(code), out);
    return true;
  }
  if (!gid_unicode_.empty()) {
    std::uint32_t cid = code;
    if (!encoding_.cid(code, cid)) cid = code;
    std::uint32_t gid = cid;
    if (!cid_to_gid_.empty()) gid = cid < cid_to_gid_.size() ? cid_to_gid_[cid] : 0;
    if (gid < gid_unicode_.size() && gid_unicode_[gid] != 0) {
      append_utf8(gid_unicode_[gid], out);
      return true;
    }
  }
  return false;
}

}  // namespace quarry::detail::pdf
