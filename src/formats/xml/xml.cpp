// XML (and SVG, RSS, Atom...): parsed by pugixml into a DOM, surveyed once, then written as an
// outline (data) or as running text (documents); see xml_render.hpp for the rules.
//
// Safety: pugixml's parser is iterative and our walks use parent links or explicit stacks, so
// nesting depth costs no native stack; limits.max_depth and max_entries are checked before any
// output. pugixml never resolves external entities or DTDs (it has no I/O) and never expands
// entities declared in a DOCTYPE: their references stay in the text as written (with a
// warning), so a billion-laughs document is read in linear time and memory. A malformed document
// gives what was parsed before the fault plus a warning, or CORRUPT (with pugixml's description
// and the input offset) when nothing usable was parsed.
#include <string>

#include "formats/extractors.hpp"
#include "formats/xml/xml_load.hpp"
#include "formats/xml/xml_nodes.hpp"
#include "formats/xml/xml_render.hpp"
#include "formats/xml/xml_survey.hpp"

namespace quarry::detail {

namespace {

std::string_view feed_name(xml_feed f) {
  switch (f) {
    case xml_feed::rss: return "rss";
    case xml_feed::atom: return "atom";
    case xml_feed::rdf: return "rss-rdf";
    default: return {};
  }
}

// The document's title: a feed's channel title, an SVG's <title>, a FictionBook's book-title,
// else a <title> directly under the root.
std::string find_title(const xml_survey& s) {
  pugi::xml_node t;
  const std::string_view root = local_name(s.root.name());
  switch (s.feed) {
    case xml_feed::rss:
    case xml_feed::rdf: t = s.root.child("channel").child("title"); break;
    default: break;
  }
  if (!t && root == "FictionBook") t = s.root.child("description").child("title-info").child("book-title");
  if (!t) t = s.root.child("title");
  if (!t) {
    for (pugi::xml_node c = s.root.first_child(); c && !t; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && local_name(c.name()) == "title") t = c;
    }
  }
  std::string title;
  if (t) {
    text_collector c(title);
    collect_all_text(t, c);
  }
  return title;
}

}  // namespace

status extract_xml(std::span<const std::byte> bytes, writer& out) {
  xml_source src;
  load_xml(as_chars(bytes), src);
  const pugi::xml_parse_result& parsed = src.parsed;
  if (parsed.status == pugi::status_out_of_memory) {
    return error{error_code::out_of_memory, error::no_offset, "out of memory while parsing XML"};
  }
  const std::uint64_t fault = src.input_offset(static_cast<std::size_t>(parsed.offset));
  if (parsed.status == pugi::status_no_document_element) {
    return error{error_code::corrupt, fault, "no root element: not an XML document"};
  }

  result<xml_survey> surveyed = survey_xml(src, out.limits());
  if (!surveyed.ok()) return std::move(surveyed).err();
  const xml_survey& s = surveyed.value();
  if (!s.root) {
    return error{error_code::corrupt, fault, std::string("not an XML document: ") + parsed.description()};
  }

  const std::uint64_t before = out.content_bytes();
  const std::size_t replaced = s.prose ? render_xml_prose(s, out) : render_xml_outline(s, out);
  if (!parsed) {
    if (out.content_bytes() == before && !out.stopped()) {
      return error{error_code::corrupt, fault, std::string("malformed XML: ") + parsed.description()};
    }
    out.warn("malformed_xml", std::string(parsed.description()) + " at offset " + std::to_string(fault) +
                                  "; the text before it was extracted");
  }
  if (replaced) {
    out.warn("invalid_utf8", std::to_string(replaced) + " invalid byte sequence(s) replaced by U+FFFD");
  }
  if (src.guessed) {
    out.warn("unsupported_encoding",
             src.declared.empty() ? std::string("the text is not UTF-8 and declares no encoding: read as windows-1252")
                                  : "the declared encoding '" + src.declared + "' is not supported: read as " +
                                        std::string(src.encoding_name));
  }
  if (s.entity_declarations) {
    out.warn("entities_not_expanded", "entities declared in the DOCTYPE are not expanded; their references stay as written");
  }

  out.metadata("rootElement", value(std::string_view(s.root.name())));
  out.metadata("elementCount", value(s.elements));
  out.metadata("attributeCount", value(s.attributes));
  out.metadata("maxDepth", value(s.max_depth));
  out.metadata("encoding", value(src.encoding_name));
  if (!s.namespaces.empty()) {
    value ns = value::array();
    for (const auto& uri : s.namespaces) ns.push_back(value(uri));
    out.metadata("namespaces", std::move(ns));
  }
  if (s.feed != xml_feed::none) out.metadata("feedType", value(feed_name(s.feed)));
  if (std::string title = find_title(s); !title.empty()) out.metadata("title", value(std::move(title)));
  return std::monostate{};
}

}  // namespace quarry::detail
