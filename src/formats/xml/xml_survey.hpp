// The first pass over an XML DOM: counts and limits, and what kind of document it is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/xml/xml_load.hpp"
#include "quarry/quarry.hpp"

namespace quarry::detail {

/// Syndication formats, whose title becomes the document's.
enum class xml_feed : std::uint8_t { none, rss, atom, rdf };

/// What the first pass learned.
struct xml_survey {
  pugi::xml_node root;                  ///< the first element (null when there is none)
  std::uint64_t elements = 0;
  std::uint64_t attributes = 0;
  std::size_t max_depth = 0;
  std::vector<std::string> namespaces;  ///< declared namespace URIs, first 32, no duplicates
  std::uint64_t text_bytes = 0;         ///< non-blank text
  std::uint64_t mixed_text_bytes = 0;   ///< of which directly inside elements that also hold elements
  bool entity_declarations = false;     ///< the DOCTYPE declares entities (never expanded)
  bool prose = false;                   ///< render as running text rather than as an outline
  bool well_formed = false;             ///< pugixml parsed the whole document without error
  xml_feed feed = xml_feed::none;
};

/// Walks the whole DOM once (no recursion). LIMIT_EXCEEDED past limits.max_depth nested
/// elements or limits.max_entries elements, with the input offset of the element at fault.
///
/// A document is prose when its root names a document vocabulary (SVG, XHTML, TEI, DocBook, DITA,
/// JATS, FictionBook) or when at least a third of its text sits in mixed content (text beside
/// child elements, as in `<p>a <b>b</b> c</p>`); otherwise it is data (records, configuration,
/// feeds) and reads best as an outline of element names and values.
[[nodiscard]] result<xml_survey> survey_xml(const xml_source& src, const limits& lim);

}  // namespace quarry::detail
