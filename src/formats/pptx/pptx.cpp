// PowerPoint (PPTX, PPTM, POTX): slides in presentation order (p:sldIdLst through the
// presentation's relationships), one page each; speaker notes and comments when asked for.
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/zip.hpp"
#include "formats/extractors.hpp"
#include "formats/office/opc.hpp"
#include "formats/office/xml_part.hpp"
#include "formats/pptx/layouts.hpp"
#include "formats/pptx/slide.hpp"

namespace quarry::detail {

namespace {

using office::relationship;

// A part read and parsed: the DOM points into `text`.
struct loaded_part {
  std::string text;
  pugi::xml_document doc;
};

result<bool> load_part(zip_archive& zip, std::string_view name, loaded_part& part, writer& out) {
  return read_xml_part(zip, name, part.text, part.doc, out);
}

// Charts and diagrams are read through this.
class zip_parts final : public pptx::part_reader {
 public:
  zip_parts(zip_archive& zip, writer& out) : zip_(zip), out_(out) {}
  result<bool> read(std::string_view part, std::string& text, pugi::xml_document& doc) override {
    return read_xml_part(zip_, part, text, doc, out_);
  }

 private:
  zip_archive& zip_;
  writer& out_;
};

// Comment authors by id: the legacy list (ppt/commentAuthors.xml, numeric ids) and the modern one
// (ppt/authors.xml, GUIDs), read when the first slide with comments needs them.
class comment_authors {
 public:
  status load(zip_archive& zip, const std::vector<relationship>& presentation_rels, writer& out) {
    if (loaded_) return std::monostate{};
    loaded_ = true;
    for (const relationship& r : presentation_rels) {
      if (r.external || !(r.type.ends_with("/commentAuthors") || r.type.ends_with("/authors"))) continue;
      loaded_part part;
      result<bool> ok = load_part(zip, r.target, part, out);
      if (!ok.ok()) return std::move(ok).err();
      if (!ok.value()) continue;
      for (pugi::xml_node a = part.doc.document_element().first_child(); a; a = a.next_sibling()) {
        const std::string_view name = attribute_named(a, "name").value();
        if (!name.empty()) names_.emplace(attribute_named(a, "id").value(), name);
      }
    }
    return std::monostate{};
  }
  [[nodiscard]] std::string_view name(std::string_view id) const {
    const auto it = names_.find(std::string(id));
    return it == names_.end() ? std::string_view{} : std::string_view(it->second);
  }

 private:
  bool loaded_ = false;
  std::unordered_map<std::string, std::string> names_;
};

void write_comment(std::string_view author, std::string_view text, writer& out) {
  if (text.empty()) return;
  out.paragraph();
  out.text_collapsed(author.empty() ? std::string("Comment:") : "Comment by " + std::string(author) + ":");
  out.space();
  out.text_collapsed(text);
}

// The comments of a slide, legacy (p:cmLst/p:cm/p:text) and modern (p188:cmLst/p188:cm with a
// text body and replies), after its text.
status render_comments(zip_archive& zip, const std::vector<relationship>& slide_rels,
                       const std::vector<relationship>& presentation_rels, comment_authors& authors, writer& out) {
  for (const relationship& r : slide_rels) {
    if (r.external || !r.type.ends_with("/comments")) continue;
    if (status st = authors.load(zip, presentation_rels, out); !st.ok()) return st;
    loaded_part part;
    result<bool> ok = load_part(zip, r.target, part, out);
    if (!ok.ok()) return std::move(ok).err();
    if (!ok.value()) continue;
    std::string text;
    for (pugi::xml_node cm = part.doc.document_element().first_child(); cm; cm = cm.next_sibling()) {
      if (local_name(cm) != "cm") continue;
      const std::string_view author = authors.name(attribute_named(cm, "authorId").value());
      if (const pugi::xml_node legacy = child_named(cm, "text")) {
        write_comment(author, legacy.child_value(), out);
        continue;
      }
      text.clear();
      pptx::text_body_string(child_named(cm, "txBody"), text);
      write_comment(author, text, out);
      for (pugi::xml_node reply = child_named(child_named(cm, "replyLst"), "reply"); reply; reply = reply.next_sibling()) {
        text.clear();
        pptx::text_body_string(child_named(reply, "txBody"), text);
        write_comment(authors.name(attribute_named(reply, "authorId").value()), text, out);
      }
    }
  }
  return std::monostate{};
}

// The slide parts in presentation order: p:sldIdLst's r:ids through the relationships.
std::vector<std::string> slide_parts(pugi::xml_node presentation, const std::vector<relationship>& rels, writer& out) {
  std::vector<std::string> parts;
  const pptx::rel_index index(rels);
  const pugi::xml_node list = child_named(presentation, "sldIdLst");
  for (pugi::xml_node id = list.first_child(); id; id = id.next_sibling()) {
    if (local_name(id) != "sldId") continue;
    const std::string_view rid = prefixed_attribute(id, "id").value();
    const relationship* r = index.find(rid);
    if (!r || r->external) {
      out.warn("missing_part", "slide relationship '" + std::string(rid) + "' is missing; that slide was skipped");
      continue;
    }
    parts.push_back(r->target);
  }
  if (!list) {
    // No list of slides: the slide relationships, in the order they are written.
    for (const relationship& r : rels) {
      if (!r.external && r.type.ends_with("/slide")) parts.push_back(r.target);
    }
  }
  return parts;
}

}  // namespace

status extract_pptx(std::span<const std::byte> bytes, writer& out) {
  auto opened = zip_archive::open(bytes, out.limits());
  if (!opened.ok()) return std::move(opened).err();
  zip_archive& zip = opened.value();

  const std::string main = office::main_document(zip, "ppt/presentation.xml", out);
  loaded_part presentation;
  if (!zip.find(main)) return error{error_code::corrupt, error::no_offset, "the package has no presentation part (" + main + ")"};
  result<bool> loaded = load_part(zip, main, presentation, out);
  if (!loaded.ok()) return std::move(loaded).err();
  if (!loaded.value()) return error{error_code::corrupt, error::no_offset, "the presentation part " + main + " cannot be read"};

  office::read_document_properties(zip, out);
  const std::vector<relationship> rels = office::read_relationships(zip, main, out);
  const std::vector<std::string> slides = slide_parts(presentation.doc.document_element(), rels, out);
  if (slides.size() > out.limits().max_entries) {
    return error{error_code::limit_exceeded, error::no_offset, "more slides than limits.max_entries"};
  }

  pptx::layout_cache layouts(zip, out);
  zip_parts parts(zip, out);
  comment_authors authors;
  std::uint64_t entries = 0;
  value hidden = value::array();
  std::uint32_t number = 0;
  for (const std::string& part_name : slides) {
    if (out.stopped()) break;
    ++number;
    loaded_part slide;
    result<bool> ok = load_part(zip, part_name, slide, out);
    if (!ok.ok()) return std::move(ok).err();
    if (ok.value()) {
      const pugi::xml_node root = slide.doc.document_element();
      // Hidden slides are kept (their text is part of the deck) and listed in the metadata.
      if (std::string_view(attribute_named(root, "show").value()) == "0") hidden.push_back(value(number));
      const std::vector<relationship> slide_rels = office::read_relationships(zip, part_name, out);
      result<const pptx::layout*> lay = layouts.of_slide(slide_rels);
      if (!lay.ok()) return std::move(lay).err();
      const pptx::rel_index slide_index(slide_rels);
      pptx::slide_refs refs{&slide_index, lay.value(), &entries, &parts, number};
      if (status st = pptx::render_slide(root, refs, out); !st.ok()) return st;

      if (out.opts().include_notes) {
        if (const relationship* n = office::find_by_type(slide_rels, "/notesSlide")) {
          loaded_part notes;
          result<bool> nok = load_part(zip, n->target, notes, out);
          if (!nok.ok()) return std::move(nok).err();
          if (nok.value()) {
            const std::vector<relationship> notes_rels = office::read_relationships(zip, n->target, out);
            const pptx::rel_index notes_index(notes_rels);
            pptx::slide_refs nrefs{&notes_index, nullptr, &entries};
            bool wrote = false;
            if (status st = pptx::render_notes_page(notes.doc.document_element(), nrefs, out, wrote); !st.ok()) return st;
          }
        }
      }
      if (out.opts().include_comments) {
        if (status st = render_comments(zip, slide_rels, rels, authors, out); !st.ok()) return st;
      }
    }
    out.end_page(number);
  }
  out.metadata("slideCount", value(slides.size()));
  if (hidden.size() > 0) out.metadata("hiddenSlides", std::move(hidden));
  return std::monostate{};
}

}  // namespace quarry::detail
