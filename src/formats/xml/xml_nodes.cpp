#include "formats/xml/xml_nodes.hpp"

#include <cstring>

#include "core/entities.hpp"
#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

bool space_char(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

xml_children inspect_children(pugi::xml_node e) noexcept {
  xml_children k;
  for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) {
      k.elements = true;
    } else if (is_text_node(c)) {
      const std::string_view v = c.value();
      if (!is_xml_space(v)) {
        k.text = true;
        k.text_bytes += v.size();
      }
    }
  }
  return k;
}

pugi::xml_node next_element(pugi::xml_node n) noexcept {
  for (n = n.next_sibling(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) return n;
  }
  return {};
}

std::string_view local_name(std::string_view qualified) noexcept {
  const std::size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool is_xml_space(std::string_view s) noexcept {
  for (const char c : s) {
    if (!space_char(c)) return false;
  }
  return true;
}

void text_collector::add(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (space_char(s[i])) {
      while (i < s.size() && space_char(s[i])) ++i;
      pending_space_ = true;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !space_char(s[j])) ++j;
    if (pending_space_ && !out_.empty()) out_ += ' ';
    pending_space_ = false;
    replaced_ += append_utf8_sanitized(s.substr(i, j - i), out_);
    i = j;
  }
}

void collect_own_text(pugi::xml_node e, text_collector& out) {
  for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
    if (is_text_node(c)) out.add(c.value());
  }
}

void collect_all_text(pugi::xml_node e, text_collector& out) {
  pugi::xml_node n = e.first_child();
  while (n) {
    if (is_text_node(n)) out.add(n.value());
    if (n.type() == pugi::node_element && n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != e && !n.next_sibling()) n = n.parent();
    if (n == e) break;
    n = n.next_sibling();
  }
}

void strip_markup(std::string& s) {
  // Only text that plainly holds tags: a '<' followed by a letter, '/' or '!' and a later '>'.
  bool tagged = false;
  for (std::size_t i = s.find('<'); i != std::string::npos && i + 1 < s.size(); i = s.find('<', i + 1)) {
    const char c = s[i + 1];
    if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '/' || c == '!') {
      tagged = s.find('>', i) != std::string::npos;
      break;
    }
  }
  if (!tagged) return;
  static constexpr std::string_view blocks[] = {"p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2",
                                                "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr"};
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : ' ';
    const bool tag_start = ((next | 0x20) >= 'a' && (next | 0x20) <= 'z') || next == '/' || next == '!' || next == '?';
    if (c == '<' && tag_start) {
      const std::size_t close = s.find('>', i);
      if (close == std::string::npos) break;  // a cut-off tag at the end
      std::string_view tag(s.data() + i + 1, close - i - 1);
      if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
      std::size_t n = 0;
      while (n < tag.size() && (((tag[n] | 0x20) >= 'a' && (tag[n] | 0x20) <= 'z') || (tag[n] >= '0' && tag[n] <= '9'))) ++n;
      const std::string_view name = tag.substr(0, n);
      for (const auto b : blocks) {
        if (name.size() == b.size() && std::equal(name.begin(), name.end(), b.begin(), [](char x, char y) { return (x | 0x20) == y; })) {
          out += ' ';
          break;
        }
      }
      i = close + 1;
      continue;
    }
    if (c == '&') {
      std::size_t j = i + 1;
      if (j < s.size() && s[j] == '#') {
        ++j;
        const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
        if (hex) ++j;
        unsigned long long v = 0;
        const std::size_t digits_at = j;
        while (j < s.size() && j - digits_at < 8) {
          const char d = s[j];
          int dv = -1;
          if (d >= '0' && d <= '9') dv = d - '0';
          else if (hex && (d | 0x20) >= 'a' && (d | 0x20) <= 'f') dv = (d | 0x20) - 'a' + 10;
          if (dv < 0) break;
          v = v * (hex ? 16u : 10u) + static_cast<unsigned>(dv);
          ++j;
        }
        if (j > digits_at) {
          if (j < s.size() && s[j] == ';') ++j;
          append_utf8(numeric_reference_value(v), out);
          i = j;
          continue;
        }
      } else {
        char32_t first = 0, second = 0;
        const std::size_t n = match_named_reference(std::string_view(s).substr(j), first, second);
        if (n > 0) {
          append_utf8(first, out);
          if (second) append_utf8(second, out);
          i = j + n;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  s.clear();
  text_collector collapse(s);
  collapse.add(out);
}

}  // namespace quarry::detail
