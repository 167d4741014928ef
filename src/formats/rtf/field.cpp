#include "formats/rtf/field.hpp"

namespace quarry::detail::rtf {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Reads one argument at s[i]: a "quoted string" (where "\\" is one backslash) or a bare word.
std::string read_argument(std::string_view s, std::size_t& i) {
  while (i < s.size() && is_space(s[i])) ++i;
  std::string arg;
  if (i < s.size() && s[i] == '"') {
    ++i;
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '\\' || s[i + 1] == '"')) ++i;
      arg += s[i++];
    }
    if (i < s.size()) ++i;  // the closing quote
    return arg;
  }
  while (i < s.size() && !is_space(s[i])) arg += s[i++];
  return arg;
}

}  // namespace

std::string hyperlink_target(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  std::size_t j = i;
  while (j < s.size() && !is_space(s[j]) && s[j] != '"') ++j;
  if (!iequals(s.substr(i, j - i), "HYPERLINK")) return {};
  i = j;
  std::string url;
  std::string bookmark;
  while (true) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] == '\\' && i + 1 < s.size()) {
      // Switches: \l "bookmark", \o "tooltip", \t "frame" take an argument; \m \n \h do not.
      const char sw = lower(s[i + 1]);
      i += 2;
      if (sw == 'l') {
        bookmark = read_argument(s, i);
      } else if (sw == 'o' || sw == 't') {
        (void)read_argument(s, i);
      }
      continue;
    }
    std::string arg = read_argument(s, i);
    if (url.empty()) url = std::move(arg);
  }
  // A bookmark alone points into this document; with a URL it is the target page's fragment.
  if (!url.empty() && !bookmark.empty()) url += "#" + bookmark;
  return url;
}

}  // namespace quarry::detail::rtf
