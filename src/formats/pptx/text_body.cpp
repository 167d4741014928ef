#include "formats/pptx/text_body.hpp"

#include <algorithm>

#include "formats/office/xml_part.hpp"

namespace quarry::detail::pptx {

namespace {

// The bullet a paragraph-properties element (a:pPr, a:lvlNpPr) sets, or unknown.
bullet bullet_of(pugi::xml_node ppr) {
  for (pugi::xml_node c = ppr.first_child(); c; c = c.next_sibling()) {
    const std::string_view n = local_name(c);
    if (n == "buNone") return bullet::none;
    if (n == "buChar" || n == "buBlip") return bullet::symbol;
    if (n == "buAutoNum") return bullet::number;
  }
  return bullet::unknown;
}

int level_of(pugi::xml_node ppr) {
  return std::clamp(attribute_named(ppr, "lvl").as_int(0), 0, 8);
}

bool truthy(pugi::xml_attribute a) {
  const std::string_view v = a.value();
  return v == "1" || v == "true" || v == "on";
}

// The text of every m:t under an equation (a14:m), in order: OMML written out as its characters.
void math_text(pugi::xml_node math, std::string& out) {
  for (pugi::xml_node n = math.first_child(); n;) {
    if (n.type() == pugi::node_element && local_name(n) == "t") out += n.child_value();
    // Pre-order walk without recursion: down, else next, else up until a next exists.
    if (n.first_child() && n.type() == pugi::node_element && local_name(n) != "t") {
      n = n.first_child();
      continue;
    }
    while (n && n != math && !n.next_sibling()) n = n.parent();
    if (!n || n == math) break;
    n = n.next_sibling();
  }
}

// What a mc:AlternateContent inside a paragraph offers: an equation's text (mc:Choice holding
// a14:m), else the runs of mc:Fallback.
pugi::xml_node choose_alternate(pugi::xml_node alt, std::string& math) {
  for (pugi::xml_node c = alt.first_child(); c; c = c.next_sibling()) {
    if (local_name(c) != "Choice") continue;
    if (const pugi::xml_node m = child_named(c, "m")) {
      math_text(m, math);
      return {};
    }
  }
  return child_named(alt, "Fallback");
}

// A monospace typeface (a:latin typeface): the run is code.
bool monospace(std::string_view face) noexcept {
  for (const std::string_view mark : {"Mono", "Courier", "Consolas", "Menlo", "Monaco", "Console", "Code"}) {
    if (face.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

// Markup a run asks for.
struct run_style {
  bool strong = false;
  bool emphasis = false;
  bool strike = false;
  bool code = false;
  std::string_view href;
  bool operator==(const run_style&) const = default;
};

run_style style_of(pugi::xml_node rpr, const link_resolver* links) {
  run_style s;
  if (!rpr) return s;
  s.strong = truthy(attribute_named(rpr, "b"));
  s.emphasis = truthy(attribute_named(rpr, "i"));
  const std::string_view strike = attribute_named(rpr, "strike").value();
  s.strike = !strike.empty() && strike != "noStrike";
  s.code = monospace(attribute_named(child_named(rpr, "latin"), "typeface").value());
  if (links) {
    if (const pugi::xml_node click = child_named(rpr, "hlinkClick")) s.href = links->url(prefixed_attribute(click, "id").value());
  }
  return s;
}

// Writes one paragraph's runs, opening and closing markup only where it changes between runs.
class run_writer {
 public:
  run_writer(writer& out, const link_resolver* links) : out_(out), links_(links) {}
  ~run_writer() { close(); }
  run_writer(const run_writer&) = delete;
  run_writer& operator=(const run_writer&) = delete;

  void run(pugi::xml_node r) {
    const pugi::xml_node t = child_named(r, "t");
    const std::string_view text = t.child_value();
    if (text.empty()) return;
    restyle(style_of(child_named(r, "rPr"), links_));
    out_.text_collapsed(text);
  }
  void plain(std::string_view text) {
    restyle(run_style{});
    out_.text_collapsed(text);
  }
  void close() { restyle(run_style{}); }

 private:
  void restyle(const run_style& want) {
    if (want == cur_) return;
    if (cur_.code) out_.end_span(span_kind::code);
    if (cur_.strike) out_.end_span(span_kind::strike);
    if (cur_.emphasis) out_.end_span(span_kind::emphasis);
    if (cur_.strong) out_.end_span(span_kind::strong);
    if (!cur_.href.empty()) out_.end_span(span_kind::link);
    if (!want.href.empty()) out_.begin_span(span_kind::link, want.href);
    if (want.strong) out_.begin_span(span_kind::strong);
    if (want.emphasis) out_.begin_span(span_kind::emphasis);
    if (want.strike) out_.begin_span(span_kind::strike);
    if (want.code) out_.begin_span(span_kind::code);
    cur_ = want;
  }

  writer& out_;
  const link_resolver* links_;
  run_style cur_;
};

// True when the paragraph has something to show: a run or field with text, a line break, an
// equation.
bool has_content(pugi::xml_node p) {
  for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) {
    const std::string_view n = local_name(c);
    if (n == "r" || n == "fld") {
      if (*child_named(c, "t").child_value()) return true;
    } else if (n == "AlternateContent") {
      return true;
    }
  }
  return false;
}

void write_paragraph(pugi::xml_node p, const link_resolver* links, writer& out) {
  run_writer runs(out, links);
  for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) {
    const std::string_view n = local_name(c);
    if (n == "r" || n == "fld") {
      runs.run(c);
    } else if (n == "br") {
      runs.close();
      out.line_break();
    } else if (n == "AlternateContent") {
      std::string math;
      const pugi::xml_node fallback = choose_alternate(c, math);
      if (!math.empty()) runs.plain(math);
      for (pugi::xml_node f = fallback.first_child(); f; f = f.next_sibling()) {
        if (local_name(f) == "r") runs.run(f);
      }
    }
  }
}

}  // namespace

void read_list_style(pugi::xml_node list_style, bullet_levels& levels) {
  for (pugi::xml_node c = list_style.first_child(); c; c = c.next_sibling()) {
    const std::string_view n = local_name(c);
    // a:lvl1pPr .. a:lvl9pPr
    if (n.size() != 7 || !n.starts_with("lvl") || !n.ends_with("pPr") || n[3] < '1' || n[3] > '9') continue;
    const auto level = static_cast<std::size_t>(n[3] - '1');
    if (levels[level] == bullet::unknown) levels[level] = bullet_of(c);
  }
}

void render_text_body(pugi::xml_node tx_body, const bullet_levels& inherited, bool body_placeholder,
                      const link_resolver* links, writer& out) {
  bullet_levels levels = no_bullets();
  read_list_style(child_named(tx_body, "lstStyle"), levels);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] == bullet::unknown) levels[i] = inherited[i];
  }
  struct open_list {
    int level;
    bool ordered;
  };
  std::vector<open_list> lists;  // at most 9: one per level
  auto close_lists_above = [&](int level) {
    while (!lists.empty() && lists.back().level > level) {
      out.end_list();
      lists.pop_back();
    }
  };
  for (pugi::xml_node p = tx_body.first_child(); p && !out.stopped(); p = p.next_sibling()) {
    if (local_name(p) != "p" || !has_content(p)) continue;
    const pugi::xml_node ppr = child_named(p, "pPr");
    const int level = level_of(ppr);
    bullet b = bullet_of(ppr);
    if (b == bullet::unknown) b = levels[static_cast<std::size_t>(level)];
    if (b == bullet::unknown) b = body_placeholder && level > 0 ? bullet::symbol : bullet::none;
    if (b == bullet::none) {
      close_lists_above(-1);
      out.paragraph();
      write_paragraph(p, links, out);
      continue;
    }
    const bool ordered = b == bullet::number;
    close_lists_above(level);
    if (!lists.empty() && lists.back().level == level && lists.back().ordered != ordered) {
      out.end_list();
      lists.pop_back();
    }
    if (lists.empty() || lists.back().level < level) {
      std::int64_t start = 1;
      if (ordered) {
        const pugi::xml_node num = child_named(ppr, "buAutoNum");
        start = std::clamp<long long>(attribute_named(num, "startAt").as_llong(1), 0, 999999999);
      }
      out.begin_list(ordered, start);
      lists.push_back({level, ordered});
    }
    out.begin_item();
    write_paragraph(p, links, out);
  }
  close_lists_above(-1);
}

void text_body_string(pugi::xml_node tx_body, std::string& out) {
  for (pugi::xml_node p = tx_body.first_child(); p; p = p.next_sibling()) {
    if (local_name(p) != "p") continue;
    if (!out.empty() && out.back() != '\n') out += '\n';
    for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) {
      const std::string_view n = local_name(c);
      if (n == "r" || n == "fld") {
        out += child_named(c, "t").child_value();
      } else if (n == "br") {
        out += '\n';
      } else if (n == "AlternateContent") {
        const pugi::xml_node fallback = choose_alternate(c, out);
        for (pugi::xml_node f = fallback.first_child(); f; f = f.next_sibling()) {
          if (local_name(f) == "r") out += child_named(f, "t").child_value();
        }
      }
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
}

bool table_rows(pugi::xml_node tbl, std::vector<std::vector<std::string>>& rows, std::uint64_t& entries,
                std::uint64_t max_entries) {
  for (pugi::xml_node tr = tbl.first_child(); tr; tr = tr.next_sibling()) {
    if (local_name(tr) != "tr") continue;
    std::vector<std::string>& row = rows.emplace_back();
    for (pugi::xml_node tc = tr.first_child(); tc; tc = tc.next_sibling()) {
      if (local_name(tc) != "tc") continue;
      if (++entries > max_entries) return false;
      std::string& cell = row.emplace_back();
      // A cell a merge covers repeats nothing: the merged text is in the cell that spans.
      if (truthy(attribute_named(tc, "hMerge")) || truthy(attribute_named(tc, "vMerge"))) continue;
      text_body_string(child_named(tc, "txBody"), cell);
    }
  }
  return true;
}

}  // namespace quarry::detail::pptx
