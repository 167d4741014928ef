#include "text_cells.hpp"

#include <cstdio>

namespace quarry::cli {

namespace {

// Decodes one code point at s[i]; returns 0xFFFFFFFF (and advances one byte) on invalid input.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1Fu; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0Fu; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07u; }
  else {
    ++i;
    return 0xFFFFFFFF;
  }
  if (i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFFFFFF;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

struct range {
  char32_t lo, hi;
};

template <std::size_t N>
bool in(const range (&table)[N], char32_t cp) noexcept {
  for (const range& r : table) {
    if (cp >= r.lo && cp <= r.hi) return true;
  }
  return false;
}

constexpr range zero_width[] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
                                {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
                                {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
                                {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF}};
constexpr range wide[] = {{0x1100, 0x115F},   {0x231A, 0x231B},   {0x23E9, 0x23EC},   {0x2600, 0x2601},
                          {0x2614, 0x2615},   {0x2648, 0x2653},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},
                          {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},
                          {0x26F2, 0x26F5},   {0x26FA, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
                          {0x2728, 0x2728},   {0x274C, 0x274C},   {0x2753, 0x2755},   {0x2795, 0x2797},
                          {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
                          {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},
                          {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
                          {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
                          {0x20000, 0x3FFFD}};

}  // namespace

int cell_width(char32_t cp) noexcept {
  if (cp < 0x300) return 1;
  if (in(zero_width, cp)) return 0;
  if (in(wide, cp)) return 2;
  return 1;
}

std::size_t display_width(std::string_view utf8) noexcept {
  std::size_t w = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    w += cp == 0xFFFFFFFF ? 1 : static_cast<std::size_t>(cell_width(cp));
  }
  return w;
}

std::string fit_width(std::string_view utf8, std::size_t columns) {
  if (display_width(utf8) <= columns) return std::string(utf8);
  if (columns == 0) return {};
  // Room for the ellipsis (one column).
  std::size_t w = 0, i = 0, cut = 0;
  while (i < utf8.size()) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(utf8, i);
    const std::size_t cw = cp == 0xFFFFFFFF ? 1 : static_cast<std::size_t>(cell_width(cp));
    if (w + cw > columns - 1) {
      cut = start;
      break;
    }
    w += cw;
    cut = i;
  }
  std::string out(utf8.substr(0, cut));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "…";
  return out;
}

std::string pad(std::string_view utf8, std::size_t columns, bool right) {
  std::string s = fit_width(utf8, columns);
  const std::size_t w = display_width(s);
  const std::string fill(columns > w ? columns - w : 0, ' ');
  return right ? fill + s : s + fill;
}

std::string printable_line(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(utf8, i);
    if (cp == '\t') {
      out += "  ";
    } else if (cp == 0xFFFFFFFF || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      continue;
    } else {
      out.append(utf8.substr(start, i - start));
    }
  }
  return out;
}

std::uint64_t count_code_points(std::string_view utf8) noexcept {
  std::uint64_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string group_digits(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string human_bytes(double bytes) {
  static constexpr const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  if (u == 0) std::snprintf(buf, sizeof buf, "%.0f B", bytes);
  else std::snprintf(buf, sizeof buf, bytes < 100 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
  return buf;
}

}  // namespace quarry::cli
