#include "formats/html/charset.hpp"

#include <algorithm>
#include <vector>

#include "formats/html/scan.hpp"

namespace quarry::detail::html {

namespace {

constexpr std::size_t prescan_bytes = 1024;

bool is_ws(char c) noexcept { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }
char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::size_t i, std::string_view lit) noexcept {
  if (s.size() - i < lit.size()) return false;
  for (std::size_t k = 0; k < lit.size(); ++k)
    if (lower(s[i + k]) != lit[k]) return false;
  return true;
}

// The prescan's "get an attribute": reads one attribute at s[i], lower-casing name and value.
// Returns false when there is none (a '>' or the end of the scanned bytes).
bool get_attribute(std::string_view s, std::size_t& i, std::string& name, std::string& value) {
  const std::size_t n = s.size();
  while (i < n && (is_ws(s[i]) || s[i] == '/')) ++i;
  if (i >= n || s[i] == '>') return false;
  name.clear();
  value.clear();
  while (true) {
    if (i >= n) return false;
    const char c = s[i];
    if (c == '=' && !name.empty()) {
      ++i;
      break;
    }
    if (is_ws(c)) {
      while (i < n && is_ws(s[i])) ++i;
      if (i < n && s[i] == '=') {
        ++i;
        break;
      }
      return true;
    }
    if (c == '/' || c == '>') return true;
    name += lower(c);
    ++i;
  }
  while (i < n && is_ws(s[i])) ++i;
  if (i >= n) return false;
  const char c = s[i];
  if (c == '"' || c == '\'') {
    ++i;
    while (true) {
      if (i >= n) return false;
      if (s[i] == c) {
        ++i;
        return true;
      }
      value += lower(s[i++]);
    }
  }
  if (c == '>') return true;
  while (i < n && !is_ws(s[i]) && s[i] != '>') value += lower(s[i++]);
  return i < n;
}

}  // namespace

std::string_view charset_from_content(std::string_view v) noexcept {
  std::size_t pos = 0;
  while (true) {
    std::size_t k = std::string_view::npos;
    for (std::size_t j = pos; j + 7 <= v.size(); ++j) {
      if (starts_with_ci(v, j, "charset")) {
        k = j;
        break;
      }
    }
    if (k == std::string_view::npos) return {};
    pos = k + 7;
    while (pos < v.size() && is_ws(v[pos])) ++pos;
    if (pos >= v.size() || v[pos] != '=') continue;
    ++pos;
    while (pos < v.size() && is_ws(v[pos])) ++pos;
    if (pos >= v.size()) return {};
    if (v[pos] == '"' || v[pos] == '\'') {
      const std::size_t close = v.find(v[pos], pos + 1);
      if (close == std::string_view::npos) return {};
      return v.substr(pos + 1, close - pos - 1);
    }
    std::size_t e = pos;
    while (e < v.size() && !is_ws(v[e]) && v[e] != ';') ++e;
    return v.substr(pos, e - pos);
  }
}

std::string prescan_meta_charset(std::string_view s) {
  s = s.substr(0, std::min(s.size(), prescan_bytes));
  const std::size_t n = s.size();
  std::string name, value, charset, first_unknown;
  std::vector<std::string> seen;
  std::size_t i = 0;
  while (i < n) {
    if (s[i] != '<') {
      const std::size_t lt = s.find('<', i);
      if (lt == std::string_view::npos) break;
      i = lt;
    }
    if (s.substr(i, 4) == "<!--") {
      const std::size_t close = s.find("-->", i + 2);
      if (close == std::string_view::npos) break;
      i = close + 3;
      continue;
    }
    if (starts_with_ci(s, i, "<meta") && i + 5 < n && (is_ws(s[i + 5]) || s[i + 5] == '/')) {
      i += 6;
      seen.clear();
      bool got_pragma = false;
      int need_pragma = 0;  // 0: unset, 1: yes, 2: no
      charset.clear();
      while (get_attribute(s, i, name, value)) {
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
        seen.push_back(name);
        if (name == "http-equiv") {
          if (value == "content-type") got_pragma = true;
        } else if (name == "content") {
          if (charset.empty()) {
            const std::string_view cs = charset_from_content(value);
            if (!cs.empty()) {
              charset.assign(cs);
              need_pragma = 1;
            }
          }
        } else if (name == "charset") {
          charset = value;
          need_pragma = 2;
        }
      }
      if (need_pragma == 0 || (need_pragma == 1 && !got_pragma) || charset.empty()) continue;
      encoding enc;
      if (encoding_from_label(charset, enc)) return charset;
      if (first_unknown.empty()) first_unknown = charset;
      continue;
    }
    // Other tags, "<!", "</", "<?": the next '<' is looked at next. (The standard skips their
    // attributes, which only matters when an attribute value contains "<meta"; simplified.)
    ++i;
  }
  return first_unknown;
}

std::size_t valid_utf8_prefix_fast(std::string_view s) noexcept {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    while (n - i >= 8 && (load8(s.data() + i) & swar_highs) == 0) i += 8;
    while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    if (i == n) break;
    // One sequence is at most four bytes: validating a four-byte window decides the first one.
    const std::size_t m = valid_utf8_prefix(s.substr(i, std::min<std::size_t>(4, n - i)));
    if (m == 0) return i;
    i += m;
  }
  return n;
}

charset_result detect_charset(std::string_view bytes) {
  charset_result r;
  encoding enc = encoding::utf8;
  if (const std::size_t bom = detect_bom(bytes, enc); bom != 0) {
    r.enc = enc;
    r.bom_length = bom;
    r.source = charset_source::bom;
    return r;
  }
  const std::string label = prescan_meta_charset(bytes);
  if (!label.empty()) {
    if (encoding_from_label(label, enc)) {
      // A declaration readable as ASCII cannot be in UTF-16: the standard reads it as UTF-8.
      if (enc == encoding::utf16le || enc == encoding::utf16be) enc = encoding::utf8;
      if (enc == encoding::latin1) enc = encoding::windows1252;
      r.enc = enc;
      r.source = charset_source::meta;
      return r;
    }
    r.unsupported_label = label;
  }
  // UTF-16 markup has zero bytes; without any in the first 4 KB there is nothing to guess.
  const std::string_view head = bytes.substr(0, 4096);
  if (head.find('\0') != std::string_view::npos && guess_utf16(bytes, enc)) {
    r.enc = enc;
    r.source = charset_source::utf16_guess;
    return r;
  }
  if (valid_utf8_prefix_fast(bytes) == bytes.size()) {
    r.enc = encoding::utf8;
    r.source = charset_source::valid_utf8;
    r.validated = true;
    return r;
  }
  r.enc = encoding::windows1252;
  r.source = charset_source::fallback;
  return r;
}

}  // namespace quarry::detail::html
