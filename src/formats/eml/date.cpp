#include "formats/eml/date.hpp"

#include <cstdio>

#include "core/mime.hpp"

namespace quarry::detail::eml {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

int number(std::string_view s) noexcept {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int month_of(std::string_view w) noexcept {
  static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (iequals_ascii(w.substr(0, 3), months[m])) return m + 1;
  }
  return 0;
}

// Minutes east of UTC for a zone name; false when the word is not one.
bool zone_of(std::string_view w, int& minutes) noexcept {
  struct zone {
    std::string_view name;
    int hours;
  };
  static constexpr zone zones[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                                   {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
  for (const auto& z : zones) {
    if (iequals_ascii(w, z.name)) {
      minutes = z.hours * 60;
      return true;
    }
  }
  if (w.size() == 1 && is_alpha(w[0]) && w[0] != 'j' && w[0] != 'J') {  // military zones: -0000
    minutes = 0;
    return true;
  }
  return false;
}

int days_in_month(int year, int month) noexcept {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return days[month - 1];
}

}  // namespace

std::string rfc5322_date_to_iso(std::string_view date) {
  int day = -1, month = 0, year = -1, hour = -1, minute = -1, second = 0;
  bool has_zone = false;
  int zone_minutes = 0;
  std::size_t i = 0;
  const std::size_t n = date.size();
  int tokens = 0;
  while (i < n && tokens < 16) {
    const char c = date[i];
    if (c == '(') {  // a comment, e.g. "(PST)"; they do not nest in practice, and one level is enough
      while (i < n && date[i] != ')') ++i;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && date[j] != ' ' && date[j] != '\t' && date[j] != ',' && date[j] != '(' && date[j] != '\r' &&
           date[j] != '\n')
      ++j;
    std::string_view tok = date.substr(i, j - i);
    i = j;
    ++tokens;
    if (tok.find(':') != std::string_view::npos) {
      // hh:mm[:ss]
      const std::size_t c1 = tok.find(':');
      const std::size_t c2 = tok.find(':', c1 + 1);
      const std::string_view h = tok.substr(0, c1);
      const std::string_view m = tok.substr(c1 + 1, c2 == std::string_view::npos ? std::string_view::npos : c2 - c1 - 1);
      const std::string_view s = c2 == std::string_view::npos ? std::string_view() : tok.substr(c2 + 1);
      if (h.size() > 2 || m.size() != 2 || !all_digits(h) || !all_digits(m)) continue;
      if (!s.empty() && (s.size() != 2 || !all_digits(s))) continue;
      hour = number(h);
      minute = number(m);
      second = s.empty() ? 0 : number(s);
    } else if ((tok[0] == '+' || tok[0] == '-') && tok.size() == 5 && all_digits(tok.substr(1))) {
      const int hh = number(tok.substr(1, 2));
      const int mm = number(tok.substr(3, 2));
      if (hh > 23 || mm > 59) continue;
      zone_minutes = (tok[0] == '-' ? -1 : 1) * (hh * 60 + mm);
      has_zone = true;
    } else if (all_digits(tok)) {
      if (day < 0 && tok.size() <= 2) day = number(tok);
      else if (year < 0 && tok.size() <= 4) {
        year = number(tok);
        if (tok.size() == 2) year += year < 50 ? 2000 : 1900;
        else if (tok.size() == 3) year += 1900;
      }
    } else if (is_alpha(tok[0])) {
      int z = 0;
      if (month == 0 && month_of(tok)) month = month_of(tok);
      else if (!has_zone && zone_of(tok, z)) {
        zone_minutes = z;
        has_zone = true;
      }
      // day names and other words are skipped
    }
  }
  if (day < 1 || month < 1 || year < 0 || year > 9999 || day > days_in_month(year, month)) return {};
  char buf[48];
  int len = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  std::string out(buf, static_cast<std::size_t>(len));
  if (hour < 0 || hour > 23 || minute > 59 || second > 60) return out;
  len = std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", hour, minute, second);
  out.append(buf, static_cast<std::size_t>(len));
  if (!has_zone) return out;
  if (zone_minutes == 0) {
    out += 'Z';
    return out;
  }
  const int a = zone_minutes < 0 ? -zone_minutes : zone_minutes;
  len = std::snprintf(buf, sizeof buf, "%c%02d:%02d", zone_minutes < 0 ? '-' : '+', a / 60, a % 60);
  out.append(buf, static_cast<std::size_t>(len));
  return out;
}

}  // namespace quarry::detail::eml
