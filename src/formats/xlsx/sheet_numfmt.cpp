#include "formats/xlsx/sheet_numfmt.hpp"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace quarry::detail {

// ---- pieces of a parsed code ------------------------------------------------------------------

struct number_format::token {
  enum kind_t : std::uint8_t {
    literal,
    digit_zero, digit_hash, digit_space,  // 0 # ?
    point, comma_thousands, comma_scale, percent, exponent, slash, denominator,
    text_at, general,
    year2, year4, month, month2, month_abbr, month_name, month_letter,
    day, day2, weekday_abbr, weekday_name,
    hour, hour2, minute, minute2, second, second2, subsecond,
    ampm, ampm_letter, elapsed_hours, elapsed_minutes, elapsed_seconds,
    comma,  // undecided while parsing
  };
  kind_t kind = literal;
  std::string text;  // literal text; "AM/PM" as written
  int n = 0;         // subsecond digits, elapsed width, denominator value, exponent '+'
};

struct number_format::section {
  std::vector<token> tokens;
  bool has_condition = false;
  char op[2] = {0, 0};
  double threshold = 0;
  bool is_date = false;
  bool twelve_hour = false;
  bool has_time = false;
  bool has_text_at = false;
  bool has_placeholders = false;
  bool has_exponent = false;
  bool has_fraction = false;
  bool thousands = false;
  int percent = 0;
  int scale = 0;
  int subsecond_digits = 0;
};

namespace {

using token = number_format::token;
using section = number_format::section;

// ---- decimal digits ----------------------------------------------------------------------------

// A non-negative value as significant decimal digits: value = 0.DIGITS × 10^point. Built from the
// value's 15 significant digits (what a spreadsheet keeps and shows), so 0.1+0.2 is 0.3.
struct decimal {
  std::string digits;  // no leading or trailing zeros; empty for zero
  int point = 0;
};

void trim_trailing_zeros(decimal& d) {
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  if (d.digits.empty()) d.point = 0;
}

decimal to_decimal(double a) {
  decimal d;
  if (!(a > 0) || !std::isfinite(a)) return d;
  char buf[48];
  const int n = std::snprintf(buf, sizeof buf, "%.14e", a);
  if (n <= 0) return d;
  // Digits up to the exponent marker (the decimal point may be ',' in some C locale: skipped).
  int i = 0;
  for (; i < n && buf[i] != 'e' && buf[i] != 'E'; ++i) {
    if (buf[i] >= '0' && buf[i] <= '9') d.digits += buf[i];
  }
  int exp = 0;
  bool neg = false;
  if (i < n) ++i;
  if (i < n && (buf[i] == '-' || buf[i] == '+')) neg = buf[i++] == '-';
  for (; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) exp = exp * 10 + (buf[i] - '0');
  d.point = (neg ? -exp : exp) + 1;
  std::size_t lead = 0;
  while (lead < d.digits.size() && d.digits[lead] == '0') ++lead;
  d.digits.erase(0, lead);
  d.point -= static_cast<int>(lead);
  trim_trailing_zeros(d);
  return d;
}

// The digits of a number as written ("-1234.5", "4.4E-16"), when it has at most 15 significant
// digits: then they are exactly the digits of the double it was read into (15 digits survive
// the round trip), and the binary-to-decimal conversion can be skipped. The sign is ignored.
bool decimal_from_text(std::string_view text, decimal& d) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  d.digits.clear();
  int point = 0;
  bool seen_point = false, any = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (d.digits.empty() && c == '0') {
        if (seen_point) --point;  // leading zeros after the point move it
        continue;
      }
      if (d.digits.size() >= 24) return false;
      d.digits += c;
      if (!seen_point) ++point;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any) return false;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return false;
    ++i;
    bool neg = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) neg = text[i++] == '-';
    int e = 0;
    std::size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
      if (e < 10000) e = e * 10 + (text[i] - '0');
    }
    if (digits == 0 || i != text.size()) return false;
    point += neg ? -e : e;
  }
  d.point = point;
  trim_trailing_zeros(d);
  return d.digits.size() <= 15;
}

// The digits of `a` (>= 0), from `text` when it is a short enough spelling of it.
decimal magnitude_digits(double a, std::string_view text) {
  decimal d;
  if (!text.empty() && decimal_from_text(text, d)) return d;
  return to_decimal(a);
}

// Rounds to `frac` digits after the point, half away from zero.
void round_decimal(decimal& d, int frac) {
  const long keep = static_cast<long>(d.point) + frac;
  if (keep >= static_cast<long>(d.digits.size())) return;
  if (keep < 0) {
    d = {};
    return;
  }
  const bool up = d.digits[static_cast<std::size_t>(keep)] >= '5';
  d.digits.resize(static_cast<std::size_t>(keep));
  if (up) {
    std::size_t i = d.digits.size();
    while (i > 0 && d.digits[i - 1] == '9') {
      d.digits[i - 1] = '0';
      --i;
    }
    if (i == 0) {
      d.digits.insert(d.digits.begin(), '1');
      ++d.point;
    } else {
      ++d.digits[i - 1];
    }
  }
  trim_trailing_zeros(d);
}

// The digits before the point ("" for a value below 1).
std::string integer_digits(const decimal& d) {
  if (d.point <= 0 || d.digits.empty()) return {};
  std::string s = d.digits.substr(0, std::min<std::size_t>(static_cast<std::size_t>(d.point), d.digits.size()));
  if (static_cast<std::size_t>(d.point) > d.digits.size()) s.append(static_cast<std::size_t>(d.point) - d.digits.size(), '0');
  return s;
}

// The first `n` digits after the point.
std::string fraction_digits(const decimal& d, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    const long idx = static_cast<long>(d.point) + i;
    s += (idx >= 0 && idx < static_cast<long>(d.digits.size())) ? d.digits[static_cast<std::size_t>(idx)] : '0';
  }
  return s;
}

// Appends v in decimal, zero-padded to `width` digits (dates draw many of these: no printf).
void append_int(std::string& out, long long v, int width) {
  char buf[24];
  int n = 0;
  const bool neg = v < 0;
  unsigned long long u = neg ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u > 0 && n < 24);
  if (neg) out += '-';
  for (int i = n; i < width && i < 64; ++i) out += '0';
  while (n > 0) out += buf[--n];
}

// ---- dates ---------------------------------------------------------------------------------------

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& year, int& month, int& day) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(y + (month <= 2));
}

// Serial numbers of 1970-01-01 in the two systems.
constexpr std::int64_t epoch1970_1900 = 25569;
constexpr std::int64_t epoch1970_1904 = 24107;
constexpr std::int64_t max_serial_1900 = 2958465;  // 9999-12-31
constexpr std::int64_t max_serial_1904 = max_serial_1900 - 1462;

constexpr std::string_view month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
constexpr std::string_view day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// ---- parsing -------------------------------------------------------------------------------------

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) noexcept {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(s[i]) != lower(prefix[i])) return false;
  }
  return true;
}

bool is_placeholder(token::kind_t k) noexcept {
  return k == token::digit_zero || k == token::digit_hash || k == token::digit_space;
}

bool is_date_token(token::kind_t k) noexcept { return k >= token::year2 && k <= token::elapsed_seconds; }

void add_literal(section& s, std::string_view text) {
  if (text.empty()) return;
  if (!s.tokens.empty() && s.tokens.back().kind == token::literal) {
    s.tokens.back().text.append(text);
    return;
  }
  token t;
  t.kind = token::literal;
  t.text = std::string(text);
  s.tokens.push_back(std::move(t));
}

void add(section& s, token::kind_t k, int n = 0) {
  token t;
  t.kind = k;
  t.n = n;
  s.tokens.push_back(std::move(t));
}

// The length of the run of characters equal (case-insensitively) to s[i].
std::size_t run_length(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i;
  while (j < s.size() && lower(s[j]) == lower(s[i])) ++j;
  return j - i;
}

// A bracketed code: a condition, an elapsed-time unit, a currency/locale, or ignored (colours...).
void parse_bracket(std::string_view body, section& s) {
  if (body.empty()) return;
  const char c = body[0];
  if (c == '<' || c == '>' || c == '=') {
    std::size_t i = 1;
    s.op[0] = c;
    if (i < body.size() && (body[i] == '=' || body[i] == '>')) s.op[1] = body[i++];
    char* end = nullptr;
    const std::string num(body.substr(i));
    const double v = std::strtod(num.c_str(), &end);
    if (end != num.c_str()) {
      s.has_condition = true;
      s.threshold = v;
    }
    return;
  }
  if (c == '$') {
    // [$€-407]: the currency symbol before the '-'; [$-409] alone is a locale.
    const std::size_t dash = body.find('-', 1);
    add_literal(s, body.substr(1, dash == std::string_view::npos ? std::string_view::npos : dash - 1));
    return;
  }
  const char l = lower(c);
  if ((l == 'h' || l == 'm' || l == 's') && run_length(body, 0) == body.size()) {
    add(s, l == 'h' ? token::elapsed_hours : l == 'm' ? token::elapsed_minutes : token::elapsed_seconds,
        static_cast<int>(body.size()));
  }
}

// Month tokens next to an hour or before a second are minutes.
void resolve_minutes(section& s) {
  auto& t = s.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != token::month && t[i].kind != token::month2) continue;
    bool minute = false;
    for (std::size_t j = i; j-- > 0;) {
      if (!is_date_token(t[j].kind)) continue;
      minute = t[j].kind == token::hour || t[j].kind == token::hour2 || t[j].kind == token::elapsed_hours;
      break;
    }
    for (std::size_t j = i + 1; !minute && j < t.size(); ++j) {
      if (!is_date_token(t[j].kind)) continue;
      minute = t[j].kind == token::second || t[j].kind == token::second2 || t[j].kind == token::elapsed_seconds;
      break;
    }
    if (minute) t[i].kind = t[i].kind == token::month ? token::minute : token::minute2;
  }
}

// Commas: between digit placeholders they group thousands; after the last placeholder of a run
// each divides by 1000; elsewhere they are text.
void resolve_commas(section& s) {
  auto& t = s.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != token::comma) continue;
    std::size_t j = i;
    while (j < t.size() && t[j].kind == token::comma) ++j;
    const bool after = i > 0 && is_placeholder(t[i - 1].kind);
    const bool before = j < t.size() && is_placeholder(t[j].kind);
    for (std::size_t k = i; k < j; ++k) {
      if (after && before) {
        t[k].kind = token::comma_thousands;
        s.thousands = true;
      } else if (after) {
        t[k].kind = token::comma_scale;
        ++s.scale;
      } else {
        t[k].kind = token::literal;
        t[k].text = ",";
      }
    }
    i = j - 1;
  }
}

// A slash between placeholders makes a fraction; digits right after it are a fixed denominator.
void resolve_fraction(section& s) {
  auto& t = s.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != token::slash) continue;
    const bool num = i > 0 && is_placeholder(t[i - 1].kind);
    bool den = i + 1 < t.size() && is_placeholder(t[i + 1].kind);
    // Only the first fraction of a section is one (so a hostile code cannot make this quadratic).
    if (!s.has_fraction && num && !den && i + 1 < t.size() && t[i + 1].kind == token::literal && !t[i + 1].text.empty() &&
        t[i + 1].text[0] >= '1' && t[i + 1].text[0] <= '9') {
      std::size_t k = 0;
      int value = 0;
      while (k < t[i + 1].text.size() && k < 6 && t[i + 1].text[k] >= '0' && t[i + 1].text[k] <= '9') {
        value = value * 10 + (t[i + 1].text[k] - '0');
        ++k;
      }
      token d;
      d.kind = token::denominator;
      d.n = value;
      t[i + 1].text.erase(0, k);
      if (t[i + 1].text.empty()) t[i + 1] = d;
      else t.insert(t.begin() + static_cast<std::ptrdiff_t>(i + 1), d);
      den = true;
    }
    if (num && den && !s.has_fraction) {
      s.has_fraction = true;
    } else {
      t[i].kind = token::literal;
      t[i].text = "/";
    }
  }
}

section parse_section(std::string_view c) {
  section s;
  // Excel's system date and time codes stand for the long date and the time of the locale.
  if (c.find("[$-F800]") != std::string_view::npos || c.find("[$-f800]") != std::string_view::npos) {
    c = "dddd, mmmm d, yyyy";
  } else if (c.find("[$-F400]") != std::string_view::npos || c.find("[$-f400]") != std::string_view::npos) {
    c = "h:mm:ss AM/PM";
  }
  bool seen_second = false;
  for (std::size_t i = 0; i < c.size();) {
    const char ch = c[i];
    switch (ch) {
      case '"': {
        const std::size_t e = c.find('"', i + 1);
        const std::size_t stop = e == std::string_view::npos ? c.size() : e;
        add_literal(s, c.substr(i + 1, stop - i - 1));
        i = stop + 1;
        continue;
      }
      case '\\':
        if (i + 1 < c.size()) add_literal(s, c.substr(i + 1, 1));
        i += 2;
        continue;
      case '_':  // the width of the next character: a space
        add_literal(s, " ");
        i += 2;
        continue;
      case '*':  // fill with the next character: nothing to fill in extracted text
        i += 2;
        continue;
      case '[': {
        const std::size_t e = c.find(']', i + 1);
        if (e == std::string_view::npos) {
          i = c.size();
          continue;
        }
        parse_bracket(c.substr(i + 1, e - i - 1), s);
        i = e + 1;
        continue;
      }
      case '0': add(s, token::digit_zero); ++i; continue;
      case '#': add(s, token::digit_hash); ++i; continue;
      case '?': add(s, token::digit_space); ++i; continue;
      case ',': add(s, token::comma); ++i; continue;
      case '%': add(s, token::percent); ++s.percent; ++i; continue;
      case '@': add(s, token::text_at); s.has_text_at = true; ++i; continue;
      case '/': add(s, token::slash); ++i; continue;
      case '.':
        if (seen_second && i + 1 < c.size() && c[i + 1] == '0') {
          std::size_t n = 0;
          while (i + 1 + n < c.size() && c[i + 1 + n] == '0') ++n;
          const int digits = static_cast<int>(std::min<std::size_t>(n, 3));
          add(s, token::subsecond, digits);
          s.subsecond_digits = std::max(s.subsecond_digits, digits);
          i += 1 + n;
          continue;
        }
        add(s, token::point);
        ++i;
        continue;
      default:
        break;
    }
    const char l = lower(ch);
    if (l == 'e' && i + 1 < c.size() && (c[i + 1] == '+' || c[i + 1] == '-')) {
      add(s, token::exponent, c[i + 1] == '+' ? 1 : 0);
      s.has_exponent = true;
      i += 2;
      continue;
    }
    if (l == 'g' && starts_with_ci(c.substr(i), "general")) {
      add(s, token::general);
      i += 7;
      continue;
    }
    if (l == 'a') {
      if (starts_with_ci(c.substr(i), "am/pm")) {
        token t;
        t.kind = token::ampm;
        t.text = std::string(c.substr(i, 5));
        s.tokens.push_back(std::move(t));
        s.twelve_hour = true;
        i += 5;
        continue;
      }
      if (starts_with_ci(c.substr(i), "a/p")) {
        token t;
        t.kind = token::ampm_letter;
        t.text = std::string(c.substr(i, 3));
        s.tokens.push_back(std::move(t));
        s.twelve_hour = true;
        i += 3;
        continue;
      }
    }
    const std::size_t run = run_length(c, i);
    const int n = static_cast<int>(std::min<std::size_t>(run, 9));
    switch (l) {
      case 'y': add(s, n <= 2 ? token::year2 : token::year4); i += run; continue;
      case 'e': add(s, token::year4); i += run; continue;
      case 'm':
        add(s, n == 1 ? token::month : n == 2 ? token::month2 : n == 3 ? token::month_abbr
                                                 : n == 4 ? token::month_name : token::month_letter);
        i += run;
        continue;
      case 'd':
        add(s, n == 1 ? token::day : n == 2 ? token::day2 : n == 3 ? token::weekday_abbr : token::weekday_name);
        i += run;
        continue;
      case 'h': add(s, n == 1 ? token::hour : token::hour2); i += run; continue;
      case 's':
        add(s, n == 1 ? token::second : token::second2);
        seen_second = true;
        i += run;
        continue;
      case 'g':  // era (Japanese calendars): nothing in the Gregorian one
      case 'b':  // Buddhist-calendar codes ("B1", "B2") and years: not drawn
        i += run;
        continue;
      default:
        break;
    }
    // Anything else is shown as it is (one UTF-8 sequence at a time).
    std::size_t len = 1;
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0xF0) len = 4;
    else if (u >= 0xE0) len = 3;
    else if (u >= 0xC0) len = 2;
    add_literal(s, c.substr(i, len));
    i += len;
  }
  for (const auto& t : s.tokens) {
    if (is_date_token(t.kind)) s.is_date = true;
    if (is_placeholder(t.kind)) s.has_placeholders = true;
  }
  if (s.is_date) {
    resolve_minutes(s);
    for (const auto& t : s.tokens) s.has_time = s.has_time || (t.kind >= token::hour && t.kind <= token::elapsed_seconds);
    // Digit placeholders, commas and slashes in a date format are text ("dd/mm/yyyy").
    for (auto& t : s.tokens) {
      if (t.kind == token::comma) { t.kind = token::literal; t.text = ","; }
      if (t.kind == token::slash) { t.kind = token::literal; t.text = "/"; }
      if (t.kind == token::point) { t.kind = token::literal; t.text = "."; }
      if (t.kind == token::digit_zero) { t.kind = token::literal; t.text = "0"; }
    }
    s.has_exponent = false;
    s.percent = 0;
  } else {
    resolve_commas(s);
    resolve_fraction(s);
    // A stray ampm/elapsed token in a number section draws nothing.
  }
  return s;
}

// Splits a code at the ';' that are not quoted, escaped or bracketed.
std::vector<std::string_view> split_sections(std::string_view code) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const std::size_t e = code.find('"', i + 1);
      i = e == std::string_view::npos ? code.size() : e;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const std::size_t e = code.find(']', i + 1);
      i = e == std::string_view::npos ? code.size() : e;
    } else if (c == ';') {
      out.push_back(code.substr(start, i - start));
      start = i + 1;
      if (out.size() == 3) break;  // the fourth section runs to the end
    }
  }
  out.push_back(code.substr(std::min(start, code.size())));
  return out;
}

bool condition_holds(const section& s, double v) noexcept {
  const double t = s.threshold;
  switch (s.op[0]) {
    case '<': return s.op[1] == '=' ? v <= t : s.op[1] == '>' ? v != t : v < t;
    case '>': return s.op[1] == '=' ? v >= t : v > t;
    case '=': return v == t;
    default: return false;
  }
}

// ---- rendering -------------------------------------------------------------------------------

// Digits with a ',' between groups of three.
std::string group_thousands(const std::string& digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Fills the placeholders of tokens[b, e) (one run of the integer, numerator or exponent part)
// with `digits` right-aligned: extra digits go to the leftmost placeholder; missing ones show as
// '0', a space or nothing by placeholder. With `thousands`, the whole run prints at its first
// placeholder, grouped.
void render_integer_run(const std::vector<token>& t, std::size_t b, std::size_t e, const std::string& digits,
                        bool thousands, std::string& out) {
  std::size_t count = 0;
  std::size_t first_zero = SIZE_MAX;  // index among placeholders of the leftmost '0'
  for (std::size_t i = b; i < e; ++i) {
    if (!is_placeholder(t[i].kind)) continue;
    if (t[i].kind == token::digit_zero && first_zero == SIZE_MAX) first_zero = count;
    ++count;
  }
  if (thousands) {
    std::string d = digits;
    const std::size_t min_digits = first_zero == SIZE_MAX ? 0 : count - first_zero;
    if (d.size() < min_digits) d.insert(0, min_digits - d.size(), '0');
    bool done = false;
    for (std::size_t i = b; i < e; ++i) {
      if (t[i].kind == token::literal) out += t[i].text;
      else if (t[i].kind == token::percent) out += '%';
      else if (is_placeholder(t[i].kind) && !done) {
        out += group_thousands(d);
        done = true;
      }
    }
    return;
  }
  std::size_t k = 0;
  const std::size_t len = digits.size();
  for (std::size_t i = b; i < e; ++i) {
    if (t[i].kind == token::literal) {
      out += t[i].text;
      continue;
    }
    if (t[i].kind == token::percent) {
      out += '%';
      continue;
    }
    if (!is_placeholder(t[i].kind)) continue;
    const std::size_t from_right = count - 1 - k;
    if (k == 0 && len > count) out.append(digits, 0, len - count);
    if (from_right < len) out += digits[len - 1 - from_right];
    else if (t[i].kind == token::digit_zero) out += '0';
    else if (t[i].kind == token::digit_space) out += ' ';
    ++k;
  }
}

// Fills fraction-digit placeholders left to right; zeros past the last significant digit show
// as '0', a space or nothing by placeholder.
void render_fraction_run(const std::vector<token>& t, std::size_t b, std::size_t e, const std::string& digits,
                         std::string& out) {
  std::size_t last_sig = std::string::npos;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (digits[i] != '0') last_sig = i;
  }
  std::size_t k = 0;
  for (std::size_t i = b; i < e; ++i) {
    if (t[i].kind == token::literal) {
      out += t[i].text;
      continue;
    }
    if (t[i].kind == token::percent) {
      out += '%';
      continue;
    }
    if (!is_placeholder(t[i].kind)) continue;
    const char d = k < digits.size() ? digits[k] : '0';
    const bool significant = last_sig != std::string::npos && k <= last_sig;
    if (significant || t[i].kind == token::digit_zero) out += d;
    else if (t[i].kind == token::digit_space) out += ' ';
    ++k;
  }
}

// The best fraction num/den of x (0 <= x) with den <= max_den (continued fractions).
void best_fraction(double x, long long max_den, long long& num, long long& den) {
  long long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
  double r = x;
  for (int iter = 0; iter < 64; ++iter) {
    const double fa = std::floor(r);
    if (fa > 1e15) break;
    const auto a = static_cast<long long>(fa);
    const long long q2 = q0 + a * q1;
    if (q2 > max_den) {
      // The best semiconvergent within the bound, if it beats the last convergent.
      const long long k = q1 > 0 ? (max_den - q0) / q1 : 0;
      const long long pk = p0 + k * p1, qk = q0 + k * q1;
      if (qk > 0 && (q1 == 0 || std::fabs(x - static_cast<double>(pk) / static_cast<double>(qk)) <
                                    std::fabs(x - static_cast<double>(p1) / static_cast<double>(q1)))) {
        p1 = pk;
        q1 = qk;
      }
      break;
    }
    const long long p2 = p0 + a * p1;
    p0 = p1; q0 = q1; p1 = p2; q1 = q2;
    const double f = r - fa;
    if (f < 1e-12) break;
    r = 1.0 / f;
  }
  if (q1 <= 0) {
    num = 0;
    den = 1;
    return;
  }
  num = p1;
  den = q1;
}

bool render_fraction_format(const section& s, double a, std::string& out) {
  const auto& t = s.tokens;
  std::size_t slash = 0;
  while (slash < t.size() && t[slash].kind != token::slash) ++slash;
  // The numerator: the placeholders right before the slash; the whole part: placeholders before
  // those, if any.
  std::size_t num_b = slash;
  while (num_b > 0 && is_placeholder(t[num_b - 1].kind)) --num_b;
  bool has_whole = false;
  for (std::size_t i = 0; i < num_b; ++i) has_whole = has_whole || is_placeholder(t[i].kind);
  std::size_t den_e = slash + 1;
  long long fixed_den = 0;
  if (den_e < t.size() && t[den_e].kind == token::denominator) {
    fixed_den = t[den_e].n;
    ++den_e;
  } else {
    while (den_e < t.size() && is_placeholder(t[den_e].kind)) ++den_e;
  }
  const auto den_digits = static_cast<int>(den_e - slash - 1);
  // Fractions of huge values mean nothing (and their numerators would overflow): General.
  if (!std::isfinite(a) || a >= 1e15) {
    format_general(a, out);
    return true;
  }
  // The fraction approximates the part below 1; an improper fraction ("?/?" without a whole
  // part) adds the whole back into its numerator.
  const double whole_all = std::floor(a);
  const double frac = a - whole_all;
  long long num = 0, den = 1;
  if (fixed_den > 0) {
    den = fixed_den;
    num = std::llround(frac * static_cast<double>(den));
  } else {
    long long max_den = 1;
    for (int i = 0; i < std::min(den_digits, 7); ++i) max_den *= 10;
    best_fraction(frac, std::max(1LL, max_den - 1), num, den);
  }
  double whole_v = 0;
  if (has_whole) {
    whole_v = whole_all;
    if (num >= den && den > 0) {
      whole_v += static_cast<double>(num / den);
      num %= den;
    }
  } else if (whole_all > 0) {
    if (whole_all * static_cast<double>(den) > 1e17) {
      format_general(a, out);
      return true;
    }
    num += static_cast<long long>(whole_all) * den;
  }
  decimal wd = to_decimal(whole_v);
  round_decimal(wd, 0);
  const std::string whole_digits = integer_digits(wd);
  const bool blank_fraction = num == 0 && (has_whole && !whole_digits.empty());
  // The whole part (with the literals before it).
  std::size_t i = 0;
  if (has_whole) {
    std::size_t whole_e = num_b;
    while (whole_e > 0 && !is_placeholder(t[whole_e - 1].kind)) --whole_e;  // literals between stay
    std::string wd_text = whole_digits;
    // A zero whole part is left out when a fraction follows ("1/2", not "0 1/2").
    if (wd_text.empty() && num == 0) wd_text = "0";
    render_integer_run(t, 0, whole_e, wd_text, s.thousands, out);
    for (i = whole_e; i < num_b; ++i) {
      if (t[i].kind == token::literal) out += blank_fraction || whole_digits.empty() ? std::string(t[i].text.size(), ' ') : t[i].text;
    }
  } else {
    for (; i < num_b; ++i) {
      if (t[i].kind == token::literal) out += t[i].text;
    }
  }
  if (blank_fraction) {
    out.append(den_e - num_b, ' ');  // the fraction's width, blank
  } else if (!(has_whole && num == 0)) {
    render_integer_run(t, num_b, slash, std::to_string(num), false, out);
    out += '/';
    if (fixed_den > 0) {
      out += std::to_string(den);
    } else {
      std::string d = std::to_string(den);
      // The denominator is left-aligned: '?' pads after it.
      std::size_t k = 0;
      for (std::size_t j = slash + 1; j < den_e; ++j, ++k) {
        if (k < d.size()) continue;
        if (t[j].kind == token::digit_space) d += ' ';
        else if (t[j].kind == token::digit_zero) d += '0';
      }
      out += d;
    }
  }
  for (std::size_t j = den_e; j < t.size(); ++j) {
    if (t[j].kind == token::literal) out += t[j].text;
    else if (t[j].kind == token::percent) out += '%';
  }
  return num != 0 || !whole_digits.empty();
}

// Draws `a` (>= 0; the sign is the caller's); returns false when what is drawn is zero.
bool render_number(const section& s, double a, std::string_view text, std::string& out) {
  const auto& t = s.tokens;
  if (s.has_fraction) {
    double scaled = a;
    for (int i = 0; i < s.percent; ++i) scaled *= 100;
    for (int i = 0; i < s.scale; ++i) scaled /= 1000;
    return render_fraction_format(s, scaled, out);
  }
  decimal d = magnitude_digits(a, text);
  if (!d.digits.empty()) d.point += 2 * s.percent - 3 * s.scale;
  // The regions: integer placeholders up to the point (or exponent), fraction after the point,
  // exponent digits after the E.
  std::size_t point = t.size(), exp = t.size();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind == token::point && point == t.size() && exp == t.size()) point = i;
    if (t[i].kind == token::exponent && exp == t.size()) exp = i;
  }
  const std::size_t int_end = std::min(point, exp);
  int n_int = 0, n_frac = 0, n_exp_zero = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_placeholder(t[i].kind)) continue;
    if (i < int_end) {
      ++n_int;
    } else if (i < exp) {
      ++n_frac;
    } else if (t[i].kind == token::digit_zero) {
      ++n_exp_zero;
    }
  }
  long long e10 = 0;
  if (exp < t.size() && !d.digits.empty()) {
    const long long mag = d.point - 1;
    // Several integer placeholders make the exponent a multiple of their count ("##0.0E+0" is
    // engineering notation; "00.00E+00" shows 1234.5 as 12.35E+02), as LibreOffice draws them.
    const bool engineering = n_int > 1;
    auto choose = [&](long long m) {
      if (engineering) {
        const long long step = n_int;
        return (m >= 0 ? m / step : -((-m + step - 1) / step)) * step;
      }
      return m;  // one digit before the point; more '0' placeholders pad it ("01.23E+04")
    };
    e10 = choose(mag);
    decimal m = d;
    m.point = static_cast<int>(d.point - e10);
    round_decimal(m, n_frac);
    const int wanted = engineering ? n_int : 1;
    if (!m.digits.empty() && m.point > wanted) {
      const long long bump = engineering ? n_int : 1;
      e10 += bump;
      m.point -= static_cast<int>(bump);
    }
    d = m;
  } else {
    round_decimal(d, n_frac);
  }
  const std::string int_digits = integer_digits(d);
  const std::string frac_digits = fraction_digits(d, n_frac);
  bool did_int = false, did_frac = false, did_exp = false, general_nonzero = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const token& k = t[i];
    if (i < int_end && (is_placeholder(k.kind) || k.kind == token::comma_thousands)) {
      if (!did_int) {
        std::size_t e = int_end;
        render_integer_run(t, i, e, int_digits, s.thousands, out);
        did_int = true;
        i = e - 1;
      }
      continue;
    }
    switch (k.kind) {
      case token::literal: out += k.text; break;
      case token::percent: out += '%'; break;
      case token::point: {
        // A format with no integer placeholders (".00") still shows a whole part.
        if (!did_int && !int_digits.empty()) out += int_digits;
        did_int = true;
        // "#.##" shows 1 as "1", not "1.": the point only comes with a digit after it.
        bool shown = false;
        for (std::size_t j = 0; j < frac_digits.size() && !shown; ++j) shown = frac_digits[j] != '0';
        for (std::size_t j = i + 1; j < exp && !shown; ++j) {
          shown = t[j].kind == token::digit_zero || t[j].kind == token::digit_space;
        }
        if (shown) out += '.';
        break;
      }
      case token::general:
      case token::text_at:
        format_general(a, out, text);
        general_nonzero = a != 0;
        break;
      case token::exponent: {
        if (!did_int && !int_digits.empty()) out += int_digits;
        did_int = true;
        out += 'E';
        if (e10 < 0) out += '-';
        else if (k.n == 1) out += '+';
        // The exponent's placeholders follow: printed at once, padded to the '0' count.
        std::string digits = std::to_string(e10 < 0 ? -e10 : e10);
        if (digits.size() < static_cast<std::size_t>(n_exp_zero)) digits.insert(0, static_cast<std::size_t>(n_exp_zero) - digits.size(), '0');
        out += digits;
        did_exp = true;
        std::size_t j = i + 1;
        while (j < t.size() && is_placeholder(t[j].kind)) ++j;
        i = j - 1;
        break;
      }
      default:
        if (is_placeholder(k.kind) && i > point && i < exp && !did_frac) {
          std::size_t e = exp;
          // The fraction run ends at the exponent (or the end); literals inside it stay.
          render_fraction_run(t, i, e, frac_digits, out);
          did_frac = true;
          i = e - 1;
        }
        break;
    }
  }
  (void)did_exp;
  return !d.digits.empty() || general_nonzero;
}

void render_date(const section& s, double v, date_system dates, std::string& out) {
  const int sd = s.subsecond_digits;
  long long unit = 86400;
  long long pow10 = 1;
  for (int i = 0; i < sd; ++i) pow10 *= 10;
  unit *= pow10;
  // Times are rounded to the shown precision (carrying into the date); a date alone is the day
  // the serial falls in.
  const double total_d = s.has_time ? std::round(v * static_cast<double>(unit))
                                    : std::floor(v) * static_cast<double>(unit);
  const auto total = static_cast<long long>(total_d);
  const long long days = total / unit;
  const long long in_day = total % unit;
  const long long secs = in_day / pow10;
  const long long sub = in_day % pow10;
  const long long total_secs = total / pow10;
  int year = 0, month = 0, day = 0;
  bool need_date = false;
  for (const auto& k : s.tokens) {
    need_date = need_date || (k.kind >= token::year2 && k.kind <= token::weekday_name);
  }
  if (need_date && !serial_to_date(days, dates, year, month, day)) {
    format_general(v, out);
    return;
  }
  const long long weekday = dates == date_system::d1900 ? (days + 6) % 7 : (days + 5) % 7;
  const long long h24 = secs / 3600;
  const long long minutes = (secs / 60) % 60;
  const long long seconds = secs % 60;
  long long h = h24;
  if (s.twelve_hour) {
    h = h24 % 12;
    if (h == 0) h = 12;
  }
  for (const auto& k : s.tokens) {
    switch (k.kind) {
      case token::literal: out += k.text; break;
      case token::year2: append_int(out, year % 100, 2); break;
      case token::year4: append_int(out, year, 4); break;
      case token::month: append_int(out, month, 1); break;
      case token::month2: append_int(out, month, 2); break;
      case token::month_abbr: out += month_names[month - 1].substr(0, 3); break;
      case token::month_name: out += month_names[month - 1]; break;
      case token::month_letter: out += month_names[month - 1].substr(0, 1); break;
      case token::day: append_int(out, day, 1); break;
      case token::day2: append_int(out, day, 2); break;
      case token::weekday_abbr: out += day_names[weekday].substr(0, 3); break;
      case token::weekday_name: out += day_names[weekday]; break;
      case token::hour: append_int(out, h, 1); break;
      case token::hour2: append_int(out, h, 2); break;
      case token::minute: append_int(out, minutes, 1); break;
      case token::minute2: append_int(out, minutes, 2); break;
      case token::second: append_int(out, seconds, 1); break;
      case token::second2: append_int(out, seconds, 2); break;
      case token::elapsed_hours: append_int(out, total_secs / 3600, k.n); break;
      case token::elapsed_minutes: append_int(out, total_secs / 60, k.n); break;
      case token::elapsed_seconds: append_int(out, total_secs, k.n); break;
      case token::subsecond: {
        out += '.';
        std::string digits;
        append_int(digits, sub, sd);
        out.append(digits, 0, static_cast<std::size_t>(k.n));
        break;
      }
      case token::ampm: {
        const bool pm = h24 >= 12;
        const bool upper = k.text[0] != 'a';
        out += upper ? (pm ? "PM" : "AM") : (pm ? "pm" : "am");
        break;
      }
      case token::ampm_letter: {
        const bool pm = h24 >= 12;
        const char c = pm ? k.text[2] : k.text[0];
        out += c;
        break;
      }
      case token::general: format_general(v, out); break;
      default: break;
    }
  }
}

void trim_spaces(std::string& out, std::size_t from) {
  std::size_t b = from;
  while (b < out.size() && out[b] == ' ') ++b;
  out.erase(from, b - from);
  while (out.size() > from && out.back() == ' ') out.pop_back();
}

}  // namespace

// ---- public ---------------------------------------------------------------------------------------

void format_general(double v, std::string& out, std::string_view text) {
  if (std::isnan(v)) {
    out += "#NUM!";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-#NUM!" : "#NUM!";
    return;
  }
  if (v < 0) out += '-';
  const decimal d = magnitude_digits(std::fabs(v), text);
  if (d.digits.empty()) {
    out += '0';
    return;
  }
  const int mag = d.point - 1;
  if (mag >= -9 && mag < 15) {
    const std::string ip = integer_digits(d);
    out += ip.empty() ? "0" : ip;
    const int nf = static_cast<int>(d.digits.size()) - d.point;
    if (nf > 0) {
      out += '.';
      out += fraction_digits(d, nf);
    }
    return;
  }
  out += d.digits[0];
  if (d.digits.size() > 1) {
    out += '.';
    out.append(d.digits, 1, std::string::npos);
  }
  out += mag < 0 ? "E-" : "E+";
  append_int(out, mag < 0 ? -mag : mag, 2);
}

number_format::number_format() : number_format(std::string_view("General")) {}
number_format::~number_format() = default;
number_format::number_format(const number_format&) = default;
number_format::number_format(number_format&&) noexcept = default;
number_format& number_format::operator=(const number_format&) = default;
number_format& number_format::operator=(number_format&&) noexcept = default;

number_format::number_format(std::string_view code) {
  for (std::string_view part : split_sections(code)) sections_.push_back(parse_section(part));
}

bool number_format::is_date_time() const noexcept { return !sections_.empty() && sections_[0].is_date; }

void number_format::format(double v, date_system dates, std::string& out, std::string_view text) const {
  const std::size_t start = out.size();
  if (!std::isfinite(v) || sections_.empty()) {
    format_general(v, out);
    return;
  }
  // The numeric sections: a fourth one (or a lone '@' section) is for text.
  std::size_t n = sections_.size();
  if (n == 4) n = 3;
  const bool conditional = sections_[0].has_condition || (n > 1 && sections_[1].has_condition);
  const section* s = nullptr;
  bool show_minus = false;
  double a = v;
  if (conditional) {
    for (std::size_t i = 0; i < n && !s; ++i) {
      if (!sections_[i].has_condition || condition_holds(sections_[i], v)) s = &sections_[i];
    }
    if (!s) {
      format_general(v, out);
      return;
    }
    // A section chosen for negative numbers ("[<0]"), or the second one without a condition,
    // draws the magnitude, as the default negative section does.
    const bool negative_section = (s->has_condition && s->op[0] == '<' && s->threshold <= 0) ||
                                  (!s->has_condition && s == &sections_[1]);
    if (v < 0) {
      a = -v;
      show_minus = !negative_section;
    }
  } else if (n == 1 || v > 0 || (v == 0 && n == 2)) {
    s = &sections_[0];
    if (v < 0) {
      a = -v;
      show_minus = true;
    }
  } else if (v < 0) {
    s = &sections_[1];
    a = -v;
  } else {
    s = &sections_[n >= 3 ? 2 : 0];
  }
  // A section of only "@" (or "General"-free text) gives numbers in General.
  if (s->has_text_at && !s->has_placeholders && !s->is_date) {
    format_general(v, out);
    return;
  }
  if (s->is_date) {
    if (v < 0 || a >= static_cast<double>(max_serial_1900 + 1)) {
      format_general(v, out);
      return;
    }
    render_date(*s, a, dates, out);
  } else {
    std::string body;
    // No sign for a value that rounds to zero in the format.
    if (render_number(*s, a, text, body) && show_minus) out += '-';
    out += body;
  }
  trim_spaces(out, start);
}

bool number_format::has_text_section() const noexcept {
  if (sections_.size() == 4) return true;
  for (const auto& sec : sections_) {
    if (sec.has_text_at) return true;
  }
  return false;
}

void number_format::format_text(std::string_view text, std::string& out) const {
  const section* s = nullptr;
  if (sections_.size() == 4) {
    s = &sections_[3];
  } else {
    for (const auto& sec : sections_) {
      if (sec.has_text_at) {
        s = &sec;
        break;
      }
    }
  }
  if (!s) {
    out += text;
    return;
  }
  const std::size_t start = out.size();
  for (const auto& k : s->tokens) {
    if (k.kind == token::literal) out += k.text;
    else if (k.kind == token::text_at) out += text;
  }
  trim_spaces(out, start);
}

bool serial_to_date(std::int64_t serial, date_system dates, int& year, int& month, int& day) noexcept {
  if (serial < 0) return false;
  if (dates == date_system::d1904) {
    if (serial > max_serial_1904) return false;
    civil_from_days(serial - epoch1970_1904, year, month, day);
    return true;
  }
  if (serial > max_serial_1900) return false;
  if (serial == 0) {  // Excel's "January 0, 1900"
    year = 1900;
    month = 1;
    day = 0;
    return true;
  }
  if (serial == 60) {  // the day Lotus 1-2-3 believed in, kept for compatibility
    year = 1900;
    month = 2;
    day = 29;
    return true;
  }
  civil_from_days(serial - epoch1970_1900 + (serial < 60 ? 1 : 0), year, month, day);
  return true;
}

std::int64_t date_to_serial(int year, int month, int day, date_system dates) noexcept {
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (dates == date_system::d1904) return days + epoch1970_1904;
  const std::int64_t s = days + epoch1970_1900;
  return s < 61 ? s - 1 : s;
}

bool parse_number(std::string_view text, double& out) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (text.empty() || text.size() > 64) return false;
  // Only the characters of a decimal number: strtod would also take "inf", "nan" and hex.
  char buf[72];
  std::size_t n = 0;
  const char* point = std::localeconv()->decimal_point;
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
      buf[n++] = c;
    } else if (c == '+' || c == '-' || c == 'e' || c == 'E') {
      buf[n++] = c;
    } else if (c == '.') {
      // The C locale's decimal point, whatever the host program chose.
      buf[n++] = (point && point[0] && !point[1]) ? point[0] : '.';
    } else {
      return false;
    }
  }
  if (!digit) return false;
  // Exact without strtod when the digits fit a double's integer range and the power of ten is
  // exact too (Clinger's fast path): one correctly rounded multiplication or division.
  {
    decimal d;
    if (decimal_from_text(text, d)) {
      static constexpr double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                         1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
      std::uint64_t m = 0;
      for (char c : d.digits) m = m * 10 + static_cast<std::uint64_t>(c - '0');
      const int e = d.point - static_cast<int>(d.digits.size());  // value = m × 10^e
      if (e >= -22 && e <= 22) {
        double v = static_cast<double>(m);
        v = e < 0 ? v / pow10[-e] : v * pow10[e];
        out = (text.front() == '-') ? -v : v;
        return true;
      }
    }
  }
  buf[n] = 0;
  char* end = nullptr;
  const double v = std::strtod(buf, &end);
  if (end != buf + n) return false;
  out = v;
  return true;
}

namespace {

// Reads exactly `count` digits at s[i]; false when they are not there.
bool read_digits(std::string_view s, std::size_t& i, std::size_t count, int& out) noexcept {
  if (i + count > s.size()) return false;
  int v = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  i += count;
  out = v;
  return true;
}

}  // namespace

bool parse_iso_datetime(std::string_view text, date_system dates, double& serial) noexcept {
  std::size_t i = 0;
  bool negative_year = false;
  if (i < text.size() && text[i] == '-') {
    negative_year = true;
    ++i;
  }
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, i, 4, year) || negative_year) return false;
  if (i >= text.size() || text[i++] != '-' || !read_digits(text, i, 2, month)) return false;
  if (i >= text.size() || text[i++] != '-' || !read_digits(text, i, 2, day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  double fraction = 0;
  if (i < text.size() && (text[i] == 'T' || text[i] == 't' || text[i] == ' ')) {
    ++i;
    int h = 0, m = 0, sec = 0;
    if (!read_digits(text, i, 2, h)) return false;
    if (i >= text.size() || text[i++] != ':' || !read_digits(text, i, 2, m)) return false;
    double sub = 0;
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!read_digits(text, i, 2, sec)) return false;
      if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
        ++i;
        double scale = 0.1;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
          sub += (text[i] - '0') * scale;
          scale /= 10;
          ++i;
        }
      }
    }
    if (h > 24 || m > 59 || sec > 60) return false;
    fraction = (h * 3600.0 + m * 60.0 + sec + sub) / 86400.0;
  }
  // A zone ('Z', "+01:00") may follow: spreadsheets show the local wall time, so it is ignored.
  const std::int64_t s = date_to_serial(year, month, day, dates);
  serial = static_cast<double>(s) + fraction;
  return true;
}

std::string_view builtin_number_format(std::uint32_t id) noexcept {
  switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 5: return "\"$\"#,##0_);\\(\"$\"#,##0\\)";
    case 6: return "\"$\"#,##0_);[Red]\\(\"$\"#,##0\\)";
    case 7: return "\"$\"#,##0.00_);\\(\"$\"#,##0.00\\)";
    case 8: return "\"$\"#,##0.00_);[Red]\\(\"$\"#,##0.00\\)";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/?\?";
    case 14: return "m/d/yyyy";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "m/d/yyyy h:mm";
    // East Asian locales' dates (27-36, 50-58): drawn as the en-US short date.
    case 27: case 28: case 29: case 30: case 31: case 32: case 33: case 34: case 35: case 36:
    case 50: case 51: case 52: case 53: case 54: case 55: case 56: case 57: case 58:
      return "m/d/yyyy";
    case 37: return "#,##0 ;(#,##0)";
    case 38: return "#,##0 ;[Red](#,##0)";
    case 39: return "#,##0.00;(#,##0.00)";
    case 40: return "#,##0.00;[Red](#,##0.00)";
    case 41: return "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)";
    case 42: return "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)";
    case 43: return "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"?\?_);_(@_)";
    case 44: return "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"?\?_);_(@_)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mmss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    default: return {};
  }
}

}  // namespace quarry::detail
