// ODP and ODG: draw:page elements in order, one page each.
#include <algorithm>
#include <string>
#include <vector>

#include "formats/odf/package.hpp"
#include "formats/office/reading_order.hpp"
#include "formats/office/xml_part.hpp"

namespace quarry::detail::odf {

namespace {

// A length ("2.5cm", "10mm", "1in", "72pt", "6pc", "96px", or a bare number taken as cm) in
// micrometres; false when it is not one.
bool parse_length(std::string_view s, std::int64_t& out) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  double v = 0;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && v < 1e12) {
    v = v * 10 + (s[i++] - '0');
    digits = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    double scale = 0.1;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v += (s[i++] - '0') * scale;
      scale /= 10;
      digits = true;
    }
  }
  if (!digits) return false;
  const std::string_view unit = s.substr(i);
  double um_per_unit = 10000;  // cm
  if (unit == "mm") um_per_unit = 1000;
  else if (unit == "in" || unit == "inch") um_per_unit = 25400;
  else if (unit == "pt") um_per_unit = 25400.0 / 72;
  else if (unit == "pc") um_per_unit = 25400.0 / 6;
  else if (unit == "px") um_per_unit = 25400.0 / 96;
  else if (unit != "cm" && !unit.empty()) return false;
  out = static_cast<std::int64_t>(v * um_per_unit) * (negative ? -1 : 1);
  return true;
}

// Shapes whose tops differ by less than this (micrometres: an eighth of an inch) share a row.
constexpr std::int64_t row_tolerance = 3175;

// One drawing object of a page, with where it sits.
struct shape {
  pugi::xml_node node;
  std::int64_t y = 0;
  std::int64_t x = 0;
  bool title = false;
  bool positioned = false;
};

bool is_title(pugi::xml_node n) {
  const std::string_view cls = attribute_named(n, "class").value();
  return cls == "title";
}

// Placeholders that repeat on every slide: shown only with options::include_headers_footers.
bool is_header_or_footer(pugi::xml_node n) {
  const std::string_view cls = attribute_named(n, "class").value();
  return cls == "date-time" || cls == "footer" || cls == "header" || cls == "page-number";
}

// The page's drawing objects, groups (draw:g) flattened: their children carry page coordinates.
status collect_shapes(pugi::xml_node page, context& ctx, std::vector<shape>& shapes) {
  struct level {
    pugi::xml_node next;
  };
  std::vector<level> stack{{page.first_child()}};
  const std::uint32_t max_depth = ctx.out.limits().max_depth;
  while (!stack.empty()) {
    level& l = stack.back();
    if (!l.next) {
      stack.pop_back();
      continue;
    }
    const pugi::xml_node n = l.next;
    l.next = n.next_sibling();
    if (n.type() != pugi::node_element) continue;
    if (!ctx.count_entry()) return ctx.entries_error();
    const std::string_view qn(n.name());
    const std::string_view ln = local_name(n);
    if (ln == "notes" || ln == "forms" || qn.starts_with("anim:") || qn.starts_with("svg:") ||
        qn.starts_with("office:")) {
      continue;
    }
    if (ln == "g") {
      stack.push_back({n.first_child()});
      if (stack.size() > max_depth) return ctx.depth_error();
      continue;
    }
    if (is_header_or_footer(n) && !ctx.out.opts().include_headers_footers) continue;
    shape s;
    s.node = n;
    s.title = is_title(n);
    std::int64_t x = 0, y = 0;
    const bool has_y = parse_length(attribute_named(n, "y").value(), y) || parse_length(attribute_named(n, "y1").value(), y);
    const bool has_x = parse_length(attribute_named(n, "x").value(), x) || parse_length(attribute_named(n, "x1").value(), x);
    s.positioned = has_x && has_y;
    s.x = x;
    s.y = y;
    shapes.push_back(s);
  }
  return std::monostate{};
}

status render_notes_page(pugi::xml_node notes, context& ctx) {
  bool labelled = false;
  for (pugi::xml_node n = notes.first_child(); n; n = n.next_sibling()) {
    if (local_name(n) != "frame" || std::string_view(attribute_named(n, "class").value()) != "notes") continue;
    std::string text;
    if (status st = gather_text(n, ctx, text); !st.ok()) return st;
    if (text.empty()) continue;
    if (!labelled) {
      ctx.out.paragraph();
      ctx.out.text("Notes:");
      labelled = true;
    }
    if (status st = render_blocks(n, ctx, true); !st.ok()) return st;
  }
  return std::monostate{};
}

}  // namespace

status render_presentation(pugi::xml_node body, context& ctx) {
  writer& out = ctx.out;
  const bool drawing = local_name(body) == "drawing";
  std::uint32_t number = 0;
  value hidden = value::array();
  std::vector<shape> shapes;
  std::string title;
  for (pugi::xml_node page = body.first_child(); page; page = page.next_sibling()) {
    if (local_name(page) != "page") continue;
    if (out.stopped()) break;
    if (!ctx.count_entry()) return ctx.entries_error();
    ++number;
    ctx.page = number;
    // Hidden slides are kept (their text is part of the deck) and listed, as for PPTX.
    if (ctx.styles.hides_page(attribute_named(page, "style-name").value())) hidden.push_back(value(number));
    shapes.clear();
    if (status st = collect_shapes(page, ctx, shapes); !st.ok()) return st;
    // A title slide (one with a subtitle) heads the document: its title is the top heading.
    const bool title_slide = std::any_of(shapes.begin(), shapes.end(), [](const shape& s) {
      return std::string_view(attribute_named(s.node, "class").value()) == "subtitle";
    });
    sort_reading_order(shapes, row_tolerance);
    for (const shape& s : shapes) {
      if (out.stopped()) break;
      if (s.title) {
        if (status st = gather_text(s.node, ctx, title); !st.ok()) return st;
        if (title.empty()) continue;
        out.begin_heading(title_slide ? 1 : 2);
        out.text_collapsed(title);
        out.end_heading();
        continue;
      }
      if (status st = render_blocks(s.node, ctx, true); !st.ok()) return st;
    }
    if (status st = render_footnotes(ctx); !st.ok()) return st;
    ctx.notes.clear();
    if (out.opts().include_notes) {
      if (const pugi::xml_node notes = child_named(page, "notes")) {
        if (status st = render_notes_page(notes, ctx); !st.ok()) return st;
      }
    }
    if (status st = render_comments(ctx); !st.ok()) return st;
    ctx.annotations.clear();
    out.end_page(number);
  }
  out.metadata(drawing ? "pageCount" : "slideCount", value(number));
  if (hidden.size() > 0) out.metadata("hiddenSlides", std::move(hidden));
  return std::monostate{};
}

}  // namespace quarry::detail::odf
