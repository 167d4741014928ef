#include "formats/odf/styles.hpp"

#include <algorithm>

#include "formats/office/xml_part.hpp"

namespace quarry::detail::odf {

namespace {

// LibreOffice's built-in names, which documents use without always defining them.
paragraph_role role_of_name(std::string_view name) noexcept {
  if (name == "Title") return paragraph_role::title;
  if (name == "Preformatted_20_Text" || name == "Preformatted Text") return paragraph_role::code;
  if (name == "Quotations") return paragraph_role::quotation;
  return paragraph_role::normal;
}

std::uint8_t format_of_name(std::string_view name) noexcept {
  if (name == "Emphasis") return format_emphasis;
  if (name == "Strong_20_Emphasis" || name == "Strong Emphasis") return format_strong;
  if (name == "Source_20_Text" || name == "Source_Text" || name == "Source Text") return format_code;
  return 0;
}

// Typefaces that are monospace by name, for documents that do not say so in their font
// declarations (LibreOffice's "Courier" from a PPTX, "Consolas", "DejaVu Sans Mono"...).
bool monospace_name(std::string_view face) noexcept {
  for (const std::string_view mark : {"Mono", "Courier", "Consolas", "Menlo", "Monaco", "Console", "Code"}) {
    if (face.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

bool is_bold(std::string_view weight) noexcept {
  if (weight == "bold") return true;
  // Numeric weights: 600 and more read as bold.
  return weight.size() == 3 && weight[0] >= '6' && weight[0] <= '9' && weight[1] == '0' && weight[2] == '0';
}

}  // namespace

void styles::read(pugi::xml_node root, std::uint64_t& entries) {
  for (pugi::xml_node group = root.first_child(); group; group = group.next_sibling()) {
    const std::string_view g = local_name(group);
    if (g == "font-face-decls") {
      for (pugi::xml_node f = group.first_child(); f; f = f.next_sibling()) {
        ++entries;
        if (local_name(f) != "font-face") continue;
        const std::string_view name = attribute_named(f, "name").value();
        const std::string_view pitch = attribute_named(f, "font-pitch").value();
        const std::string_view generic = attribute_named(f, "font-family-generic").value();
        const std::string_view family = attribute_named(f, "font-family").value();
        fixed_fonts_.emplace(name, pitch == "fixed" || generic == "modern" || monospace_name(name) || monospace_name(family));
      }
      continue;
    }
    if (g != "styles" && g != "automatic-styles") continue;
    for (pugi::xml_node st = group.first_child(); st; st = st.next_sibling()) {
      ++entries;
      const std::string_view n = local_name(st);
      if (n == "style") read_style(st);
      else if (n == "list-style") read_list_style(st);
    }
  }
}

void styles::read_style(pugi::xml_node style) {
  const std::string_view name = attribute_named(style, "name").value();
  if (name.empty() || styles_.count(name)) return;  // the first definition read wins
  entry e;
  e.parent = attribute_named(style, "parent-style-name").value();
  e.list_style = attribute_named(style, "list-style-name").value();
  e.role = role_of_name(name);
  if (const std::uint8_t named = format_of_name(name)) {
    e.own_set |= named;
    e.own_on |= named;
  }
  if (const pugi::xml_node props = child_named(style, "text-properties")) {
    auto set = [&](std::uint8_t bit, bool on) {
      e.own_set |= bit;
      if (on) e.own_on |= bit;
      else e.own_on &= static_cast<std::uint8_t>(~bit);
    };
    for (pugi::xml_attribute a = props.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view an(a.name());
      const std::string_view v(a.value());
      if (an == "fo:font-weight") set(format_strong, is_bold(v));
      else if (an == "fo:font-style") set(format_emphasis, v == "italic" || v == "oblique");
      else if (an == "style:text-line-through-style") set(format_strike, !v.empty() && v != "none");
      else if (an == "style:font-name") e.font = v;
    }
  }
  if (const pugi::xml_node page = child_named(style, "drawing-page-properties")) {
    e.hidden_page = std::string_view(attribute_named(page, "visibility").value()) == "hidden";
  }
  styles_.emplace(name, e);
}

void styles::read_list_style(pugi::xml_node list) {
  const std::string_view name = attribute_named(list, "name").value();
  if (name.empty() || lists_.count(name)) return;
  std::vector<bool> levels;
  for (pugi::xml_node lv = list.first_child(); lv; lv = lv.next_sibling()) {
    const std::string_view n = local_name(lv);
    const bool number = n == "list-level-style-number";
    if (!number && n != "list-level-style-bullet" && n != "list-level-style-image") continue;
    const int level = attribute_named(lv, "level").as_int(0);
    if (level < 1 || level > 10) continue;  // ODF defines levels 1..10
    if (levels.size() < static_cast<std::size_t>(level)) levels.resize(static_cast<std::size_t>(level), false);
    // A numbered level with an empty format shows no number.
    const pugi::xml_attribute fmt = attribute_named(lv, "num-format");
    levels[static_cast<std::size_t>(level) - 1] = number && !(fmt && std::string_view(fmt.value()).empty());
  }
  lists_.emplace(name, std::move(levels));
}

void styles::finish() {
  for (auto& [name, e] : styles_) {
    std::uint8_t set = 0, on = 0;
    bool role_known = e.role != paragraph_role::normal;
    paragraph_role role = e.role;
    std::string_view list = e.list_style;
    const entry* cur = &e;
    std::string_view cur_name = name;
    for (int depth = 0; cur && depth < max_parent_depth; ++depth) {
      std::uint8_t own_set = cur->own_set, own_on = cur->own_on;
      if (!cur->font.empty() && !(own_set & format_code)) {
        const auto f = fixed_fonts_.find(cur->font);
        own_set |= format_code;
        if (f != fixed_fonts_.end() ? f->second : monospace_name(cur->font)) own_on |= format_code;
      }
      const std::uint8_t fresh = static_cast<std::uint8_t>(own_set & ~set);
      on |= static_cast<std::uint8_t>(own_on & fresh);
      set |= fresh;
      if (!role_known) {
        const paragraph_role r = cur->role != paragraph_role::normal ? cur->role : role_of_name(cur_name);
        if (r != paragraph_role::normal) {
          role = r;
          role_known = true;
        }
      }
      if (list.empty()) list = cur->list_style;
      if (cur->parent.empty()) break;
      cur_name = cur->parent;
      const auto p = styles_.find(cur->parent);
      if (p == styles_.end()) {
        // An undefined built-in parent still names a role.
        if (!role_known) role = role_of_name(cur_name);
        const std::uint8_t named = format_of_name(cur_name);
        on |= static_cast<std::uint8_t>(named & ~set);
        break;
      }
      cur = &p->second;
    }
    e.resolved = on;
    e.role = role;
    e.list_style = list;
  }
}

std::uint8_t styles::format(std::string_view style) const {
  if (style.empty()) return 0;
  const auto it = styles_.find(style);
  return it == styles_.end() ? format_of_name(style) : it->second.resolved;
}

paragraph_role styles::role(std::string_view style) const {
  if (style.empty()) return paragraph_role::normal;
  const auto it = styles_.find(style);
  return it == styles_.end() ? role_of_name(style) : it->second.role;
}

std::string_view styles::paragraph_list_style(std::string_view style) const {
  const auto it = styles_.find(style);
  return it == styles_.end() ? std::string_view{} : it->second.list_style;
}

bool styles::hides_page(std::string_view page_style) const {
  const auto it = styles_.find(page_style);
  return it != styles_.end() && it->second.hidden_page;
}

bool styles::list_numbered(std::string_view list_style, std::size_t level) const {
  const auto it = lists_.find(list_style);
  if (it == lists_.end() || it->second.empty() || level == 0) return false;
  // Levels past those defined repeat the last one.
  const std::size_t i = std::min(level, it->second.size()) - 1;
  return it->second[i];
}

}  // namespace quarry::detail::odf
