// Loading XML bytes into a pugixml DOM: choosing the encoding (pugixml's own detection is kept
// only for UTF-32), converting to UTF-8, and mapping pugixml's offsets back to the input's bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/utf8.hpp"
#include "pugixml.hpp"

namespace quarry::detail {

/// A loaded document. pugixml never reads files or URLs: external entities and DTDs are not
/// fetched, and entities declared in a DOCTYPE are not expanded (their references stay in the
/// text as written), so a billion-laughs file costs its own size and nothing more.
struct xml_source {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed;
  std::string buffer;            ///< the converted text, when the input was not UTF-8
  std::string_view encoding_name = "utf-8";  ///< the input's encoding
  std::string declared;          ///< the declaration's encoding label, if any
  bool guessed = false;          ///< the encoding was a fallback (undeclared and not UTF-8, or unknown label)

  /// The input byte offset of offset `in_parsed` of the text pugixml parsed.
  [[nodiscard]] std::size_t input_offset(std::size_t in_parsed) const noexcept;

 private:
  friend void load_xml(std::string_view input, xml_source& out);
  std::string_view input_;
  encoding converted_from_ = encoding::utf8;
  std::size_t skipped_ = 0;      // BOM bytes not given to the parser
  bool converted_ = false;
};

/// The encoding label of an XML declaration at the start of `s` ("" when there is none).
[[nodiscard]] std::string_view xml_declared_encoding(std::string_view s);

/// The parse options: pugixml's defaults plus whitespace-only text (the space between two inline
/// elements of mixed content is a word boundary) and the DOCTYPE (to notice entity declarations).
inline constexpr unsigned int xml_parse_options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype;

/// Decodes and parses `input` into `out` (which must stay where it is: the DOM may point into
/// out.buffer). The parse status is in out.parsed; nothing else fails.
void load_xml(std::string_view input, xml_source& out);

}  // namespace quarry::detail
