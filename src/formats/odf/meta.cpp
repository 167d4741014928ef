#include "formats/odf/meta.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "formats/office/xml_part.hpp"

namespace quarry::detail::odf {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool digits_at(std::string_view s, std::size_t at, std::size_t n) noexcept {
  if (s.size() < at + n) return false;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The text of an element, whitespace at either end trimmed.
std::string_view text_of(pugi::xml_node n) { return trim(n.child_value()); }

// Splits "a, b; c" into its non-empty items, appending to `out` unless already there.
void add_keywords(std::string_view s, std::vector<std::string_view>& out) {
  while (!s.empty()) {
    const std::size_t cut = s.find_first_of(",;");
    const std::string_view item = trim(s.substr(0, cut));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    if (cut == std::string_view::npos) break;
    s.remove_prefix(cut + 1);
  }
}

}  // namespace

std::string odf_date_to_iso(std::string_view date) {
  date = trim(date);
  // YYYY-MM-DD
  if (!digits_at(date, 0, 4) || date.size() < 10 || date[4] != '-' || !digits_at(date, 5, 2) || date[7] != '-' ||
      !digits_at(date, 8, 2)) {
    return {};
  }
  std::string out(date.substr(0, 10));
  std::size_t i = 10;
  if (i < date.size() && date[i] == 'T') {
    // THH:MM[:SS[.fraction]]
    if (!digits_at(date, i + 1, 2) || date.size() < i + 6 || date[i + 3] != ':' || !digits_at(date, i + 4, 2)) return out;
    out.append(date.substr(i, 6));
    i += 6;
    if (i < date.size() && date[i] == ':' && digits_at(date, i + 1, 2)) {
      out.append(date.substr(i, 3));
      i += 3;
      if (i < date.size() && (date[i] == '.' || date[i] == ',')) {
        ++i;
        while (i < date.size() && is_digit(date[i])) ++i;
      }
    } else {
      out += ":00";
    }
    // Z or +HH:MM / -HH:MM
    if (i < date.size() && date[i] == 'Z') {
      out += 'Z';
    } else if (i < date.size() && (date[i] == '+' || date[i] == '-') && digits_at(date, i + 1, 2)) {
      out += date[i];
      out.append(date.substr(i + 1, 2));
      out += ':';
      std::size_t m = i + 3;
      if (m < date.size() && date[m] == ':') ++m;
      out.append(digits_at(date, m, 2) ? date.substr(m, 2) : "00");
    }
  }
  return out;
}

void report_meta(pugi::xml_node meta, writer& out) {
  std::vector<std::string_view> keywords;
  std::string_view initial_creator, creator;
  for (pugi::xml_node n = meta.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element) continue;
    const std::string_view qn(n.name());
    const std::string_view ln = local_name(n);
    if (ln == "keyword") {
      add_keywords(n.child_value(), keywords);
      continue;
    }
    if (ln == "document-statistic") {
      static constexpr std::pair<std::string_view, std::string_view> stats[] = {
          {"page-count", "pageCount"},           {"word-count", "wordCount"},
          {"table-count", "tableCount"},         {"character-count", "characterCount"},
          {"image-count", "imageCount"},         {"paragraph-count", "paragraphCount"},
          {"object-count", "objectCount"},       {"cell-count", "cellCount"},
      };
      for (const auto& [attr, key] : stats) {
        const pugi::xml_attribute a = attribute_named(n, attr);
        if (!a) continue;
        const long long v = a.as_llong(-1);
        if (v >= 0) out.metadata(key, value(v));
      }
      continue;
    }
    const std::string_view text = text_of(n);
    if (text.empty()) continue;
    if (ln == "initial-creator") {
      initial_creator = text;
    } else if (ln == "creator") {
      creator = text;
    } else if (ln == "title" && qn.starts_with("dc:")) {
      out.metadata("title", value(text));
    } else if (ln == "subject") {
      out.metadata("subject", value(text));
    } else if (ln == "description") {
      out.metadata("description", value(text));
    } else if (ln == "language") {
      out.metadata("language", value(text));
    } else if (ln == "generator") {
      out.metadata("application", value(text));
    } else if (ln == "creation-date" || (ln == "date" && qn.starts_with("dc:"))) {
      std::string iso = odf_date_to_iso(text);
      if (!iso.empty()) out.metadata(ln == "date" ? "modifiedAt" : "createdAt", value(std::move(iso)));
    }
  }
  if (!keywords.empty()) {
    value arr = value::array();
    for (const std::string_view k : keywords) arr.push_back(value(k));
    out.metadata("keywords", std::move(arr));
  }
  // meta:initial-creator wrote the document; dc:creator saved it last.
  const std::string_view author = initial_creator.empty() ? creator : initial_creator;
  if (!author.empty()) {
    value arr = value::array();
    arr.push_back(value(author));
    out.metadata("authors", std::move(arr));
  }
  if (!creator.empty()) out.metadata("lastModifiedBy", value(creator));
}

status read_meta_xml(std::string& xml, writer& out) {
  pugi::xml_document doc;
  if (status st = load_xml_part(xml, doc, out, "meta.xml"); !st.ok()) return st;
  const pugi::xml_node root = doc.document_element();
  const pugi::xml_node meta = child_named(root, "meta");
  if (!meta) {
    out.warn("damaged_part", "meta.xml holds no office:meta element; no metadata read");
    return std::monostate{};
  }
  report_meta(meta, out);
  return std::monostate{};
}

status read_odf_metadata(zip_archive& zip, writer& out) {
  const zip_entry* e = zip.find("meta.xml");
  if (!e) return std::monostate{};
  std::string xml;
  bool crc_ok = true;
  if (status st = zip.read(*e, xml, &crc_ok); !st.ok()) {
    if (st.err().code == error_code::limit_exceeded || st.err().code == error_code::out_of_memory) return st;
    out.warn("damaged_part", "meta.xml cannot be read (" + st.err().detail + "); no metadata read");
    return std::monostate{};
  }
  if (!crc_ok) out.warn("crc_mismatch", "meta.xml fails its CRC check");
  return read_meta_xml(xml, out);
}

}  // namespace quarry::detail::odf
