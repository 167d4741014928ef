// One XML part of a DOCX package, parsed once with pugixml, and the small helpers every reader of
// WordprocessingML needs: element and attribute names compared by local name (transitional and
// Strict OOXML use different namespaces under the same local names), ST_OnOff toggles and numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/writer.hpp"
#include "pugixml.hpp"

namespace quarry::detail::docx {

/// A parsed part. The DOM points into `text`, so a part never moves once loaded.
struct xml_part {
  xml_part() = default;
  xml_part(const xml_part&) = delete;
  xml_part& operator=(const xml_part&) = delete;
  xml_part(xml_part&&) = delete;
  xml_part& operator=(xml_part&&) = delete;
  ~xml_part() = default;

  std::string text;          ///< the part as UTF-8, parsed in place
  pugi::xml_document doc;
  bool loaded = false;       ///< parsed well enough to walk (possibly only a prefix, with a warning)

  /// The document element (an empty node when nothing loaded).
  [[nodiscard]] pugi::xml_node root() const { return loaded ? doc.document_element() : pugi::xml_node(); }
};

/// Parses `bytes` (the inflated part, taken over) into `part`. UTF-16 parts are converted and
/// invalid UTF-8 is replaced (with a warning). A part pugixml cannot parse to the end keeps what
/// it read before the error, with a warning naming `name`; false when nothing usable remains.
bool load_part(std::string bytes, std::string_view name, xml_part& part, writer& out);

/// The parse options: pugixml's defaults (escapes, end-of-line normalisation) plus whitespace-only
/// text when it is an element's only child, which keeps `<w:t xml:space="preserve"> </w:t>`
/// without turning the indentation of pretty-printed parts into text nodes.
inline constexpr unsigned int part_parse_options = pugi::parse_default | pugi::parse_ws_pcdata_single;

/// The name after the namespace prefix ("w:p" -> "p").
[[nodiscard]] std::string_view local_name(const char* qualified) noexcept;

/// The first attribute of `n` whose local name is `name` (an empty attribute when none).
[[nodiscard]] pugi::xml_attribute attr(pugi::xml_node n, std::string_view name) noexcept;

/// The value of that attribute ("" when absent).
[[nodiscard]] std::string_view attr_value(pugi::xml_node n, std::string_view name) noexcept;

/// The first element child of `n` whose local name is `name`.
[[nodiscard]] pugi::xml_node child(pugi::xml_node n, std::string_view name) noexcept;

/// An ST_OnOff property such as `<w:b/>` or `<w:b w:val="false"/>`: -1 when absent, else 0 or 1.
[[nodiscard]] int on_off(pugi::xml_node props, std::string_view name) noexcept;

/// A decimal integer ("12", "-3"); `fallback` for anything else, including overflow.
[[nodiscard]] std::int64_t parse_int(std::string_view s, std::int64_t fallback) noexcept;

/// ASCII case-insensitive equality.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace quarry::detail::docx
