#include "formats/docx/numbering.hpp"

#include <algorithm>

#include "formats/docx/styles.hpp"
#include "formats/docx/xml_part.hpp"

namespace quarry::detail::docx {

namespace {

// w:numStyleLink hops followed (a link to a style whose numbering links back is a cycle).
constexpr int max_link_hops = 4;

// Numbers that start beyond this are clamped, so a hostile w:start cannot overflow a counter.
constexpr std::int64_t max_start = 1'000'000'000;

int level_index(pugi::xml_node n) {
  const std::int64_t v = parse_int(attr_value(n, "ilvl"), -1);
  return v >= 0 && v < 9 ? static_cast<int>(v) : -1;
}

// Level texts longer than this are not labels (they are cut, so hostile ones cost nothing).
constexpr std::size_t max_level_text = 64;

number_format format_of(std::string_view fmt) {
  if (fmt == "bullet") return number_format::bullet;
  if (fmt == "none") return number_format::none;
  if (fmt == "decimalZero") return number_format::decimal_zero;
  if (fmt == "lowerLetter") return number_format::lower_letter;
  if (fmt == "upperLetter") return number_format::upper_letter;
  if (fmt == "lowerRoman") return number_format::lower_roman;
  if (fmt == "upperRoman") return number_format::upper_roman;
  return number_format::decimal;  // also the schema's default when w:numFmt is absent
}

list_level read_level(pugi::xml_node lvl) {
  list_level l;
  l.format = format_of(attr_value(child(lvl, "numFmt"), "val"));
  l.unnumbered = l.format == number_format::none;
  l.ordered = l.format != number_format::bullet && l.format != number_format::none;
  if (const pugi::xml_node t = child(lvl, "lvlText")) {
    const std::string_view text = attr_value(t, "val");
    l.blank = text.find_first_not_of(" \t\u00a0") == std::string_view::npos;
    l.text = text.substr(0, max_level_text);
  } else {
    l.text = "%" + std::to_string(level_index(lvl) + 1) + ".";
  }
  if (const pugi::xml_node s = child(lvl, "start")) {
    l.start = std::clamp<std::int64_t>(parse_int(attr_value(s, "val"), 1), 0, max_start);
  }
  return l;
}

// Roman numerals up to 3999; larger numbers are written in decimal.
std::string roman(std::int64_t n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static constexpr std::pair<int, std::string_view> parts[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                               {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                                                               {5, "v"},    {4, "iv"},   {1, "i"}};
  std::string s;
  for (const auto& [value, text] : parts) {
    while (n >= value) {
      s += text;
      n -= value;
    }
  }
  if (upper) {
    for (char& c : s) c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

}  // namespace

std::string format_number(std::int64_t n, number_format f) {
  switch (f) {
    case number_format::bullet:
    case number_format::none:
      return {};
    case number_format::decimal_zero:
      return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n);
    case number_format::lower_letter:
    case number_format::upper_letter: {
      // Word repeats the letter: a..z, aa..zz, aaa...
      constexpr std::int64_t max_letters = std::int64_t{26} * 20;
      if (n <= 0 || n > max_letters) return std::to_string(n);
      const char c = static_cast<char>((f == number_format::lower_letter ? 'a' : 'A') + (n - 1) % 26);
      std::string letters(static_cast<std::size_t>((n - 1) / 26 + 1), c);
      return letters;
    }
    case number_format::lower_roman:
    case number_format::upper_roman:
      return roman(n, f == number_format::upper_roman);
    case number_format::decimal:
      break;
  }
  return std::to_string(n);
}

void numbering_table::load(pugi::xml_node root) {
  abstracts_.clear();
  nums_.clear();
  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element) continue;
    const std::string_view name = local_name(n.name());
    if (name == "abstractNum") {
      abstract_def a;
      a.id = parse_int(attr_value(n, "abstractNumId"), -1);
      a.style_link = attr_value(child(n, "numStyleLink"), "val");
      for (pugi::xml_node l = n.first_child(); l; l = l.next_sibling()) {
        if (l.type() != pugi::node_element || local_name(l.name()) != "lvl") continue;
        const int i = level_index(l);
        if (i < 0 || a.has[static_cast<std::size_t>(i)]) continue;
        a.lvl[static_cast<std::size_t>(i)] = read_level(l);
        a.has[static_cast<std::size_t>(i)] = true;
      }
      abstracts_.push_back(std::move(a));
    } else if (name == "num") {
      num_def d;
      d.id = parse_int(attr_value(n, "numId"), -1);
      d.abstract_id = parse_int(attr_value(child(n, "abstractNumId"), "val"), -1);
      for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
        if (o.type() != pugi::node_element || local_name(o.name()) != "lvlOverride") continue;
        const int i = level_index(o);
        if (i < 0) continue;
        const auto k = static_cast<std::size_t>(i);
        if (const pugi::xml_node s = child(o, "startOverride")) {
          d.has_start[k] = true;
          d.start[k] = std::clamp<std::int64_t>(parse_int(attr_value(s, "val"), 1), 0, max_start);
        }
        if (const pugi::xml_node l = child(o, "lvl")) {
          d.has_lvl[k] = true;
          d.lvl[k] = read_level(l);
        }
      }
      nums_.push_back(d);
    }
  }
  // Sorted for lookups; the first definition of a duplicated id wins.
  std::stable_sort(abstracts_.begin(), abstracts_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  abstracts_.erase(std::unique(abstracts_.begin(), abstracts_.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
                   abstracts_.end());
  std::stable_sort(nums_.begin(), nums_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  nums_.erase(std::unique(nums_.begin(), nums_.end(), [](const auto& a, const auto& b) { return a.id == b.id; }), nums_.end());
}

const numbering_table::abstract_def* numbering_table::find_abstract(std::int64_t id) const {
  auto it = std::lower_bound(abstracts_.begin(), abstracts_.end(), id, [](const abstract_def& a, std::int64_t k) { return a.id < k; });
  return it != abstracts_.end() && it->id == id ? &*it : nullptr;
}

const numbering_table::num_def* numbering_table::find_num(std::int64_t id) const {
  auto it = std::lower_bound(nums_.begin(), nums_.end(), id, [](const num_def& n, std::int64_t k) { return n.id < k; });
  return it != nums_.end() && it->id == id ? &*it : nullptr;
}

bool numbering_table::resolve(std::int64_t num_id, int ilvl, const style_table& styles, list_ref& out) const {
  if (num_id <= 0) return false;
  const num_def* num = find_num(num_id);
  if (!num) return false;
  const auto k = static_cast<std::size_t>(std::clamp(ilvl, 0, levels - 1));
  const abstract_def* a = find_abstract(num->abstract_id);
  // A definition that only links to a numbering style takes that style's numbering's definition.
  for (int hop = 0; a && !a->style_link.empty() && !a->has[k] && hop < max_link_hops; ++hop) {
    const num_def* linked = find_num(styles.numbering_style_num(a->style_link));
    const abstract_def* next = linked ? find_abstract(linked->abstract_id) : nullptr;
    if (!next || next == a) break;
    a = next;
  }
  out = list_ref{};
  out.abstract_id = a ? a->id : -1 - num->id;  // an unknown definition: counters of its own
  if (num->has_lvl[k]) out.level = num->lvl[k];
  else if (a && a->has[k]) out.level = a->lvl[k];
  else out.level.ordered = false;  // no definition for the level: a bullet is the safe reading
  if (num->has_start[k]) {
    out.level.start = num->start[k];
    out.restart = true;
  }
  return true;
}

}  // namespace quarry::detail::docx
