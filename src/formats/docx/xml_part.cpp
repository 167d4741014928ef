#include "formats/docx/xml_part.hpp"

#include <cstring>

#include "core/utf8.hpp"
#include "formats/office/xml_part.hpp"

namespace quarry::detail::docx {

bool load_part(std::string bytes, std::string_view name, xml_part& part, writer& out) {
  encoding enc = encoding::utf8;
  const std::size_t bom = detect_bom(bytes, enc);
  if (enc != encoding::utf8) {
    // OPC allows UTF-16 parts; the parser is always given UTF-8.
    part.text.clear();
    if (convert_to_utf8(std::string_view(bytes).substr(bom), enc, part.text) > 0) {
      out.warn("invalid_utf16", std::string(name) + ": invalid UTF-16 replaced by U+FFFD");
    }
  } else if (const std::string_view body = std::string_view(bytes).substr(bom); !is_valid_utf8(body)) {
    part.text.clear();
    const std::size_t bad = append_utf8_sanitized(body, part.text);
    out.warn("invalid_utf8", std::string(name) + ": " + std::to_string(bad) +
                                 " invalid UTF-8 sequence(s) replaced by U+FFFD");
  } else {
    if (bom) bytes.erase(0, bom);
    part.text = std::move(bytes);
  }
  const pugi::xml_parse_result r =
      part.doc.load_buffer_inplace(part.text.data(), part.text.size(), part_parse_options, pugi::encoding_utf8);
  if (r.status == pugi::status_ok) {
    part.loaded = true;
    return true;
  }
  // pugixml keeps the tree it built before the error: a truncated part still gives its start.
  part.loaded = part.doc.document_element() != nullptr;
  out.warn("xml_error", std::string(name) + ": " + r.description() + " at byte " + std::to_string(r.offset) +
                            (part.loaded ? " (read up to there)" : ""));
  return part.loaded;
}

std::string_view local_name(const char* qualified) noexcept { return detail::local_name(qualified); }

pugi::xml_attribute attr(pugi::xml_node n, std::string_view name) noexcept {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == name) return a;
  }
  return {};
}

std::string_view attr_value(pugi::xml_node n, std::string_view name) noexcept {
  const pugi::xml_attribute a = attr(n, name);
  return a ? std::string_view(a.value()) : std::string_view();
}

pugi::xml_node child(pugi::xml_node n, std::string_view name) noexcept {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

int on_off(pugi::xml_node props, std::string_view name) noexcept {
  const pugi::xml_node n = child(props, name);
  if (!n) return -1;
  const pugi::xml_attribute v = attr(n, "val");
  if (!v) return 1;
  const std::string_view s = v.value();
  return (s == "0" || s == "false" || s == "off" || s == "none") ? 0 : 1;
}

std::int64_t parse_int(std::string_view s, std::int64_t fallback) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 18) return fallback;  // 18 digits cannot overflow
  std::int64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return fallback;
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace quarry::detail::docx
