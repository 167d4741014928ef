// Office Math (m:oMath) as linear text: runs in order, with the structure that plain text can
// show — fractions as a/b, scripts as ^ and _, radicals as √, delimiters and n-ary operators with
// their characters — so "x=(-b±√(b^2-4ac))/(2a)" reads as the formula it is.
#include "core/utf8.hpp"
#include "formats/docx/walker.hpp"
#include "formats/docx/xml_part.hpp"

namespace quarry::detail::docx {

namespace {

bool is_operator(char32_t c) {
  switch (c) {
    case '+': case '-': case '=': case '/': case '*': case '<': case '>': case ',': case ' ':
    case 0x00B1: case 0x2212: case 0x00D7: case 0x00F7: case 0x22C5: case 0x2264: case 0x2265: case 0x2260:
      return true;
    default:
      return false;
  }
}

// True when an argument needs parentheses to stay one unit after "/" or "^": anything but a
// single run whose text has no operator. Looks at a few children only, so the check is O(1).
bool needs_parens(pugi::xml_node arg) {
  pugi::xml_node only;
  int seen = 0;
  for (pugi::xml_node c = arg.first_child(); c && seen < 3; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || local_name(c.name()).ends_with("Pr")) continue;
    only = c;
    ++seen;
  }
  if (seen == 0) return false;
  if (seen > 1 || local_name(only.name()) != "r") return true;
  const pugi::xml_node t = child(only, "t");
  const std::string_view s = t.child_value();
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_operator(decode_utf8(s, i))) return true;
  }
  return false;
}

// The text of a script that is a single run of at most four ASCII digits ("" otherwise): such
// scripts read best as Unicode superscript or subscript digits (r², H₂O).
std::string_view digit_script(pugi::xml_node arg) {
  pugi::xml_node only;
  int seen = 0;
  for (pugi::xml_node c = arg.first_child(); c && seen < 2; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || local_name(c.name()).ends_with("Pr")) continue;
    only = c;
    ++seen;
  }
  if (seen != 1 || local_name(only.name()) != "r") return {};
  const std::string_view s = child(only, "t").child_value();
  if (s.empty() || s.size() > 4) return {};
  for (const char c : s) {
    if (c < '0' || c > '9') return {};
  }
  return s;
}

// A delimiter property (m:begChr...): its m:val, `fallback` when the element is absent.
std::string_view delimiter(pugi::xml_node props, std::string_view name, std::string_view fallback) {
  const pugi::xml_node c = child(props, name);
  return c ? attr_value(c, "val") : fallback;
}

}  // namespace

bool walker::math_enter(pugi::xml_node n, el k) {
  switch (k) {
    case el::m_sup:
    case el::m_sub:
      if (const std::string_view digits = digit_script(n); !digits.empty()) {
        // U+2070.. superscripts (1, 2, 3 sit in Latin-1), U+2080.. subscripts.
        static constexpr std::string_view sup[] = {"\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074",
                                                   "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
        static constexpr std::string_view sub[] = {"\u2080", "\u2081", "\u2082", "\u2083", "\u2084",
                                                   "\u2085", "\u2086", "\u2087", "\u2088", "\u2089"};
        std::string s;
        for (const char c : digits) s += (k == el::m_sup ? sup : sub)[c - '0'];
        text(s);
        return false;
      }
      [[fallthrough]];
    case el::m_num:
    case el::m_den: {
      if (k == el::m_den) text("/");
      else if (k == el::m_sup) text("^");
      else if (k == el::m_sub) text("_");
      const bool parens = needs_parens(n);
      math_parens_.push_back(parens);
      if (parens) text("(");
      break;
    }
    case el::m_e: {
      const el parent = open_.empty() ? el::other : open_.back();
      bool parens = false;
      if (parent == el::m_rad) {
        text("\u221A");
        parens = needs_parens(n);
        if (parens) text("(");
      } else if (parent == el::m_d && !math_.empty()) {
        if (math_.back().items++ > 0) text(math_.back().sep);
      } else if (parent == el::m_func) {
        text(" ");
      }
      math_parens_.push_back(parens);
      break;
    }
    case el::m_d: {
      const pugi::xml_node props = child(n, "dPr");
      math_.push_back({delimiter(props, "endChr", ")"), delimiter(props, "sepChr", "|"), 0});
      text(delimiter(props, "begChr", "("));
      break;
    }
    case el::m_nary:
      text(delimiter(child(n, "naryPr"), "chr", "\u222B"));
      break;
    default:
      break;
  }
  return true;
}

void walker::math_leave(el k) {
  switch (k) {
    case el::m_num:
    case el::m_den:
    case el::m_sup:
    case el::m_sub:
    case el::m_e:
      if (!math_parens_.empty()) {
        if (math_parens_.back()) text(")");
        math_parens_.pop_back();
      }
      break;
    case el::m_d:
      if (!math_.empty()) {
        text(math_.back().close);
        math_.pop_back();
      }
      break;
    default:
      break;
  }
}

}  // namespace quarry::detail::docx
