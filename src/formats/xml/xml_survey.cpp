#include "formats/xml/xml_survey.hpp"

#include <algorithm>
#include <cstring>

#include "formats/xml/xml_nodes.hpp"

namespace quarry::detail {

namespace {

constexpr std::size_t max_namespaces = 32;

bool names_document_vocabulary(pugi::xml_node root) {
  static constexpr std::string_view uris[] = {
      "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml", "http://www.tei-c.org/ns/1.0",
      "http://docbook.org/ns/docbook", "http://www.gribuser.ru/xml/fictionbook/2.0"};
  static constexpr std::string_view roots[] = {"svg",   "html",    "TEI",     "TEI.2",   "book",
                                               "article", "chapter", "topic", "concept", "task",
                                               "reference", "FictionBook"};
  const std::string_view name = local_name(root.name());
  for (const auto r : roots) {
    if (name == r) return true;
  }
  for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view an = a.name();
    if (an != "xmlns") continue;
    for (const auto u : uris) {
      if (u == a.value()) return true;
    }
  }
  return false;
}

xml_feed feed_kind(pugi::xml_node root) {
  const std::string_view name = local_name(root.name());
  if (name == "rss") return xml_feed::rss;
  if (name == "feed") {
    for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
      if (std::string_view(a.value()) == "http://www.w3.org/2005/Atom") return xml_feed::atom;
    }
    return root.child("entry") || root.child("title") ? xml_feed::atom : xml_feed::none;
  }
  if (name == "RDF" && root.child("channel")) return xml_feed::rdf;
  return xml_feed::none;
}

}  // namespace

result<xml_survey> survey_xml(const xml_source& src, const limits& lim) {
  xml_survey s;
  s.well_formed = src.parsed.status == pugi::status_ok;
  const pugi::xml_document& doc = src.doc;
  auto fail = [&](error_code code, pugi::xml_node at, std::string why) -> error {
    // offset_debug() is where the element's name starts; its '<' is one byte before.
    const ptrdiff_t off = at.offset_debug();
    return error{code, off <= 0 ? error::no_offset : src.input_offset(static_cast<std::size_t>(off - 1)), std::move(why)};
  };
  // Pre-order walk by parent links: no stack, whatever the depth.
  std::size_t depth = 0;
  pugi::xml_node n = doc.first_child();
  while (n) {
    const pugi::xml_node_type t = n.type();
    if (t == pugi::node_element) {
      if (!s.root) s.root = n;
      ++depth;
      if (depth > lim.max_depth) {
        return fail(error_code::limit_exceeded, n,
                    "elements nested deeper than limits.max_depth (" + std::to_string(lim.max_depth) + ")");
      }
      s.max_depth = std::max(s.max_depth, depth);
      if (++s.elements > lim.max_entries) {
        return fail(error_code::limit_exceeded, n,
                    "more than limits.max_entries (" + std::to_string(lim.max_entries) + ") elements");
      }
      for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        ++s.attributes;
        const std::string_view an = a.name();
        if ((an == "xmlns" || an.starts_with("xmlns:")) && s.namespaces.size() < max_namespaces &&
            std::find(s.namespaces.begin(), s.namespaces.end(), a.value()) == s.namespaces.end()) {
          s.namespaces.emplace_back(a.value());
        }
      }
    } else if (is_text_node(n)) {
      const std::string_view v = n.value();
      if (!is_xml_space(v)) {
        s.text_bytes += v.size();
        // Mixed content: this text has an element sibling.
        const pugi::xml_node parent = n.parent();
        if (parent.type() == pugi::node_element) {
          bool element_sibling = false;
          for (pugi::xml_node c = n.previous_sibling(); c && !element_sibling; c = c.previous_sibling()) {
            element_sibling = c.type() == pugi::node_element;
            if (is_text_node(c) && !is_xml_space(c.value())) break;  // that text already looked
          }
          for (pugi::xml_node c = n.next_sibling(); c && !element_sibling; c = c.next_sibling()) {
            element_sibling = c.type() == pugi::node_element;
            if (is_text_node(c) && !is_xml_space(c.value())) break;
          }
          if (element_sibling) s.mixed_text_bytes += v.size();
        }
      }
    } else if (t == pugi::node_doctype) {
      s.entity_declarations = s.entity_declarations || std::strstr(n.value(), "<!ENTITY") != nullptr;
    }
    // Next in document order.
    if (t == pugi::node_element && n.first_child()) {
      n = n.first_child();
      continue;
    }
    if (t == pugi::node_element) --depth;  // an element without children ends here
    while (n && !n.next_sibling()) {
      n = n.parent();
      if (n.type() == pugi::node_element) --depth;
    }
    if (n) n = n.next_sibling();
  }
  if (s.root) {
    s.feed = feed_kind(s.root);
    s.prose = names_document_vocabulary(s.root) || (s.text_bytes > 0 && s.mixed_text_bytes * 3 >= s.text_bytes);
  }
  return s;
}

}  // namespace quarry::detail
