#include "formats/office/opc.hpp"

#include <pugixml.hpp>

#include <cstring>

#include "formats/office/xml_part.hpp"

namespace quarry::detail::office {

namespace {

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Reads a small XML part; false (with a warning for damage, silently when absent) if unusable.
bool load_part(zip_archive& zip, std::string_view name, pugi::xml_document& doc, std::string& buffer, writer& out) {
  const zip_entry* e = zip.find(name);
  if (e == nullptr) return false;
  buffer.clear();
  bool crc_ok = true;
  if (status st = zip.read(*e, buffer, &crc_ok); !st.ok()) {
    out.warn("damaged_part", "'" + std::string(name) + "' could not be read: " + st.err().detail);
    return false;
  }
  if (!crc_ok) out.warn("crc_mismatch", "'" + std::string(name) + "' fails its CRC check");
  const pugi::xml_parse_result r = doc.load_buffer_inplace(buffer.data(), buffer.size(), pugi::parse_default, pugi::encoding_auto);
  if (!r) {
    out.warn("damaged_part", "'" + std::string(name) + "' is not well-formed XML (" + r.description() + ")");
    return false;
  }
  return true;
}

/// A W3CDTF date (what core.xml holds) when it has the shape of one, else empty.
std::string iso_date(std::string_view s) {
  s = trim(s);
  auto digits = [&](std::size_t from, std::size_t n) {
    if (s.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4)) return {};
  if (s.size() == 4) return std::string(s);
  if (s[4] != '-' || !digits(5, 2)) return {};
  if (s.size() == 7) return std::string(s);
  if (s[7] != '-' || !digits(8, 2)) return {};
  if (s.size() == 10) return std::string(s);
  if (s[10] != 'T' || !digits(11, 2) || s.size() < 16 || s[13] != ':' || !digits(14, 2)) return {};
  // Time zones and fractions pass through as written: they are already ISO 8601.
  for (char c : s.substr(16)) {
    if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == 'Z' || c == '+' || c == '-')) return {};
  }
  return std::string(s);
}

value list_of(std::string_view s, std::string_view separators) {
  value v = value::array();
  while (!s.empty()) {
    const std::size_t cut = s.find_first_of(separators);
    const std::string_view item = trim(s.substr(0, cut));
    if (!item.empty()) v.push_back(value(item));
    if (cut == std::string_view::npos) break;
    s.remove_prefix(cut + 1);
  }
  return v;
}

bool parse_count(std::string_view s, std::int64_t& n) noexcept {
  s = trim(s);
  if (s.empty() || s.size() > 15) return false;
  n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::string resolve_part(std::string_view base_part, std::string_view target) {
  std::vector<std::string_view> segments;
  auto push_path = [&](std::string_view path) {
    while (!path.empty()) {
      const std::size_t slash = path.find('/');
      const std::string_view seg = path.substr(0, slash);
      if (seg == "..") {
        if (!segments.empty()) segments.pop_back();
      } else if (!seg.empty() && seg != ".") {
        segments.push_back(seg);
      }
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
    }
  };
  // Fragments and queries are not part of a part name.
  target = target.substr(0, target.find_first_of("#?"));
  if (target.empty() || target.front() != '/') {
    const std::size_t slash = base_part.rfind('/');
    if (slash != std::string_view::npos) push_path(base_part.substr(0, slash));
  }
  push_path(target);
  std::string out;
  for (std::string_view seg : segments) {
    if (!out.empty()) out += '/';
    out += seg;
  }
  // Part names are percent-encoded in targets ("my%20file.xml"); ZIP names are not.
  std::string decoded;
  decoded.reserve(out.size());
  auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '%' && i + 2 < out.size() && hex(out[i + 1]) >= 0 && hex(out[i + 2]) >= 0) {
      decoded += static_cast<char>(hex(out[i + 1]) * 16 + hex(out[i + 2]));
      i += 2;
    } else {
      decoded += out[i];
    }
  }
  return decoded;
}

std::vector<relationship> read_relationships(zip_archive& zip, std::string_view part, writer& out) {
  std::string rels_name;
  const std::size_t slash = part.rfind('/');
  if (slash != std::string_view::npos) rels_name.append(part.substr(0, slash + 1));
  rels_name += "_rels/";
  rels_name.append(slash == std::string_view::npos ? part : part.substr(slash + 1));
  rels_name += ".rels";
  std::vector<relationship> rels;
  pugi::xml_document doc;
  std::string buffer;
  if (!load_part(zip, rels_name, doc, buffer, out)) return rels;
  for (pugi::xml_node n : doc.document_element().children()) {
    if (local_name(n.name()) != "Relationship") continue;
    if (rels.size() >= out.limits().max_entries) break;
    relationship r;
    r.id = n.attribute("Id").value();
    r.type = n.attribute("Type").value();
    r.external = std::strcmp(n.attribute("TargetMode").value(), "External") == 0;
    const std::string_view target = n.attribute("Target").value();
    r.target = r.external ? std::string(target) : resolve_part(part, target);
    rels.push_back(std::move(r));
  }
  return rels;
}

const relationship* find_by_type(const std::vector<relationship>& rels, std::string_view type_suffix) noexcept {
  for (const relationship& r : rels) {
    if (std::string_view(r.type).ends_with(type_suffix)) return &r;
  }
  return nullptr;
}

const relationship* find_by_id(const std::vector<relationship>& rels, std::string_view id) noexcept {
  for (const relationship& r : rels) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string main_document(zip_archive& zip, std::string_view fallback, writer& out) {
  const std::vector<relationship> rels = read_relationships(zip, "", out);
  const relationship* r = find_by_type(rels, "/officeDocument");
  if (r != nullptr && !r->external && zip.find(r->target) != nullptr) return r->target;
  if (zip.find(fallback) != nullptr && r == nullptr) {
    out.warn("missing_relationship", "the package does not name its main part; reading '" + std::string(fallback) + "'");
  }
  return std::string(fallback);
}

void read_document_properties(zip_archive& zip, writer& out) {
  pugi::xml_document doc;
  std::string buffer;
  if (load_part(zip, "docProps/core.xml", doc, buffer, out)) {
    for (pugi::xml_node n : doc.document_element().children()) {
      const std::string_view name = local_name(n.name());
      const std::string_view text = trim(n.text().get());
      if (text.empty()) continue;
      if (name == "title") out.metadata("title", value(text));
      else if (name == "subject") out.metadata("subject", value(text));
      else if (name == "creator") out.metadata("authors", list_of(text, ";"));
      else if (name == "keywords") out.metadata("keywords", list_of(text, ",;"));
      else if (name == "description") out.metadata("description", value(text));
      else if (name == "category") out.metadata("category", value(text));
      else if (name == "lastModifiedBy") out.metadata("lastModifiedBy", value(text));
      else if (name == "revision") out.metadata("revision", value(text));
      else if (name == "language") out.metadata("language", value(text));
      else if (name == "created" || name == "modified") {
        const std::string iso = iso_date(text);
        if (!iso.empty()) out.metadata(name == "created" ? "createdAt" : "modifiedAt", value(iso));
      }
    }
  }
  if (load_part(zip, "docProps/app.xml", doc, buffer, out)) {
    for (pugi::xml_node n : doc.document_element().children()) {
      const std::string_view name = local_name(n.name());
      const std::string_view text = trim(n.text().get());
      if (text.empty()) continue;
      std::int64_t count = 0;
      if (name == "Application") out.metadata("application", value(text));
      else if (name == "Company") out.metadata("company", value(text));
      else if (name == "Pages" && parse_count(text, count)) out.metadata("pageCount", value(count));
      else if (name == "Words" && parse_count(text, count)) out.metadata("wordCount", value(count));
      else if (name == "Characters" && parse_count(text, count)) out.metadata("characterCount", value(count));
      else if (name == "Slides" && parse_count(text, count)) out.metadata("slideCount", value(count));
    }
  }
}

}  // namespace quarry::detail::office
