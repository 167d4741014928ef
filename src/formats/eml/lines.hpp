// Lines of a message. Mail arrives with CRLF, LF or (old Macs) CR line ends, sometimes mixed;
// all three end a line, as in Python's email parser.
#pragma once

#include <cstddef>
#include <string_view>

namespace quarry::detail::eml {

/// Where a line ends (before its terminator) and where the next one starts.
struct line_end {
  std::size_t end;
  std::size_t next;
};

/// The end of the line starting at `pos` (pos <= s.size()).
inline line_end find_line_end(std::string_view s, std::size_t pos) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  for (std::size_t i = pos; i < n; ++i) {
    const char c = p[i];
    if (c == '\n') return {i, i + 1};
    if (c == '\r') return {i, i + 1 < n && p[i + 1] == '\n' ? i + 2 : i + 1};
  }
  return {n, n};
}

/// `pos` moved back over the line terminator that ends just before it (the one that belongs to a
/// MIME boundary line rather than to the body before it), but not before `floor`.
inline std::size_t before_terminator(std::string_view s, std::size_t pos, std::size_t floor) noexcept {
  if (pos > floor && s[pos - 1] == '\n') --pos;
  if (pos > floor && s[pos - 1] == '\r') --pos;
  return pos;
}

/// A space or a tab: what starts a folded header line and pads a boundary line.
inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

}  // namespace quarry::detail::eml
