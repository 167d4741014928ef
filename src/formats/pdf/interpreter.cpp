#include "formats/pdf/interpreter.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <qpdf/QPDFPageObjectHelper.hh>

#include "formats/pdf/context.hpp"
#include "formats/pdf/font.hpp"
#include "formats/pdf/lexer.hpp"
#include "formats/pdf/numeric.hpp"

namespace quarry::detail::pdf {

namespace {

// Form XObjects nest at most this deep (and never more than limits.max_depth).
constexpr std::size_t max_form_depth = 32;
// Operands beyond this many before an operator are dropped (no operator takes more than a TJ array).
constexpr std::size_t max_operands = 1 << 16;

struct matrix {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
};

// m × n in PDF's row-vector convention: apply m first, then n.
matrix mul(const matrix& m, const matrix& n) {
  return {m.a * n.a + m.b * n.c,       m.a * n.b + m.b * n.d,       m.c * n.a + m.d * n.c,
          m.c * n.b + m.d * n.d,       m.e * n.a + m.f * n.c + n.e, m.e * n.b + m.f * n.d + n.f};
}

bool finite(const matrix& m) {
  return std::isfinite(m.a) && std::isfinite(m.b) && std::isfinite(m.c) && std::isfinite(m.d) && std::isfinite(m.e) &&
         std::isfinite(m.f);
}

struct graphics_state {
  matrix ctm;
  const font* f = nullptr;
  double font_size = 0;
  double char_spacing = 0;
  double word_spacing = 0;
  double horizontal_scale = 1;
  double leading = 0;
  double rise = 0;
};

// A marked-content sequence; those with /ActualText replace the glyphs they contain.
struct marked {
  bool actual = false;
  std::string text;
  bool any = false;
  glyph first{};
  float end_x = 0, end_y = 0;
};

struct frame {
  std::string data;
  lexer lex{std::string_view()};
  QPDFObjectHandle resources;
  QPDFObjGen id;
  std::size_t gs_floor = 0;  // Q never pops below this; a form's saved state sits just under it
};

/// The image format a filter name (full or inline abbreviation) encodes; "raw" for the generic ones.
std::string_view image_format(std::string_view filter) noexcept {
  if (filter == "DCTDecode" || filter == "DCT") return "jpeg";
  if (filter == "JPXDecode") return "jpeg2000";
  if (filter == "JBIG2Decode") return "jbig2";
  if (filter == "CCITTFaxDecode" || filter == "CCF") return "ccitt";
  return "raw";
}

class interpreter {
 public:
  interpreter(context& ctx, page_text& out) : ctx_(ctx), out_(out) {}

  bool run(QPDFObjectHandle page);

 private:
  bool push_frame(std::string data, QPDFObjectHandle resources, QPDFObjGen id);
  void execute(std::string_view op, frame& fr);
  void show(std::string_view bytes);
  void emit(glyph g, std::string_view text);
  void do_xobject(std::string_view name, frame& fr);
  [[nodiscard]] image_info describe_image(QPDFObjectHandle dict, std::string_view name) const;
  [[nodiscard]] image_info describe_inline_image() const;
  void begin_marked(bool with_props, frame& fr);
  void end_marked();
  void set_font(std::string_view name, double size, frame& fr);
  [[nodiscard]] double num(std::size_t from_end) const;  // operand counted from the end, 1-based
  [[nodiscard]] std::size_t count_numbers() const;

  context& ctx_;
  page_text& out_;
  std::vector<std::unique_ptr<frame>> frames_;
  std::vector<graphics_state> gs_stack_;
  graphics_state gs_;
  matrix tm_, tlm_;
  std::vector<token> operands_;
  std::string pool_;
  std::vector<marked> marked_;
  std::size_t actual_depth_ = 0;  // open /ActualText sequences
  std::uint64_t page_ops_left_ = 0;
  std::string scratch_;
};

double interpreter::num(std::size_t from_end) const {
  if (from_end > operands_.size()) return 0;
  const token& t = operands_[operands_.size() - from_end];
  return t.kind == token_kind::number ? t.number : 0;
}

std::size_t interpreter::count_numbers() const {
  std::size_t n = 0;
  for (auto it = operands_.rbegin(); it != operands_.rend() && it->kind == token_kind::number; ++it) ++n;
  return n;
}

bool interpreter::push_frame(std::string data, QPDFObjectHandle resources, QPDFObjGen id) {
  auto fr = std::make_unique<frame>();
  fr->data = std::move(data);
  fr->lex = lexer(fr->data);
  fr->resources = resources;
  fr->id = id;
  fr->gs_floor = gs_stack_.size();
  frames_.push_back(std::move(fr));
  return true;
}

bool interpreter::run(QPDFObjectHandle page) {
  QPDFPageObjectHelper helper(page);
  // The visible page: the crop box (or media box), turned by /Rotate.
  QPDFObjectHandle box = helper.getCropBox(false, false);
  double x0 = 0, y0 = 0, x1 = 612, y1 = 792;
  if (box.isRectangle()) {
    const QPDFObjectHandle::Rectangle r = box.getArrayAsRectangle();
    x0 = std::min(r.llx, r.urx), x1 = std::max(r.llx, r.urx);
    y0 = std::min(r.lly, r.ury), y1 = std::max(r.lly, r.ury);
    if (!(x1 - x0 > 0) || !(y1 - y0 > 0) || !std::isfinite(x1 - x0) || !std::isfinite(y1 - y0)) {
      x0 = y0 = 0, x1 = 612, y1 = 792;
    }
  }
  long long rotate = 0;
  QPDFObjectHandle rot = helper.getAttribute("/Rotate", false);
  if (rot.isInteger()) rotate = ((rot.getIntValue() % 360) + 360) % 360;
  const double w = x1 - x0, h = y1 - y0;
  // Device space: origin at the lower left of the page as it is viewed.
  matrix base{1, 0, 0, 1, -x0, -y0};
  if (rotate == 90) base = mul(base, matrix{0, -1, 1, 0, 0, w});
  else if (rotate == 180) base = mul(base, matrix{-1, 0, 0, -1, w, h});
  else if (rotate == 270) base = mul(base, matrix{0, 1, -1, 0, h, 0});
  const bool sideways = rotate == 90 || rotate == 270;
  out_.width = static_cast<float>(sideways ? h : w);
  out_.height = static_cast<float>(sideways ? w : h);
  gs_ = graphics_state{};
  gs_.ctm = base;

  // The content: one stream or an array of them, concatenated (a token may span two).
  std::string content, part;
  QPDFObjectHandle contents = page.getKey("/Contents");
  if (contents.isArray()) {
    const int n = contents.getArrayNItems();
    for (int i = 0; i < n; ++i) {
      QPDFObjectHandle s = contents.getArrayItem(i);
      if (!s.isStream()) continue;
      if (ctx_.read_stream(s, part)) {
        content += part;
        content += '\n';
      }
      if (ctx_.limit_reached()) return false;
    }
  } else if (contents.isStream()) {
    ctx_.read_stream(contents, content);
    if (ctx_.limit_reached()) return false;
  }
  page_ops_left_ = ctx_.out.limits().max_entries;
  push_frame(std::move(content), helper.getAttribute("/Resources", false), QPDFObjGen());

  while (!frames_.empty()) {
    frame& fr = *frames_.back();
    const token t = fr.lex.next(pool_);
    if (t.kind == token_kind::eof) {
      // The end of a form: its graphics state ends with it.
      if (fr.gs_floor > 0 && gs_stack_.size() >= fr.gs_floor && frames_.size() > 1) {
        gs_ = gs_stack_[fr.gs_floor - 1];
        gs_stack_.resize(fr.gs_floor - 1);
      }
      frames_.pop_back();
      operands_.clear();
      pool_.clear();
      continue;
    }
    if (t.kind != token_kind::keyword) {
      if (operands_.size() < max_operands) operands_.push_back(t);
      continue;
    }
    if (page_ops_left_ == 0 || ctx_.ops_left == 0) {
      ctx_.limit(page_ops_left_ == 0 ? "a page has more content-stream operators than limits.max_entries"
                                     : "the document has more content-stream operators than 64 × limits.max_entries");
      frames_.clear();
      return false;
    }
    --page_ops_left_;
    --ctx_.ops_left;
    execute(token_text(pool_, t), fr);  // may push a frame: `fr` stays valid (frames are heap objects)
    if (ctx_.limit_reached() || ctx_.out.stopped()) {
      frames_.clear();
      return !ctx_.limit_reached();
    }
    operands_.clear();
    pool_.clear();
  }
  while (!marked_.empty()) end_marked();
  return true;
}

void interpreter::set_font(std::string_view name, double size, frame& fr) {
  gs_.font_size = size;
  gs_.f = nullptr;
  QPDFObjectHandle fonts = fr.resources.isDictionary() ? fr.resources.getKey("/Font") : QPDFObjectHandle();
  if (!fonts.isDictionary()) {
    ctx_.warn("pdf_font", "a font resource is missing");
    return;
  }
  std::string key = "/";
  key += name;
  QPDFObjectHandle dict = fonts.getKey(key);
  gs_.f = ctx_.get_font(dict);
  if (!gs_.f) ctx_.warn("pdf_font", "font " + std::string(name) + " is missing or unreadable");
}

void interpreter::emit(glyph g, std::string_view text) {
  if (actual_depth_ > 0) {
    // Inside /ActualText: remember where the replaced glyphs are, show nothing.
    for (auto it = marked_.rbegin(); it != marked_.rend(); ++it) {
      if (!it->actual) continue;
      if (!it->any) {
        it->any = true;
        it->first = g;
      }
      it->end_x = g.x + g.ux * g.width;
      it->end_y = g.y + g.uy * g.width;
      break;
    }
    return;
  }
  if (out_.chars.size() + text.size() > (1u << 30) || text.size() > 0xFFFF) return;
  g.text_off = static_cast<std::uint32_t>(out_.chars.size());
  g.text_len = static_cast<std::uint16_t>(text.size());
  out_.chars.append(text);
  out_.glyphs.push_back(g);
}

void interpreter::show(std::string_view bytes) {
  const font* f = gs_.f;
  if (!f) return;
  const double fs = gs_.font_size;
  const double th = gs_.horizontal_scale;
  for (std::size_t i = 0; i < bytes.size();) {
    std::uint32_t code = 0;
    const std::size_t n = f->next_code(bytes, i, code);
    i += n;
    const double w0 = f->width(code);
    const bool word_space = n == 1 && code == 32;
    // Trm = [fs·th 0 0 fs 0 rise] × Tm × CTM
    const matrix m = mul(tm_, gs_.ctm);
    const matrix trm = mul(matrix{fs * th, 0, 0, fs, 0, gs_.rise}, m);
    scratch_.clear();
    const bool known = f->text(code, scratch_);
    double adv;  // along the writing direction, in text space
    if (!f->vertical()) {
      adv = (w0 * fs + gs_.char_spacing + (word_space ? gs_.word_spacing : 0)) * th;
    } else {
      adv = -(w0 * fs) + gs_.char_spacing + (word_space ? gs_.word_spacing : 0);
    }
    if (known && finite(trm)) {
      glyph g;
      g.x = static_cast<float>(trm.e);
      g.y = static_cast<float>(trm.f);
      double ux, uy, len;
      double extent;
      if (!f->vertical()) {
        ux = m.a, uy = m.b;
        len = std::hypot(ux, uy);
        extent = (w0 * fs + std::max(gs_.char_spacing, 0.0)) * th * len;
        g.size = static_cast<float>(std::fabs(fs) * f->size_scale() * std::hypot(m.c, m.d));
      } else {
        ux = -m.c, uy = -m.d;  // downwards in text space
        len = std::hypot(ux, uy);
        extent = w0 * std::fabs(fs) * len;
        g.size = static_cast<float>(std::fabs(fs) * std::hypot(m.a, m.b));
      }
      if (len > 0) {
        g.ux = static_cast<float>(ux / len);
        g.uy = static_cast<float>(uy / len);
      }
      if (fs < 0 || th < 0) {  // mirrored text runs the other way
        g.ux = -g.ux;
        g.uy = -g.uy;
      }
      g.width = static_cast<float>(std::fabs(extent));
      g.space = scratch_ == " ";
      if (std::isfinite(g.size) && std::isfinite(g.width)) emit(g, scratch_);
    } else if (!known) {
      ++out_.unmapped;
    }
    if (!f->vertical()) {
      tm_.e += adv * tm_.a;
      tm_.f += adv * tm_.b;
    } else {
      tm_.e += adv * tm_.c;
      tm_.f += adv * tm_.d;
    }
  }
}

image_info interpreter::describe_image(QPDFObjectHandle dict, std::string_view name) const {
  image_info im;
  im.name = name;
  QPDFObjectHandle w = dict.getKey("/Width"), h = dict.getKey("/Height");
  if (w.isNumber()) im.width = clamp_to<std::uint32_t>(w.getNumericValue());
  if (h.isNumber()) im.height = clamp_to<std::uint32_t>(h.getNumericValue());
  // With a chain of filters the last one is the image's own encoding.
  QPDFObjectHandle f = dict.getKey("/Filter");
  if (f.isArray() && f.getArrayNItems() > 0) f = f.getArrayItem(f.getArrayNItems() - 1);
  im.format = image_format(f.isName() ? std::string_view(f.getName()).substr(1) : std::string_view());
  return im;
}

image_info interpreter::describe_inline_image() const {
  image_info im;
  im.format = "raw";
  std::string_view last_filter;
  for (std::size_t i = 0; i + 1 < operands_.size(); ++i) {
    if (operands_[i].kind != token_kind::name) continue;
    const std::string_view key = token_text(pool_, operands_[i]);
    const token& v = operands_[i + 1];
    if ((key == "W" || key == "Width") && v.kind == token_kind::number) im.width = clamp_to<std::uint32_t>(v.number);
    if ((key == "H" || key == "Height") && v.kind == token_kind::number) im.height = clamp_to<std::uint32_t>(v.number);
    if (key == "F" || key == "Filter") {
      if (v.kind == token_kind::name) {
        last_filter = token_text(pool_, v);
      } else if (v.kind == token_kind::array_open) {
        for (std::size_t k = i + 2; k < operands_.size() && operands_[k].kind != token_kind::array_close; ++k) {
          if (operands_[k].kind == token_kind::name) last_filter = token_text(pool_, operands_[k]);
        }
      }
    }
  }
  im.format = image_format(last_filter);
  im.name = "inline";
  return im;
}

void interpreter::do_xobject(std::string_view name, frame& fr) {
  QPDFObjectHandle xobjects = fr.resources.isDictionary() ? fr.resources.getKey("/XObject") : QPDFObjectHandle();
  if (!xobjects.isDictionary()) return;
  std::string key = "/";
  key += name;
  QPDFObjectHandle xo = xobjects.getKey(key);
  if (!xo.isStream()) return;
  QPDFObjectHandle dict = xo.getDict();
  QPDFObjectHandle subtype = dict.getKey("/Subtype");
  if (subtype.isName() && subtype.getName() == "/Image") {
    if (ctx_.out.opts().extract_images) out_.images.push_back(describe_image(dict, name));
    return;
  }
  if (!subtype.isName() || subtype.getName() != "/Form") return;
  const QPDFObjGen id = xo.getObjGen();
  for (const auto& f : frames_) {
    if (f->id.isIndirect() && f->id == id) {
      ctx_.warn("pdf_form_cycle", "a form XObject draws itself; the repetition is skipped");
      return;
    }
  }
  const std::size_t limit = std::min<std::size_t>(max_form_depth, ctx_.out.limits().max_depth);
  if (frames_.size() > limit) {
    ctx_.limit("form XObjects nest deeper than " + std::to_string(limit));
    return;
  }
  std::string data;
  if (!ctx_.read_stream(xo, data)) return;
  // The form runs in its own graphics state, with its /Matrix.
  gs_stack_.push_back(gs_);
  QPDFObjectHandle mat = dict.getKey("/Matrix");
  if (mat.isArray() && mat.getArrayNItems() == 6) {
    matrix m;
    double* v[6] = {&m.a, &m.b, &m.c, &m.d, &m.e, &m.f};
    for (int i = 0; i < 6; ++i) {
      QPDFObjectHandle item = mat.getArrayItem(i);
      *v[i] = item.isNumber() ? item.getNumericValue() : (i == 0 || i == 3 ? 1 : 0);
    }
    if (finite(m)) gs_.ctm = mul(m, gs_.ctm);
  }
  QPDFObjectHandle res = dict.getKey("/Resources");
  push_frame(std::move(data), res.isDictionary() ? res : fr.resources, id);
}

void interpreter::begin_marked(bool with_props, frame& fr) {
  marked m;
  if (with_props && !operands_.empty()) {
    // The properties: an inline dictionary, or a name in /Properties.
    const token& last = operands_.back();
    if (last.kind == token_kind::dict_close) {
      for (std::size_t i = 0; i + 1 < operands_.size(); ++i) {
        const token& k = operands_[i];
        if (k.kind == token_kind::name && token_text(pool_, k) == "ActualText" &&
            operands_[i + 1].kind == token_kind::string) {
          m.actual = true;
          m.text = QPDFObjectHandle::newString(std::string(token_text(pool_, operands_[i + 1]))).getUTF8Value();
          break;
        }
      }
    } else if (last.kind == token_kind::name && fr.resources.isDictionary()) {
      QPDFObjectHandle props = fr.resources.getKey("/Properties");
      if (props.isDictionary()) {
        std::string key = "/";
        key.append(token_text(pool_, last));
        QPDFObjectHandle p = props.getKey(key);
        if (p.isDictionary() && p.getKey("/ActualText").isString()) {
          m.actual = true;
          m.text = p.getKey("/ActualText").getUTF8Value();
        }
      }
    }
  }
  if (marked_.size() >= ctx_.out.limits().max_depth) {
    m.actual = false;  // too deep: keep counting for EMC, but nothing more
  }
  if (m.actual) ++actual_depth_;
  marked_.push_back(std::move(m));
}

void interpreter::end_marked() {
  if (marked_.empty()) return;
  marked m = std::move(marked_.back());
  marked_.pop_back();
  if (!m.actual) return;
  --actual_depth_;
  if (!m.any || m.text.empty()) return;
  glyph g = m.first;
  g.width = std::hypot(m.end_x - g.x, m.end_y - g.y);
  g.space = m.text == " ";
  if (actual_depth_ > 0) {
    // Nested inside another /ActualText: the outer one wins.
    emit(g, {});
    return;
  }
  emit(g, m.text);
}

void interpreter::execute(std::string_view op, frame& fr) {
  if (op.empty()) return;
  switch (op[0]) {
    case 'B':
      if (op == "BT") tm_ = tlm_ = matrix{};
      else if (op == "BDC") begin_marked(true, fr);
      else if (op == "BMC") begin_marked(false, fr);
      return;
    case 'E':
      if (op == "EMC") end_marked();
      return;
    case 'I':
      if (op == "ID") {
        // The inline image's dictionary is the operand list since BI: /W and /H (or /Width, /Height).
        if (ctx_.out.opts().extract_images) out_.images.push_back(describe_inline_image());
        fr.lex.skip_inline_image();
      }
      return;
    case 'q':
      if (op == "q") {
        if (gs_stack_.size() < ctx_.out.limits().max_depth) gs_stack_.push_back(gs_);
      }
      return;
    case 'Q':
      if (op == "Q" && gs_stack_.size() > fr.gs_floor) {
        gs_ = gs_stack_.back();
        gs_stack_.pop_back();
      }
      return;
    case 'c':
      if (op == "cm" && count_numbers() >= 6) {
        const matrix m{num(6), num(5), num(4), num(3), num(2), num(1)};
        if (finite(m)) gs_.ctm = mul(m, gs_.ctm);
      }
      return;
    case 'D':
      if (op == "Do" && !operands_.empty() && operands_.back().kind == token_kind::name) {
        do_xobject(token_text(pool_, operands_.back()), fr);
      }
      return;
    case '\'':
    case '"':
      if (op == "\"" && operands_.size() >= 3) {
        gs_.word_spacing = num(3);
        gs_.char_spacing = num(2);
      }
      tlm_.e += -gs_.leading * tlm_.c;
      tlm_.f += -gs_.leading * tlm_.d;
      tm_ = tlm_;
      if (!operands_.empty() && operands_.back().kind == token_kind::string) show(token_text(pool_, operands_.back()));
      return;
    case 'T':
      break;
    default:
      return;
  }
  if (op.size() != 2) return;
  switch (op[1]) {
    case 'c': gs_.char_spacing = num(1); return;
    case 'w': gs_.word_spacing = num(1); return;
    case 'z': gs_.horizontal_scale = num(1) / 100.0; return;
    case 'L': gs_.leading = num(1); return;
    case 's': gs_.rise = num(1); return;
    case 'r': return;  // render mode: invisible text (OCR layers) is text too
    case 'f':
      if (operands_.size() >= 2 && operands_[operands_.size() - 2].kind == token_kind::name) {
        set_font(token_text(pool_, operands_[operands_.size() - 2]), num(1), fr);
      }
      return;
    case 'd':
    case 'D': {
      if (count_numbers() < 2) return;
      const double tx = num(2), ty = num(1);
      if (op[1] == 'D') gs_.leading = -ty;
      tlm_.e += tx * tlm_.a + ty * tlm_.c;
      tlm_.f += tx * tlm_.b + ty * tlm_.d;
      tm_ = tlm_;
      return;
    }
    case 'm':
      if (count_numbers() >= 6) {
        const matrix m{num(6), num(5), num(4), num(3), num(2), num(1)};
        if (finite(m)) tm_ = tlm_ = m;
      }
      return;
    case '*':
      tlm_.e += -gs_.leading * tlm_.c;
      tlm_.f += -gs_.leading * tlm_.d;
      tm_ = tlm_;
      return;
    case 'j':
      if (!operands_.empty() && operands_.back().kind == token_kind::string) show(token_text(pool_, operands_.back()));
      return;
    case 'J': {
      // From the last '[': strings shown, numbers move back by thousandths of the font size.
      std::size_t start = operands_.size();
      while (start > 0 && operands_[start - 1].kind != token_kind::array_open) --start;
      const double fs = gs_.font_size;
      for (std::size_t i = start; i < operands_.size(); ++i) {
        const token& t = operands_[i];
        if (t.kind == token_kind::string) {
          show(token_text(pool_, t));
        } else if (t.kind == token_kind::number && gs_.f) {
          const double adj = -t.number / 1000.0 * fs;
          if (!gs_.f->vertical()) {
            const double tx = adj * gs_.horizontal_scale;
            tm_.e += tx * tm_.a;
            tm_.f += tx * tm_.b;
          } else {
            tm_.e += adj * tm_.c;
            tm_.f += adj * tm_.d;
          }
        }
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace

bool interpret_page(context& ctx, QPDFObjectHandle page, page_text& out) {
  out.clear();
  interpreter in(ctx, out);
  return in.run(page);
}

}  // namespace quarry::detail::pdf
