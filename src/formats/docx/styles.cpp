#include "formats/docx/styles.hpp"

#include <algorithm>

#include "formats/docx/xml_part.hpp"

namespace quarry::detail::docx {

namespace {

// How many w:basedOn links are followed: Word itself keeps chains short; a cycle or a hostile
// chain stops here.
constexpr int max_based_on_hops = 32;

// A style as written, before inheritance.
struct raw_style {
  std::string id;
  std::string based_on;
  int heading = -1;  // -1 unset; 0 explicitly not a heading (w:outlineLvl 9); 1..9
  int role = -1;     // -1 unset, else a block_role
  int code = -1;
  std::int64_t num_id = -1;
  int ilvl = -1;
  int bold = -1;
  int italic = -1;
  int strike = -1;
  int hidden = -1;
};

// Lower-case ASCII letters and digits of a name ("Block Text" -> "blocktext").
std::string squeeze(std::string_view name) {
  std::string s;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') s += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) s += c;
  }
  return s;
}

// Quote and code styles by their (English, built-in or pandoc) names.
int role_from_name(std::string_view name) {
  const std::string s = squeeze(name);
  if (s == "quote" || s == "intensequote" || s == "blocktext" || s == "blockquote") {
    return static_cast<int>(block_role::quote);
  }
  if (s == "sourcecode" || s == "htmlpreformatted" || s == "code" || s == "codeblock") {
    return static_cast<int>(block_role::code);
  }
  return -1;
}

bool code_char_name(std::string_view name) {
  const std::string s = squeeze(name);
  return s == "verbatimchar" || s == "htmlcode" || s == "code" || s == "sourcecodechar" || s == "inlinecode";
}

void read_run_props(pugi::xml_node rpr, raw_style& st) {
  if (!rpr) return;
  st.bold = on_off(rpr, "b");
  st.italic = on_off(rpr, "i");
  const int s1 = on_off(rpr, "strike");
  const int s2 = on_off(rpr, "dstrike");
  st.strike = std::max(s1, s2);
  st.hidden = on_off(rpr, "vanish");
}

}  // namespace

int heading_from_name(std::string_view name) noexcept {
  if (iequals(name, "title")) return 1;
  constexpr std::string_view prefix = "heading";
  if (name.size() < prefix.size() + 1 || !iequals(name.substr(0, prefix.size()), prefix)) return 0;
  std::string_view rest = name.substr(prefix.size());
  if (rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() != 1 || rest[0] < '1' || rest[0] > '9') return 0;
  return rest[0] - '0';
}

void style_table::load(pugi::xml_node root) {
  std::vector<raw_style> raw;
  std::vector<kind> kinds;
  std::string default_id;
  for (pugi::xml_node s = root.first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || local_name(s.name()) != "style") continue;
    raw_style st;
    st.id = attr_value(s, "styleId");
    const std::string_view type = attr_value(s, "type");
    const kind k = type == "paragraph" || type.empty() ? kind::paragraph
                   : type == "character"                ? kind::character
                   : type == "numbering"                ? kind::numbering
                                                        : kind::other;
    if (k == kind::paragraph && default_id.empty()) {
      const std::string_view d = attr_value(s, "default");
      if (d == "1" || d == "true" || d == "on") default_id = st.id;
    }
    const std::string_view name = attr_value(child(s, "name"), "val");
    st.based_on = attr_value(child(s, "basedOn"), "val");
    if (const int h = heading_from_name(name.empty() ? std::string_view(st.id) : name); h > 0) st.heading = h;
    st.role = role_from_name(name.empty() ? std::string_view(st.id) : name);
    if (k == kind::character && code_char_name(name.empty() ? std::string_view(st.id) : name)) st.code = 1;
    if (const pugi::xml_node ppr = child(s, "pPr")) {
      if (const pugi::xml_node ol = child(ppr, "outlineLvl")) {
        const std::int64_t v = parse_int(attr_value(ol, "val"), -1);
        if (v >= 0 && v <= 8) st.heading = static_cast<int>(v) + 1;
        else if (v == 9) st.heading = 0;  // "body text": explicitly not a heading
      }
      if (const pugi::xml_node np = child(ppr, "numPr")) {
        if (const pugi::xml_node id = child(np, "numId")) st.num_id = parse_int(attr_value(id, "val"), -1);
        if (const pugi::xml_node lv = child(np, "ilvl")) {
          st.ilvl = static_cast<int>(std::clamp<std::int64_t>(parse_int(attr_value(lv, "val"), 0), 0, 8));
        }
      }
    }
    read_run_props(child(s, "rPr"), st);
    raw.push_back(std::move(st));
    kinds.push_back(k);
  }

  // Sorted by id (the first of duplicate ids wins, as in Word) for lookups during resolution.
  std::vector<std::size_t> order(raw.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return raw[a].id < raw[b].id; });
  order.erase(std::unique(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return raw[a].id == raw[b].id; }),
              order.end());
  auto lookup = [&](std::string_view id) -> const raw_style* {
    auto it = std::lower_bound(order.begin(), order.end(), id,
                               [&](std::size_t i, std::string_view key) { return raw[i].id < key; });
    return it != order.end() && raw[*it].id == id ? &raw[*it] : nullptr;
  };

  styles_.clear();
  styles_.reserve(order.size());
  for (const std::size_t i : order) {
    entry e;
    e.id = raw[i].id;
    e.type = kinds[i];
    // The first value met walking up the basedOn chain wins.
    raw_style acc;
    const raw_style* s = &raw[i];
    for (int hop = 0; s && hop < max_based_on_hops; ++hop) {
      if (acc.heading < 0) acc.heading = s->heading;
      if (acc.role < 0) acc.role = s->role;
      if (acc.code < 0) acc.code = s->code;
      if (acc.num_id < 0 && s->num_id >= 0) {
        acc.num_id = s->num_id;
        if (acc.ilvl < 0) acc.ilvl = s->ilvl;
      }
      if (acc.bold < 0) acc.bold = s->bold;
      if (acc.italic < 0) acc.italic = s->italic;
      if (acc.strike < 0) acc.strike = s->strike;
      if (acc.hidden < 0) acc.hidden = s->hidden;
      if (s->based_on.empty() || s->based_on == s->id) break;
      s = lookup(s->based_on);
    }
    e.info.heading = std::max(acc.heading, 0);
    e.info.role = acc.role < 0 ? block_role::normal : static_cast<block_role>(acc.role);
    e.info.code = acc.code > 0;
    e.info.num_id = acc.num_id;
    e.info.ilvl = acc.ilvl;
    e.info.bold = acc.bold;
    e.info.italic = acc.italic;
    e.info.strike = acc.strike;
    e.info.hidden = acc.hidden;
    styles_.push_back(std::move(e));
  }
  default_paragraph_ = {};
  if (const entry* d = find(default_id)) default_paragraph_ = d->info;
}

const style_table::entry* style_table::find(std::string_view id) const {
  if (id.empty()) return nullptr;
  auto it = std::lower_bound(styles_.begin(), styles_.end(), id, [](const entry& e, std::string_view key) { return e.id < key; });
  return it != styles_.end() && it->id == id ? &*it : nullptr;
}

style_info style_table::paragraph(std::string_view id) const {
  if (id.empty()) return default_paragraph_;
  if (const entry* e = find(id)) return e->info;
  style_info guessed;
  guessed.heading = heading_from_name(id);
  const int role = role_from_name(id);
  if (role >= 0) guessed.role = static_cast<block_role>(role);
  return guessed;
}

style_info style_table::character(std::string_view id) const {
  if (const entry* e = find(id)) return e->info;
  style_info guessed;
  guessed.code = !id.empty() && code_char_name(id);
  return guessed;
}

std::int64_t style_table::numbering_style_num(std::string_view id) const {
  const entry* e = find(id);
  return e ? e->info.num_id : -1;
}

}  // namespace quarry::detail::docx
