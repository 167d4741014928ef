#include "formats/pdf/date.hpp"

#include <cstdio>

namespace quarry::detail::pdf {

std::string pdf_date_to_iso(std::string_view d) {
  if (d.starts_with("D:")) d.remove_prefix(2);
  auto digits = [&](std::size_t at, std::size_t n, int& out) {
    if (at + n > d.size()) return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
      v = v * 10 + (d[i] - '0');
    }
    out = v;
    return true;
  };
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  if (!digits(0, 4, year)) return {};
  std::size_t p = 4;
  bool has_time = false;
  if (digits(p, 2, month)) {
    p += 2;
    if (digits(p, 2, day)) {
      p += 2;
      if (digits(p, 2, hour)) {
        p += 2;
        has_time = true;
        if (digits(p, 2, minute)) {
          p += 2;
          if (digits(p, 2, second)) p += 2;
        }
      }
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return {};
  char buf[40];
  if (!has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
  std::string out = buf;
  if (p < d.size()) {
    const char tz = d[p];
    int th = 0, tm = 0;
    if (tz == 'Z') {
      out += 'Z';
    } else if ((tz == '+' || tz == '-') && digits(p + 1, 2, th) && th <= 23) {
      std::size_t q = p + 3;
      if (q < d.size() && d[q] == '\'') ++q;
      if (!digits(q, 2, tm) || tm > 59) tm = 0;
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", tz, th, tm);
      out += buf;
    }
  }
  return out;
}

}  // namespace quarry::detail::pdf
