#include "formats/rtf/info.hpp"

#include <cstdio>

namespace quarry::detail::rtf {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The non-empty trimmed pieces of `s` between any of `separators`, as an array value.
value split_list(std::string_view s, std::string_view separators) {
  value list = value::array();
  while (true) {
    const std::size_t cut = s.find_first_of(separators);
    const std::string_view item = trim(s.substr(0, cut));
    if (!item.empty()) list.push_back(value(item));
    if (cut == std::string_view::npos) break;
    s.remove_prefix(cut + 1);
  }
  return list;
}

}  // namespace

std::string info_date_iso(const date_parts& p) {
  const auto in = [](std::int32_t v, std::int32_t lo, std::int32_t hi) { return v >= lo && v <= hi; };
  if (!in(p[0], 1, 9999) || !in(p[1], 1, 12) || !in(p[2], 1, 31)) return {};
  const std::int32_t hour = in(p[3], 0, 23) ? p[3] : 0;
  const std::int32_t minute = in(p[4], 0, 59) ? p[4] : 0;
  const std::int32_t second = in(p[5], 0, 59) ? p[5] : 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", static_cast<int>(p[0]), static_cast<int>(p[1]),
                static_cast<int>(p[2]), static_cast<int>(hour), static_cast<int>(minute), static_cast<int>(second));
  return buf;
}

void write_info_text(info_field field, std::string_view text, writer& out) {
  text = trim(text);
  if (field == info_field::generator) {
    while (!text.empty() && text.back() == ';') text.remove_suffix(1);  // "{\*\generator Word 11;}"
    text = trim(text);
  }
  if (text.empty()) return;
  switch (field) {
    case info_field::title: out.metadata("title", value(text)); break;
    case info_field::subject: out.metadata("subject", value(text)); break;
    case info_field::author: out.metadata("authors", split_list(text, ";")); break;
    case info_field::manager: out.metadata("manager", value(text)); break;
    case info_field::company: out.metadata("company", value(text)); break;
    case info_field::operator_name: out.metadata("lastModifiedBy", value(text)); break;
    case info_field::category: out.metadata("category", value(text)); break;
    case info_field::keywords: out.metadata("keywords", split_list(text, ",;")); break;
    case info_field::comment: out.metadata("description", value(text)); break;
    case info_field::generator: out.metadata("application", value(text)); break;
    case info_field::created:
    case info_field::modified: break;  // dates
  }
}

void write_info_date(info_field field, const date_parts& parts, writer& out) {
  std::string iso = info_date_iso(parts);
  if (iso.empty()) return;
  if (field == info_field::created) out.metadata("createdAt", value(std::move(iso)));
  else if (field == info_field::modified) out.metadata("modifiedAt", value(std::move(iso)));
}

void write_info_number(info_number number, std::int32_t count, writer& out) {
  if (count < 0) return;
  switch (number) {
    case info_number::version: out.metadata("revision", value(std::to_string(count))); break;
    case info_number::pages: out.metadata("pageCount", value(count)); break;
    case info_number::words: out.metadata("wordCount", value(count)); break;
    case info_number::characters: out.metadata("characterCount", value(count)); break;
  }
}

}  // namespace quarry::detail::rtf
