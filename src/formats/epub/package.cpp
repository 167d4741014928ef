#include "formats/epub/package.hpp"

#include <unordered_map>

#include "formats/epub/paths.hpp"
#include "formats/xml/xml_load.hpp"
#include "formats/xml/xml_nodes.hpp"

namespace quarry::detail::epub {

namespace {

// Metadata lists (creators, subjects...) keep at most this many entries: a hostile OPF could
// repeat them endlessly, and no real book has more.
constexpr std::size_t max_list_entries = 256;

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;  // names compared here are ASCII letters and '-'
  }
  return true;
}

// The element's local name, compared without case: OEB 1 packages wrote "dc:Title".
bool named(pugi::xml_node n, std::string_view local) noexcept {
  return n.type() == pugi::node_element && iequals(local_name(n.name()), local);
}

// An attribute by its local name, so "opf:role" and "role" both match (the plain name first).
std::string_view attr(pugi::xml_node n, std::string_view local) noexcept {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (iequals(a.name(), local)) return a.value();
  }
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (iequals(local_name(a.name()), local)) return a.value();
  }
  return {};
}

std::string text_of(pugi::xml_node n) {
  std::string s;
  text_collector c(s);
  collect_all_text(n, c);
  return s;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::string media_type_of(std::string_view s) {
  if (const std::size_t semi = s.find(';'); semi != std::string_view::npos) s = s.substr(0, semi);
  std::string r = trimmed(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return r;
}

// True when the space-separated list `tokens` holds `word`.
bool has_token(std::string_view tokens, std::string_view word) noexcept {
  std::size_t i = 0;
  while (i < tokens.size()) {
    while (i < tokens.size() && (tokens[i] == ' ' || tokens[i] == '\t' || tokens[i] == '\n' || tokens[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < tokens.size() && tokens[j] != ' ' && tokens[j] != '\t' && tokens[j] != '\n' && tokens[j] != '\r') ++j;
    if (j > i && tokens.substr(i, j - i) == word) return true;
    i = j;
  }
  return false;
}

template <class T>
void push_capped(std::vector<T>& v, T item) {
  if (v.size() < max_list_entries) v.push_back(std::move(item));
}

// An EPUB 3 <meta refines="#id" property="...">value</meta>.
struct refinement {
  std::string target, property, value;
};

void read_metadata(pugi::xml_node metadata, book_info& info, std::string_view unique_id) {
  std::vector<std::pair<std::string, std::string>> titles;       // (id, text)
  std::vector<std::pair<std::string, std::string>> identifiers;  // (id, text)
  std::vector<refinement> refines;
  // The metadata's children, and those of OEB 1's <dc-metadata>/<x-metadata> wrappers.
  for (pugi::xml_node outer = metadata.first_child(); outer; outer = outer.next_sibling()) {
    const bool wrapper = named(outer, "dc-metadata") || named(outer, "x-metadata");
    pugi::xml_node e = wrapper ? outer.first_child() : outer;
    for (; e; e = wrapper ? e.next_sibling() : pugi::xml_node()) {
      if (e.type() != pugi::node_element) continue;
      const std::string_view name = local_name(e.name());
      if (iequals(name, "meta")) {
        const std::string_view property = attr(e, "property");
        if (!property.empty()) {
          std::string_view target = attr(e, "refines");
          if (!target.empty()) {
            if (target.front() == '#') target.remove_prefix(1);
            if (refines.size() < max_list_entries * 4)
              refines.push_back({std::string(target), std::string(property), text_of(e)});
          } else if (property == "dcterms:modified" && info.modified.empty()) {
            info.modified = text_of(e);
          }
        } else if (iequals(attr(e, "name"), "generator") && info.generator.empty()) {
          info.generator = trimmed(attr(e, "content"));
        }
        continue;
      }
      std::string value = text_of(e);
      if (value.empty()) continue;
      if (iequals(name, "title")) {
        push_capped(titles, {std::string(attr(e, "id")), std::move(value)});
      } else if (iequals(name, "creator") || iequals(name, "contributor")) {
        person p{std::move(value), trimmed(attr(e, "role")), std::string(attr(e, "id"))};
        push_capped(iequals(name, "creator") ? info.creators : info.contributors, std::move(p));
      } else if (iequals(name, "identifier")) {
        push_capped(identifiers, {std::string(attr(e, "id")), std::move(value)});
      } else if (iequals(name, "date")) {
        push_capped(info.dates, dated{std::move(value), trimmed(attr(e, "event"))});
      } else if (iequals(name, "subject")) {
        push_capped(info.subjects, std::move(value));
      } else if (iequals(name, "language")) {
        if (info.language.empty()) info.language = std::move(value);
      } else if (iequals(name, "publisher")) {
        if (info.publisher.empty()) info.publisher = std::move(value);
      } else if (iequals(name, "description")) {
        if (info.description.empty()) info.description = std::move(value);
      } else if (iequals(name, "rights")) {
        if (info.rights.empty()) info.rights = std::move(value);
      }
    }
  }
  // EPUB 3 says what a creator did and which title is the main one in separate <meta> elements.
  std::string main_title_id;
  for (const refinement& r : refines) {
    if (r.property == "role") {
      for (auto* list : {&info.creators, &info.contributors}) {
        for (person& p : *list) {
          if (!p.id.empty() && p.id == r.target && p.role.empty()) p.role = r.value;
        }
      }
    } else if (r.property == "title-type" && r.value == "main" && main_title_id.empty()) {
      main_title_id = r.target;
    }
  }
  for (const auto& [id, text] : titles) {
    if (!main_title_id.empty() && id == main_title_id) info.title = text;
  }
  if (info.title.empty() && !titles.empty()) info.title = titles.front().second;
  for (const auto& [id, text] : identifiers) {
    if (!unique_id.empty() && id == unique_id) info.identifier = text;
  }
  if (info.identifier.empty() && !identifiers.empty()) info.identifier = identifiers.front().second;
}

}  // namespace

std::string rootfile_path(std::string_view container_xml) {
  xml_source src;
  load_xml(container_xml, src);
  // <container><rootfiles><rootfile full-path="..." media-type="..."/></rootfiles></container>
  std::string first;
  for (pugi::xml_node files = src.doc.document_element().first_child(); files; files = files.next_sibling()) {
    if (!named(files, "rootfiles")) continue;
    for (pugi::xml_node f = files.first_child(); f; f = f.next_sibling()) {
      if (!named(f, "rootfile")) continue;
      std::string path = trimmed(attr(f, "full-path"));
      if (path.empty()) continue;
      if (media_type_of(attr(f, "media-type")) == "application/oebps-package+xml") return path;
      if (first.empty()) first = std::move(path);
    }
  }
  return first;
}

result<package> read_package(std::string_view opf_xml, std::string_view opf_path, writer& out) {
  xml_source src;
  load_xml(opf_xml, src);
  const pugi::xml_node root = src.doc.document_element();
  if (!named(root, "package")) {
    const std::size_t at = src.parsed ? error::no_offset : src.input_offset(static_cast<std::size_t>(src.parsed.offset));
    return error{error_code::corrupt, at,
                 src.parsed ? "the package document has no <package> element"
                            : std::string("the package document is not XML: ") + src.parsed.description()};
  }
  if (!src.parsed) {
    out.warn("malformed_package", std::string("the package document is damaged (") + src.parsed.description() +
                                      "); what was read before the damage is used");
  }
  const std::uint64_t max_entries = out.limits().max_entries;
  const std::string_view base = folder_of(opf_path);
  package pkg;
  pkg.info.version = trimmed(root.attribute("version").value());
  pugi::xml_node metadata;
  pugi::xml_node manifest;
  pugi::xml_node spine;
  pugi::xml_node guide;
  for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
    if (!metadata && named(c, "metadata")) metadata = c;
    else if (!manifest && named(c, "manifest")) manifest = c;
    else if (!spine && named(c, "spine")) spine = c;
    else if (!guide && named(c, "guide")) guide = c;
  }
  if (metadata) read_metadata(metadata, pkg.info, trimmed(root.attribute("unique-identifier").value()));

  std::vector<std::string> fallback_ids;  // resolved to indices once every item is known
  for (pugi::xml_node e = manifest.first_child(); e; e = e.next_sibling()) {
    if (!named(e, "item")) continue;
    if (pkg.manifest.size() >= max_entries) {
      return error{error_code::limit_exceeded, error::no_offset,
                   "the manifest lists more than limits.max_entries (" + std::to_string(max_entries) + ") items"};
    }
    manifest_item item;
    item.id = trimmed(attr(e, "id"));
    item.href = trimmed(attr(e, "href"));
    item.media_type = media_type_of(attr(e, "media-type"));
    fallback_ids.push_back(trimmed(attr(e, "fallback")));
    item.nav = has_token(attr(e, "properties"), "nav");
    if (!resolve_href(base, item.href, item.path)) item.path.clear();
    pkg.manifest.push_back(std::move(item));
  }
  std::unordered_map<std::string_view, std::size_t> by_id;
  by_id.reserve(pkg.manifest.size());
  std::size_t duplicate_ids = 0;
  for (std::size_t i = 0; i < pkg.manifest.size(); ++i) {
    if (pkg.manifest[i].id.empty()) continue;
    if (!by_id.emplace(pkg.manifest[i].id, i).second) ++duplicate_ids;
  }
  for (std::size_t i = 0; i < pkg.manifest.size(); ++i) {
    if (fallback_ids[i].empty()) continue;
    if (const auto it = by_id.find(fallback_ids[i]); it != by_id.end()) pkg.manifest[i].fallback = it->second;
  }
  if (duplicate_ids != 0) {
    out.warn("duplicate_manifest_id", std::to_string(duplicate_ids) + " manifest item(s) repeat an earlier id; the first one is used");
  }

  if (const auto it = by_id.find(trimmed(spine.attribute("toc").value())); it != by_id.end()) pkg.ncx = it->second;
  std::vector<bool> seen(pkg.manifest.size(), false);
  std::uint64_t refs = 0;
  std::size_t unknown = 0;
  std::size_t repeated = 0;
  for (pugi::xml_node e = spine.first_child(); e; e = e.next_sibling()) {
    if (!named(e, "itemref")) continue;
    if (++refs > max_entries) {
      return error{error_code::limit_exceeded, error::no_offset,
                   "the spine lists more than limits.max_entries (" + std::to_string(max_entries) + ") items"};
    }
    const auto it = by_id.find(trimmed(attr(e, "idref")));
    if (it == by_id.end()) {
      ++unknown;
      continue;
    }
    if (seen[it->second]) {
      ++repeated;
      continue;
    }
    seen[it->second] = true;
    pkg.spine.push_back({it->second, !iequals(trimmed(attr(e, "linear")), "no")});
  }
  if (unknown != 0) {
    out.warn("unknown_spine_item", std::to_string(unknown) + " spine entr" + (unknown == 1 ? "y names" : "ies name") +
                                       " no manifest item; skipped");
  }
  if (repeated != 0) {
    out.warn("duplicate_spine_item", std::to_string(repeated) + " spine entr" + (repeated == 1 ? "y repeats" : "ies repeat") +
                                         " an earlier one; each document is read once");
  }

  for (pugi::xml_node e = guide.first_child(); e; e = e.next_sibling()) {
    if (!named(e, "reference")) continue;
    const std::string type = trimmed(attr(e, "type"));
    std::string* page = iequals(type, "cover") ? &pkg.cover_page : iequals(type, "toc") ? &pkg.toc_page : nullptr;
    if (page != nullptr && page->empty() && !resolve_href(base, attr(e, "href"), *page)) page->clear();
  }
  return pkg;
}

}  // namespace quarry::detail::epub
