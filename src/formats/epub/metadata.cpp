#include "formats/epub/metadata.hpp"

#include <cstdio>

#include "formats/xml/xml_nodes.hpp"

namespace quarry::detail::epub {

namespace {

// Reads `n` digits at `at`; false when they are not all there.
bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) noexcept {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool is_author(const person& p) noexcept { return p.role.empty() || p.role == "aut"; }

value names(const std::vector<person>& people, bool authors) {
  value list = value::array();
  for (const person& p : people) {
    if (is_author(p) == authors) list.push_back(value(p.name));
  }
  return list;
}

}  // namespace

std::string iso_date(std::string_view d) {
  while (!d.empty() && d.front() == ' ') d.remove_prefix(1);
  while (!d.empty() && d.back() == ' ') d.remove_suffix(1);
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!digits(d, 0, 4, year) || year <= 101) return {};
  char buf[48];
  if (d.size() == 4) {
    std::snprintf(buf, sizeof buf, "%04d", year);
    return buf;
  }
  if (d[4] != '-' || !digits(d, 5, 2, month) || month < 1 || month > 12) return {};
  if (d.size() == 7) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
  }
  if (d.size() < 10 || d[7] != '-' || !digits(d, 8, 2, day) || day < 1 || day > 31) return {};
  if (d.size() == 10) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  if ((d[10] != 'T' && d[10] != 't' && d[10] != ' ') || !digits(d, 11, 2, hour) || d.size() < 16 || d[13] != ':' ||
      !digits(d, 14, 2, minute) || hour > 23 || minute > 59)
    return {};
  std::size_t p = 16;
  if (p < d.size() && d[p] == ':') {
    if (!digits(d, p + 1, 2, second) || second > 60) return {};
    p += 3;
    if (p < d.size() && (d[p] == '.' || d[p] == ',')) {  // fractions of a second: dropped
      ++p;
      while (p < d.size() && d[p] >= '0' && d[p] <= '9') ++p;
    }
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
  std::string out = buf;
  if (p == d.size()) return out;  // local time
  int th = 0;
  int tm = 0;
  if ((d[p] == 'Z' || d[p] == 'z') && p + 1 == d.size()) return out + 'Z';
  if ((d[p] == '+' || d[p] == '-') && digits(d, p + 1, 2, th) && th <= 23) {
    std::size_t q = p + 3;
    if (q < d.size() && d[q] == ':') ++q;
    if (q == d.size() || (digits(d, q, 2, tm) && tm <= 59 && q + 2 == d.size())) {
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", d[p], th, tm);
      return out + buf;
    }
  }
  return {};
}

void emit_metadata(const book_info& info, writer& out) {
  if (!info.title.empty()) out.metadata("title", value(info.title));
  // Creators without a role, or with MARC's "aut", are the authors; editors, translators,
  // illustrators... are contributors with the dc:contributor elements.
  value authors = names(info.creators, true);
  value contributors = names(info.creators, false);
  for (const person& p : info.contributors) contributors.push_back(value(p.name));
  if (authors.size() == 0 && contributors.size() != 0 && info.contributors.empty()) std::swap(authors, contributors);
  if (authors.size() != 0) out.metadata("authors", std::move(authors));
  if (contributors.size() != 0) out.metadata("contributors", std::move(contributors));
  if (!info.language.empty()) out.metadata("language", value(info.language));
  if (!info.identifier.empty()) out.metadata("identifier", value(info.identifier));
  if (!info.publisher.empty()) out.metadata("publisher", value(info.publisher));
  // EPUB 3 has one dc:date, the publication date; EPUB 2 may mark several with opf:event.
  std::string created;
  std::string modified;
  std::string raw;
  for (const dated& d : info.dates) {
    std::string iso = iso_date(d.text);
    if (iso.empty()) {
      if (raw.empty()) raw = d.text;
    } else if (d.event == "modification") {
      if (modified.empty()) modified = std::move(iso);
    } else if (created.empty() || d.event == "publication") {
      created = std::move(iso);
    }
  }
  if (std::string iso = iso_date(info.modified); !iso.empty()) modified = std::move(iso);
  if (!created.empty()) out.metadata("createdAt", value(created));
  else if (!raw.empty()) out.metadata("date", value(raw));  // as written, when it is not a date we can read
  if (!modified.empty()) out.metadata("modifiedAt", value(modified));
  if (!info.description.empty()) {
    // Calibre and others store the blurb as HTML.
    std::string description = info.description;
    strip_markup(description);
    if (!description.empty()) out.metadata("description", value(description));
  }
  if (!info.subjects.empty()) {
    value keywords = value::array();
    for (const std::string& s : info.subjects) keywords.push_back(value(s));
    out.metadata("keywords", std::move(keywords));
  }
  if (!info.rights.empty()) out.metadata("rights", value(info.rights));
  if (!info.generator.empty()) out.metadata("generator", value(info.generator));
  if (!info.version.empty()) out.metadata("epubVersion", value(info.version));
}

}  // namespace quarry::detail::epub
