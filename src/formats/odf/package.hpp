// An OpenDocument package as the extractor reads it: which kind of document it is, and its
// content, styles and metadata parts rendered to the writer. extract_odf() (odf.cpp) fills a
// package from the ZIP; tests fill one from strings.
#pragma once

#include <string>
#include <string_view>

#include "core/writer.hpp"
#include "formats/odf/body.hpp"

namespace quarry::detail::odf {

/// The kinds of OpenDocument document.
enum class kind : std::uint8_t { unknown, text, spreadsheet, presentation, drawing };

/// The kind a MIME type names ("application/vnd.oasis.opendocument.text", "...-template" and
/// "text-master" too).
[[nodiscard]] kind kind_from_mime(std::string_view mime) noexcept;

/// The kind an office:body's child names (office:text, office:presentation...).
[[nodiscard]] kind kind_from_body(pugi::xml_node office_body) noexcept;

/// The parts of a package, as text. Each is parsed in place, so the strings are modified.
struct package {
  std::string mimetype;  ///< the `mimetype` entry or the manifest's root media type ("" if neither)
  std::string content;   ///< content.xml (or a flat office:document holding everything)
  std::string styles;    ///< styles.xml ("" when missing)
  std::string meta;      ///< meta.xml ("" when missing or already reported)
};

/// Renders a text, presentation or drawing package (spreadsheets are read by the ODS reader).
/// CORRUPT when content.xml has no document body.
[[nodiscard]] status render_package(package& p, writer& out);

/// Renders an office:presentation or office:drawing body: one page per draw:page, titles first,
/// then the other shapes top to bottom and left to right; speaker notes when
/// options::include_notes. Reports slideCount.
[[nodiscard]] status render_presentation(pugi::xml_node body, context& ctx);

}  // namespace quarry::detail::odf
