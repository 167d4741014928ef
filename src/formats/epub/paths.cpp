#include "formats/epub/paths.hpp"

#include <vector>

namespace quarry::detail::epub {

namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "%20" → ' '; a '%' not followed by two hex digits stays as written.
void append_decoded(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
}

// "http:", "mailto:", "data:"... A colon after a first segment of letters (and + - .) is a
// scheme; "a:b/c" with the colon after a '/' is a path.
bool has_scheme(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ':') return i > 0;
    const bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) return false;
  }
  return false;
}

}  // namespace

std::string_view folder_of(std::string_view entry) noexcept {
  const std::size_t slash = entry.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : entry.substr(0, slash + 1);
}

bool resolve_href(std::string_view base, std::string_view href, std::string& out, bool decode) {
  out.clear();
  if (const std::size_t cut = href.find_first_of("#?"); cut != std::string_view::npos) href = href.substr(0, cut);
  while (!href.empty() && (href.front() == ' ' || href.front() == '\t' || href.front() == '\n' || href.front() == '\r'))
    href.remove_prefix(1);
  while (!href.empty() && (href.back() == ' ' || href.back() == '\t' || href.back() == '\n' || href.back() == '\r'))
    href.remove_suffix(1);
  if (href.empty() || has_scheme(href)) return false;
  if (href.front() == '/') base = {};
  // Segments are kept as (offset, length) in `out`, which grows as they are appended; ".." drops
  // the last one. A reference cannot climb above the root.
  std::vector<std::size_t> starts;
  std::string segment;
  bool ok = true;
  auto add = [&](std::string_view path, bool from_href) {
    while (ok && !path.empty()) {
      const std::size_t slash = path.find('/');
      const std::string_view raw = path.substr(0, slash);
      path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
      segment.clear();
      if (from_href && decode) append_decoded(raw, segment);
      else segment.assign(raw);
      if (segment.empty() || segment == ".") continue;
      if (segment == "..") {
        if (starts.empty()) {
          ok = false;
          return;
        }
        out.resize(starts.back());
        starts.pop_back();
        continue;
      }
      starts.push_back(out.size());
      if (!out.empty()) out += '/';
      out += segment;
    }
  };
  add(base, false);
  add(href, true);
  if (!ok || out.empty()) {
    out.clear();
    return false;
  }
  return true;
}

}  // namespace quarry::detail::epub
