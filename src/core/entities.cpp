#include "core/entities.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <iterator>

namespace quarry::detail {

namespace {

struct named_ref {
  const char* name;
  unsigned char length;
  char32_t first;
  char32_t second;
};

constexpr named_ref table[] = {
#include "html_entities.inc"
};

constexpr std::size_t longest_name = 32;

}  // namespace

std::size_t match_named_reference(std::string_view s, char32_t& first, char32_t& second) noexcept {
  // Names are ASCII alphanumerics plus an optional ';'. Try the longest candidate first.
  std::size_t n = 0;
  while (n < s.size() && n < longest_name) {
    const char c = s[n];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      if (c == ';') ++n;
      break;
    }
    ++n;
  }
  for (std::size_t len = n; len >= 2; --len) {
    const std::string_view key = s.substr(0, len);
    const auto* it = std::lower_bound(std::begin(table), std::end(table), key,
                                      [](const named_ref& r, std::string_view k) {
                                        return std::string_view(r.name, r.length) < k;
                                      });
    if (it != std::end(table) && std::string_view(it->name, it->length) == key) {
      first = it->first;
      second = it->second;
      return len;
    }
  }
  return 0;
}

char32_t numeric_reference_value(unsigned long long code) noexcept {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0xFFFD;
  if (code >= 0x80 && code <= 0x9F) return windows1252_char(static_cast<unsigned char>(code));
  return static_cast<char32_t>(code);
}

}  // namespace quarry::detail
