// Loading the XML parts of office containers (OOXML and OpenDocument) into pugixml DOMs, and the
// small name helpers their walkers share. Parts are parsed in place: no second copy of the text.
#pragma once

#include <string>
#include <string_view>

#include "core/writer.hpp"
#include "core/zip.hpp"
#include "pugixml.hpp"

namespace quarry::detail {

/// pugixml's defaults plus whitespace-only text nodes: `<a:t> </a:t>` and the space between two
/// `<text:span>`s are word boundaries. pugixml never expands DTD entities (a billion-laughs part
/// costs its own size) and never fetches anything.
inline constexpr unsigned int office_xml_options = pugi::parse_default | pugi::parse_ws_pcdata;

/// Parses `text`, the content of the part `name`, into `doc`. The DOM points into `text`, which must
/// stay alive and unmoved while `doc` is used. UTF-16 parts are converted and invalid UTF-8 is
/// replaced by U+FFFD first (a warning says so); a malformed part keeps the elements read before
/// the fault, with a "malformed_xml" warning. Fails only when memory runs out; a part with no
/// root element leaves `doc.document_element()` empty, for the caller to judge.
[[nodiscard]] status load_xml_part(std::string& text, pugi::xml_document& doc, writer& out, std::string_view name);

/// Reads the part `name` from the archive and parses it into `doc` (pointing into `text`). false,
/// with a warning, when it is missing, damaged or not XML (a CRC mismatch only warns); errors only
/// for LIMIT_EXCEEDED and OUT_OF_MEMORY, which end the extraction.
[[nodiscard]] result<bool> read_xml_part(zip_archive& zip, std::string_view name, std::string& text,
                                         pugi::xml_document& doc, writer& out);

/// The local part of a qualified name: "a:t" -> "t", "t" -> "t".
[[nodiscard]] inline std::string_view local_name(const char* qualified) noexcept {
  const std::string_view q(qualified);
  const std::size_t colon = q.find(':');
  return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

/// The local name of an element (empty for other node types).
[[nodiscard]] inline std::string_view local_name(pugi::xml_node n) noexcept { return local_name(n.name()); }

/// The first child element whose local name is `name`, whatever its prefix.
[[nodiscard]] pugi::xml_node child_named(pugi::xml_node parent, std::string_view name) noexcept;

/// The first attribute whose local name is `name`, whatever its prefix (ODF's `text:style-name`,
/// `xlink:href`). Where a prefixed and an unprefixed attribute share a local name (PresentationML's
/// `id` and `r:id`), use prefixed_attribute().
[[nodiscard]] pugi::xml_attribute attribute_named(pugi::xml_node n, std::string_view name) noexcept;

/// The first attribute with a prefix and the local name `name` (`r:id`, `r:embed`).
[[nodiscard]] pugi::xml_attribute prefixed_attribute(pugi::xml_node n, std::string_view name) noexcept;

}  // namespace quarry::detail
