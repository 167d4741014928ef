#include "formats/eml/params.hpp"

#include <algorithm>

#include "core/mime.hpp"
#include "formats/eml/charset.hpp"

namespace quarry::detail::eml {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void percent_decode(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
}

// Skips a comment "(...)" at s[i] (nested, with escapes), counting depth instead of recursing.
std::size_t skip_comment(std::string_view s, std::size_t i) noexcept {
  std::size_t depth = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) return i + 1;
    }
  }
  return s.size();
}

}  // namespace

header_params::header_params(std::string_view raw) {
  std::size_t i = 0;
  const std::size_t n = raw.size();
  // The main value: the first word before ';' (comments dropped; junk after a blank ignored).
  bool ended = false;
  while (i < n && raw[i] != ';') {
    if (raw[i] == '(') {
      i = skip_comment(raw, i);
      continue;
    }
    if (is_ws(raw[i])) {
      ended = !main_.empty();
    } else if (!ended) {
      main_.push_back(lower(raw[i]));
    }
    ++i;
  }
  while (i < n) {
    ++i;  // the ';'
    while (i < n && (is_ws(raw[i]) || raw[i] == ';')) ++i;
    if (i < n && raw[i] == '(') {
      i = skip_comment(raw, i);
      continue;
    }
    const std::size_t name_begin = i;
    while (i < n && raw[i] != '=' && raw[i] != ';') ++i;
    std::string_view name = trim(raw.substr(name_begin, i - name_begin));
    if (i >= n || raw[i] != '=') continue;  // a parameter without a value
    ++i;
    while (i < n && is_ws(raw[i])) ++i;
    param p;
    if (i < n && raw[i] == '"') {
      ++i;
      while (i < n && raw[i] != '"') {
        if (raw[i] == '\\' && i + 1 < n) ++i;
        if (raw[i] != '\r' && raw[i] != '\n') p.value.push_back(raw[i]);
        ++i;
      }
      if (i < n) ++i;  // the closing quote
      while (i < n && raw[i] != ';') ++i;  // anything after it is junk
    } else {
      const std::size_t v = i;
      while (i < n && raw[i] != ';') ++i;
      const std::string_view value = trim(raw.substr(v, i - v));
      for (char c : value) {
        if (c != '\r' && c != '\n') p.value.push_back(c);
      }
    }
    // RFC 2231: "name*" (extended), "name*3" (section), "name*3*" (both).
    if (!name.empty() && name.back() == '*') {
      p.extended = true;
      name.remove_suffix(1);
    }
    if (const std::size_t star = name.find('*'); star != std::string_view::npos) {
      const std::string_view digits = name.substr(star + 1);
      if (!digits.empty() && digits.size() <= 6 &&
          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        p.section = 0;
        for (char c : digits) p.section = p.section * 10 + (c - '0');
        name = name.substr(0, star);
      }
    }
    p.name.reserve(name.size());
    for (char c : name) p.name.push_back(lower(c));
    params_.push_back(std::move(p));
  }
}

std::string header_params::raw(std::string_view name) const {
  for (const auto& p : params_) {
    if (p.name == name && p.section < 0 && !p.extended) return p.value;
  }
  // Only continued or extended forms: join them undecoded.
  std::string joined;
  for (const auto& p : params_) {
    if (p.name == name && p.section <= 0) {
      joined = p.value;
      break;
    }
  }
  return joined;
}

std::string header_params::text(std::string_view name, text_issues& issues) const {
  std::vector<const param*> sections;
  const param* extended = nullptr;
  const param* plain = nullptr;
  for (const auto& p : params_) {
    if (p.name != name) continue;
    if (p.section >= 0) sections.push_back(&p);
    else if (p.extended && !extended) extended = &p;
    else if (!p.extended && !plain) plain = &p;
  }
  if (sections.empty() && !extended) {
    return plain ? decode_header_text(plain->value, issues) : std::string();
  }
  if (sections.empty()) sections.push_back(extended);
  std::stable_sort(sections.begin(), sections.end(), [](const param* a, const param* b) { return a->section < b->section; });
  // The charset and language lead the first extended section: "utf-8'en'%E2%82%AC".
  std::string_view charset;
  std::string bytes;
  bool first_extended = true;
  int last_section = -2;
  for (const param* p : sections) {
    if (p->section == last_section && p->section >= 0) continue;  // a repeated section: the first wins
    last_section = p->section;
    std::string_view v = p->value;
    if (p->extended) {
      if (first_extended) {
        const std::size_t q1 = v.find('\'');
        const std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
        if (q2 != std::string_view::npos) {
          charset = v.substr(0, q1);
          v.remove_prefix(q2 + 1);
        }
        first_extended = false;
      }
      percent_decode(v, bytes);
    } else {
      bytes.append(v);
    }
  }
  std::string out;
  if (charset.empty()) {
    decode_header_text(bytes, out, issues);  // a continued plain value may hold encoded words
    return out;
  }
  const charset_choice c = choose_charset(charset, bytes);
  if (!c.known && issues.unknown_charset.empty()) issues.unknown_charset.assign(charset);
  issues.invalid += append_converted(bytes, c, out);
  // Controls in a file name help nobody.
  std::replace_if(out.begin(), out.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }, ' ');
  return out;
}

}  // namespace quarry::detail::eml
