#include "formats/pptx/slide.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "formats/office/media.hpp"
#include "formats/office/reading_order.hpp"
#include "formats/office/xml_part.hpp"

namespace quarry::detail::pptx {

namespace {

// Links in runs name relationships of the slide part; only external targets are URLs.
class rels_links final : public link_resolver {
 public:
  explicit rels_links(const rel_index* rels) : rels_(rels) {}
  [[nodiscard]] std::string_view url(std::string_view id) const override {
    if (!rels_ || id.empty()) return {};
    const office::relationship* r = rels_->find(id);
    return r && r->external ? std::string_view(r->target) : std::string_view{};
  }

 private:
  const rel_index* rels_;
};

// The p:ph of a shape (p:nvSpPr/p:nvPr/p:ph and its kin for pictures and frames).
pugi::xml_node placeholder_of(pugi::xml_node shape) {
  for (pugi::xml_node c = shape.first_child(); c; c = c.next_sibling()) {
    const std::string_view n = local_name(c);
    if (n.starts_with("nv") && n.ends_with("Pr")) return child_named(child_named(c, "nvPr"), "ph");
  }
  return {};
}

// The p:cNvPr of a shape: its name, id and alternative text.
pugi::xml_node properties_of(pugi::xml_node shape) {
  for (pugi::xml_node c = shape.first_child(); c; c = c.next_sibling()) {
    const std::string_view n = local_name(c);
    if (n.starts_with("nv") && n.ends_with("Pr")) return child_named(c, "cNvPr");
  }
  return {};
}

// The a:xfrm of a shape, a picture, a connector, a graphic frame or a group.
pugi::xml_node transform_of(pugi::xml_node shape, std::string_view kind) {
  if (kind == "graphicFrame") return child_named(shape, "xfrm");
  if (kind == "grpSp") return child_named(child_named(shape, "grpSpPr"), "xfrm");
  return child_named(child_named(shape, "spPr"), "xfrm");
}

// Coordinates in a group map to the slide by scale and offset (rotation and flips are ignored:
// reading order only needs approximate positions).
struct mapping {
  double sx = 1, sy = 1, ox = 0, oy = 0;
};

mapping compose(const mapping& outer, pugi::xml_node xfrm) {
  const pugi::xml_node off = child_named(xfrm, "off");
  const pugi::xml_node ext = child_named(xfrm, "ext");
  const pugi::xml_node ch_off = child_named(xfrm, "chOff");
  const pugi::xml_node ch_ext = child_named(xfrm, "chExt");
  const double cx = ext.attribute("cx").as_double(0), cy = ext.attribute("cy").as_double(0);
  const double ccx = ch_ext.attribute("cx").as_double(0), ccy = ch_ext.attribute("cy").as_double(0);
  const double kx = ccx > 0 && cx > 0 ? cx / ccx : 1;
  const double ky = ccy > 0 && cy > 0 ? cy / ccy : 1;
  const double dx = off.attribute("x").as_double(0) - ch_off.attribute("x").as_double(0) * kx;
  const double dy = off.attribute("y").as_double(0) - ch_off.attribute("y").as_double(0) * ky;
  mapping m;
  m.sx = outer.sx * kx;
  m.sy = outer.sy * ky;
  m.ox = outer.ox + outer.sx * dx;
  m.oy = outer.oy + outer.sy * dy;
  return m;
}

// Shapes whose tops differ by less than this (EMU: an eighth of an inch) share a row.
constexpr std::int64_t row_tolerance = 114300;

std::int64_t to_emu(double v) {
  // Hostile offsets and scales: clamp before converting.
  if (!std::isfinite(v)) return 0;
  return static_cast<std::int64_t>(std::clamp(v, -1e15, 1e15));
}

// The mc:AlternateContent branch to read: the first mc:Choice (what current PowerPoint writes),
// else mc:Fallback. Both describe the same shapes, so only one is read.
pugi::xml_node choose_branch(pugi::xml_node alt) {
  if (pugi::xml_node c = child_named(alt, "Choice")) return c;
  return child_named(alt, "Fallback");
}

bool is_header_footer_type(std::string_view t) noexcept {
  return t == "dt" || t == "ftr" || t == "hdr" || t == "sldNum";
}

// The bullets a placeholder's paragraphs inherit from the layout and master.
bullet_levels inherited_bullets(pugi::xml_node ph, const layout* lay) {
  bullet_levels levels = no_bullets();
  if (!ph || !lay) return levels;
  const std::string_view type = attribute_named(ph, "type").value();
  if (const placeholder* p = lay->match(type, attribute_named(ph, "idx").as_llong(-1))) levels = p->bullets;
  if (family_of(type) == ph_family::body) {
    for (std::size_t i = 0; i < levels.size(); ++i) {
      if (levels[i] == bullet::unknown) levels[i] = lay->body_bullets[i];
    }
  }
  return levels;
}

std::string collapsed(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void render_picture(pugi::xml_node pic, const slide_refs& refs, writer& out) {
  const pugi::xml_node props = properties_of(pic);
  std::string_view alt = attribute_named(props, "descr").value();
  if (alt.empty()) alt = attribute_named(props, "title").value();
  const pugi::xml_node blip = child_named(child_named(pic, "blipFill"), "blip");
  pugi::xml_attribute ref = prefixed_attribute(blip, "embed");
  if (!ref) ref = prefixed_attribute(blip, "link");
  std::string_view target;
  if (refs.rels && ref) {
    if (const office::relationship* r = refs.rels->find(ref.value())) target = r->target;
  }
  out.image(collapsed(alt), target);
  if (out.opts().extract_images && !target.empty()) {
    image_info im;
    im.format = image_format_of(target);
    im.name = std::string(target);
    im.page_number = refs.number;
    out.add_image(std::move(im));
  }
}

// The part a relationship attribute of `n` (r:id, r:dm...) names, or "".
std::string_view related_part(pugi::xml_node n, std::string_view attr, const slide_refs& refs) {
  const pugi::xml_attribute id = prefixed_attribute(n, attr);
  if (!id || !refs.rels) return {};
  const office::relationship* r = refs.rels->find(id.value());
  return r && !r->external ? std::string_view(r->target) : std::string_view{};
}

// A chart's title and axis titles (c:title/c:tx/c:rich), each a paragraph; its data is not text.
status render_chart(pugi::xml_node chart_ref, const slide_refs& refs, writer& out) {
  const std::string_view part = related_part(chart_ref, "id", refs);
  if (part.empty()) return std::monostate{};
  std::string text;
  pugi::xml_document doc;
  result<bool> ok = refs.parts->read(part, text, doc);
  if (!ok.ok()) return std::move(ok).err();
  if (!ok.value()) return std::monostate{};
  const pugi::xml_node chart = child_named(doc.document_element(), "chart");
  std::vector<pugi::xml_node> titles;
  if (const pugi::xml_node t = child_named(chart, "title")) titles.push_back(t);
  for (pugi::xml_node axis = child_named(chart, "plotArea").first_child(); axis; axis = axis.next_sibling()) {
    if (local_name(axis).ends_with("Ax")) {
      if (const pugi::xml_node t = child_named(axis, "title")) titles.push_back(t);
    }
  }
  std::string line;
  for (const pugi::xml_node t : titles) {
    line.clear();
    text_body_string(child_named(child_named(t, "tx"), "rich"), line);
    if (line.empty()) continue;
    out.paragraph();
    out.text_collapsed(line);
  }
  return std::monostate{};
}

// SmartArt: the text of the data model's points (dgm:pt with a dgm:t body), as a list in the
// order the model gives them; connector and presentation points carry no text of their own.
status render_diagram(pugi::xml_node ids, const slide_refs& refs, writer& out) {
  const std::string_view part = related_part(ids, "dm", refs);
  if (part.empty()) return std::monostate{};
  std::string text;
  pugi::xml_document doc;
  result<bool> ok = refs.parts->read(part, text, doc);
  if (!ok.ok()) return std::move(ok).err();
  if (!ok.value()) return std::monostate{};
  std::string line;
  bool open = false;
  for (pugi::xml_node pt = child_named(doc.document_element(), "ptLst").first_child(); pt; pt = pt.next_sibling()) {
    if (local_name(pt) != "pt") continue;
    if (refs.entries && ++*refs.entries > out.limits().max_entries) {
      return error{error_code::limit_exceeded, error::no_offset,
                   "the presentation has more than limits.max_entries (" + std::to_string(out.limits().max_entries) +
                       ") elements"};
    }
    const std::string_view type = attribute_named(pt, "type").value();
    if (!type.empty() && type != "node") continue;
    line.clear();
    text_body_string(child_named(pt, "t"), line);
    if (collapsed(line).empty()) continue;
    if (!open) {
      out.begin_list(false);
      open = true;
    }
    out.begin_item();
    out.text_collapsed(line);
  }
  if (open) out.end_list();
  return std::monostate{};
}

status render_frame(pugi::xml_node frame, const slide_refs& refs, writer& out) {
  const pugi::xml_node data = child_named(child_named(frame, "graphic"), "graphicData");
  if (const pugi::xml_node tbl = child_named(data, "tbl")) {
    std::vector<std::vector<std::string>> rows;
    if (!table_rows(tbl, rows, *refs.entries, out.limits().max_entries)) {
      return error{error_code::limit_exceeded, error::no_offset,
                   "the presentation has more than limits.max_entries (" + std::to_string(out.limits().max_entries) +
                       ") elements"};
    }
    out.add_table(std::move(rows));
    return std::monostate{};
  }
  if (refs.parts && refs.rels) {
    if (const pugi::xml_node chart = child_named(data, "chart")) return render_chart(chart, refs, out);
    if (const pugi::xml_node ids = child_named(data, "relIds")) return render_diagram(ids, refs, out);
  }
  // Embedded objects and what could not be read: their alternative text stands for them.
  const std::string_view alt = attribute_named(properties_of(frame), "descr").value();
  if (!alt.empty()) {
    out.paragraph();
    out.text_collapsed(alt);
  }
  return std::monostate{};
}

}  // namespace

rel_index::rel_index(const std::vector<office::relationship>& rels) {
  by_id_.reserve(rels.size());
  for (const office::relationship& r : rels) by_id_.emplace(r.id, &r);
}

const office::relationship* rel_index::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

status order_shapes(pugi::xml_node root, const slide_refs& refs, const quarry::limits& lim,
                    std::vector<placed_shape>& out) {
  struct level {
    pugi::xml_node next;
    mapping map;
  };
  const pugi::xml_node tree = child_named(child_named(root, "cSld"), "spTree");
  std::vector<level> stack{{tree.first_child(), mapping{}}};
  while (!stack.empty()) {
    level& l = stack.back();
    if (!l.next) {
      stack.pop_back();
      continue;
    }
    const pugi::xml_node n = l.next;
    l.next = n.next_sibling();
    if (n.type() != pugi::node_element) continue;
    if (refs.entries && ++*refs.entries > lim.max_entries) {
      return error{error_code::limit_exceeded, error::no_offset,
                   "the presentation has more than limits.max_entries (" + std::to_string(lim.max_entries) + ") elements"};
    }
    const std::string_view kind = local_name(n);
    if (kind == "grpSp" || kind == "AlternateContent") {
      const mapping m = kind == "grpSp" ? compose(l.map, transform_of(n, kind)) : l.map;
      const pugi::xml_node inner = kind == "grpSp" ? n : choose_branch(n);
      stack.push_back({inner.first_child(), m});
      if (stack.size() > lim.max_depth) {
        return error{error_code::limit_exceeded, error::no_offset,
                     "shapes nest deeper than limits.max_depth (" + std::to_string(lim.max_depth) + ")"};
      }
      continue;
    }
    if (kind != "sp" && kind != "pic" && kind != "graphicFrame" && kind != "cxnSp") continue;
    placed_shape s;
    s.node = n;
    s.placeholder = placeholder_of(n);
    const std::string_view type = attribute_named(s.placeholder, "type").value();
    s.title = s.placeholder && family_of(type) == ph_family::title;
    if (const pugi::xml_node off = child_named(transform_of(n, kind), "off")) {
      const mapping& m = stack.back().map;
      s.positioned = true;
      s.x = to_emu(m.ox + m.sx * off.attribute("x").as_double(0));
      s.y = to_emu(m.oy + m.sy * off.attribute("y").as_double(0));
    } else if (s.placeholder && refs.slide_layout) {
      if (const placeholder* p = refs.slide_layout->match(type, attribute_named(s.placeholder, "idx").as_llong(-1))) {
        s.positioned = p->positioned;
        s.x = p->x;
        s.y = p->y;
      }
    }
    out.push_back(s);
  }
  sort_reading_order(out, row_tolerance);
  return std::monostate{};
}

status render_slide(pugi::xml_node root, const slide_refs& refs, writer& out) {
  std::vector<placed_shape> shapes;
  if (status st = order_shapes(root, refs, out.limits(), shapes); !st.ok()) return st;
  const rels_links links(refs.rels);
  std::string text;
  for (const placed_shape& s : shapes) {
    if (out.stopped()) break;
    const std::string_view kind = local_name(s.node);
    const std::string_view type = attribute_named(s.placeholder, "type").value();
    if (s.placeholder && is_header_footer_type(type) && !out.opts().include_headers_footers) continue;
    if (s.title) {
      text.clear();
      text_body_string(child_named(s.node, "txBody"), text);
      const std::string title = collapsed(text);
      if (title.empty()) continue;
      out.begin_heading(type == "ctrTitle" ? 1 : 2);
      out.text_collapsed(title);
      out.end_heading();
    } else if (kind == "sp") {
      const pugi::xml_node body = child_named(s.node, "txBody");
      if (!body) continue;
      const bool body_ph = s.placeholder && family_of(type) == ph_family::body && type != "subTitle";
      render_text_body(body, inherited_bullets(s.placeholder, refs.slide_layout), body_ph, &links, out);
    } else if (kind == "pic") {
      render_picture(s.node, refs, out);
    } else if (kind == "graphicFrame") {
      if (status st = render_frame(s.node, refs, out); !st.ok()) return st;
    }
  }
  return std::monostate{};
}

status render_notes_page(pugi::xml_node root, const slide_refs& refs, writer& out, bool& wrote) {
  wrote = false;
  std::vector<placed_shape> shapes;
  if (status st = order_shapes(root, refs, out.limits(), shapes); !st.ok()) return st;
  const rels_links links(refs.rels);
  std::string text;
  for (const placed_shape& s : shapes) {
    if (out.stopped()) break;
    if (local_name(s.node) != "sp") continue;
    const std::string_view type = attribute_named(s.placeholder, "type").value();
    // The slide image, its number, date, header and footer are not notes.
    if (s.placeholder && family_of(type) == ph_family::other) continue;
    const pugi::xml_node body = child_named(s.node, "txBody");
    text.clear();
    text_body_string(body, text);
    if (collapsed(text).empty()) continue;
    if (!wrote) {
      out.paragraph();
      out.text("Notes:");
      wrote = true;
    }
    render_text_body(body, no_bullets(), false, &links, out);
  }
  return std::monostate{};
}

}  // namespace quarry::detail::pptx
