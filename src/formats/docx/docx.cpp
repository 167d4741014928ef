// DOCX (WordprocessingML): the package's main part found through _rels/.rels, its styles and
// numbering, the body walked into the writer, then the notes it referenced, and — when asked — its
// headers and footers and its comments. Document properties come from docProps.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/zip.hpp"
#include "formats/docx/numbering.hpp"
#include "formats/docx/styles.hpp"
#include "formats/docx/walker.hpp"
#include "formats/docx/xml_part.hpp"
#include "formats/extractors.hpp"
#include "formats/office/opc.hpp"

namespace quarry::detail {

namespace {

using docx::xml_part;

// Reads and parses one part. A missing or unreadable optional part is skipped (with a warning
// when it exists but is damaged); a limit reached while inflating is returned as is.
status read_part(zip_archive& zip, std::string_view name, xml_part& part, writer& out, bool required) {
  const zip_entry* entry = name.empty() ? nullptr : zip.find(name);
  if (!entry) {
    if (required) return error{error_code::corrupt, error::no_offset, "DOCX main part " + std::string(name) + " is missing"};
    return std::monostate{};
  }
  std::string data;
  bool crc_ok = true;
  if (status st = zip.read(*entry, data, &crc_ok); !st.ok()) {
    if (required || st.err().code == error_code::limit_exceeded) return st;
    out.warn("part_unreadable", std::string(name) + ": " + st.err().detail);
    return std::monostate{};
  }
  if (!crc_ok) out.warn("crc_mismatch", std::string(name) + ": CRC-32 mismatch (the data was kept)");
  if (!docx::load_part(std::move(data), name, part, out) && required) {
    return error{error_code::corrupt, error::no_offset, "DOCX main part " + std::string(name) + " is not XML"};
  }
  return std::monostate{};
}

// The r:id lookups of a part.
docx::link_index make_links(const std::vector<office::relationship>& rels) {
  docx::link_index links;
  for (const office::relationship& r : rels) links.add(r.id, r.target);
  links.sort();
  return links;
}

// The part a relationship of the given type points to ("" when none).
std::string part_of_type(const std::vector<office::relationship>& rels, std::string_view type_suffix) {
  const office::relationship* r = office::find_by_type(rels, type_suffix);
  return r && !r->external ? r->target : std::string();
}

// A notes part (footnotes.xml or endnotes.xml): its notes by w:id, and its own relationships.
struct notes_part {
  xml_part xml;
  std::vector<std::pair<std::string_view, pugi::xml_node>> by_id;  // sorted
  docx::link_index links;
  bool read = false;

  status load(zip_archive& zip, const std::vector<office::relationship>& main_rels, std::string_view type,
              writer& out) {
    read = true;
    const std::string name = part_of_type(main_rels, type);
    if (name.empty()) return std::monostate{};
    if (status st = read_part(zip, name, xml, out, false); !st.ok()) return st;
    for (pugi::xml_node n = xml.root().first_child(); n; n = n.next_sibling()) {
      if (n.type() == pugi::node_element) by_id.emplace_back(docx::attr_value(n, "id"), n);
    }
    std::stable_sort(by_id.begin(), by_id.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    links = make_links(office::read_relationships(zip, name, out));
    return std::monostate{};
  }

  [[nodiscard]] pugi::xml_node find(std::string_view id) const {
    auto it = std::lower_bound(by_id.begin(), by_id.end(), id, [](const auto& e, std::string_view k) { return e.first < k; });
    return it != by_id.end() && it->first == id ? it->second : pugi::xml_node();
  }
};

}  // namespace

status extract_docx(std::span<const std::byte> bytes, writer& out) {
  auto opened = zip_archive::open(bytes, out.limits());
  if (!opened.ok()) return std::move(opened).err();
  zip_archive& zip = opened.value();

  const std::string main = office::main_document(zip, "word/document.xml", out);
  const std::vector<office::relationship> main_rels = office::read_relationships(zip, main, out);
  office::read_document_properties(zip, out);

  xml_part document;
  if (status st = read_part(zip, main, document, out, true); !st.ok()) return st;
  const pugi::xml_node body = docx::child(document.root(), "body");
  if (!body) return error{error_code::corrupt, error::no_offset, "DOCX main part " + main + " has no w:body"};

  docx::style_table styles;
  docx::numbering_table numbering;
  {
    xml_part part;
    if (status st = read_part(zip, part_of_type(main_rels, "/styles"), part, out, false); !st.ok()) return st;
    styles.load(part.root());
  }
  {
    xml_part part;
    if (status st = read_part(zip, part_of_type(main_rels, "/numbering"), part, out, false); !st.ok()) return st;
    numbering.load(part.root());
  }

  docx::walker walk(out, styles, numbering);
  const docx::link_index links = make_links(main_rels);
  if (status st = walk.walk(body, links, docx::part_role::body); !st.ok()) return st;
  walk.close_blocks();

  // Footnotes and endnotes, in order of first reference (a note may reference another).
  notes_part footnotes;
  notes_part endnotes;
  for (std::size_t i = 0; i < walk.notes().size() && !out.stopped(); ++i) {
    const docx::note_ref ref = walk.notes()[i];
    notes_part& part = ref.endnote ? endnotes : footnotes;
    if (!part.read) {
      if (status st = part.load(zip, main_rels, ref.endnote ? "/endnotes" : "/footnotes", out); !st.ok()) return st;
    }
    const pugi::xml_node note = part.find(ref.id);
    if (!note) continue;
    const std::string number = std::to_string(ref.number);
    const std::string label = out.markdown() ? "[^" + number + "]: " : "[" + number + "] ";
    if (status st = walk.walk(note, part.links, docx::part_role::note, label); !st.ok()) return st;
  }

  if (out.opts().include_headers_footers) {
    for (const auto* ids : {&walk.header_ids(), &walk.footer_ids()}) {
      for (const std::string& id : *ids) {
        if (out.stopped()) break;
        const office::relationship* rel = office::find_by_id(main_rels, id);
        if (!rel || rel->external) continue;
        xml_part part;
        if (status st = read_part(zip, rel->target, part, out, false); !st.ok()) return st;
        if (!part.loaded) continue;
        const docx::link_index part_links = make_links(office::read_relationships(zip, rel->target, out));
        walk.close_blocks();
        if (status st = walk.walk(part.root(), part_links, docx::part_role::header_footer); !st.ok()) return st;
        walk.close_blocks();
      }
    }
  }

  if (out.opts().include_comments) {
    const std::string name = part_of_type(main_rels, "/comments");
    xml_part part;
    if (status st = read_part(zip, name, part, out, false); !st.ok()) return st;
    if (part.loaded) {
      const docx::link_index part_links = make_links(office::read_relationships(zip, name, out));
      for (pugi::xml_node c = part.root().first_child(); c && !out.stopped(); c = c.next_sibling()) {
        if (c.type() != pugi::node_element || docx::local_name(c.name()) != "comment") continue;
        const std::string_view author = docx::attr_value(c, "author");
        std::string label = "Comment";
        if (!author.empty()) {
          label += " by ";
          label += author;
        }
        label += ": ";
        if (status st = walk.walk(c, part_links, docx::part_role::comment, label); !st.ok()) return st;
      }
    }
  }

  walk.close_blocks();
  if (out.opts().pages) out.end_page(walk.pages_ended() + 1);
  return std::monostate{};
}

}  // namespace quarry::detail
