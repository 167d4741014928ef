// Entry points of every format folder. Each is defined in src/formats/<format>/.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/utf8.hpp"
#include "formats/registry.hpp"

namespace quarry::detail {

status extract_text(std::span<const std::byte> bytes, writer& out);
std::unique_ptr<input_stream> open_text_stream(writer& out);
status extract_html(std::span<const std::byte> bytes, writer& out);
/// How extract_html_embedded() reads its document beyond the defaults.
struct html_embedding {
  /// XHTML read as XML (EPUB chapters): self-closing non-void elements are closed ("<a id='p1'/>").
  bool xml_syntax = false;
  /// When set: elements already counted against limits.max_entries, updated on return, so every
  /// document of one result shares the budget.
  std::uint64_t* element_count = nullptr;
};
/// HTML inside another document (an email's text/html part, an EPUB chapter): `bytes` are in the
/// `declared` encoding when the container names one, else detected as for a page of its own; no
/// metadata is written (the container's title and fields stand). Every element the document opens
/// is closed at its end, so several documents continue one content stream.
status extract_html_embedded(std::string_view bytes, std::optional<encoding> declared, writer& out,
                             const html_embedding& how = {});
status extract_markdown(std::span<const std::byte> bytes, writer& out);
status extract_csv(std::span<const std::byte> bytes, writer& out);
std::unique_ptr<input_stream> open_csv_stream(writer& out);
status extract_json(std::span<const std::byte> bytes, writer& out);
status extract_xml(std::span<const std::byte> bytes, writer& out);
status extract_yaml(std::span<const std::byte> bytes, writer& out);
status extract_toml(std::span<const std::byte> bytes, writer& out);
#if QUARRY_WITH_PDF
status extract_pdf(std::span<const std::byte> bytes, writer& out);
#endif
// The office group: one switch per format folder (CMake sets QUARRY_HAS_<FOLDER>).
status extract_docx(std::span<const std::byte> bytes, writer& out);
status extract_xlsx(std::span<const std::byte> bytes, writer& out);
status extract_pptx(std::span<const std::byte> bytes, writer& out);
status extract_odf(std::span<const std::byte> bytes, writer& out);
status extract_epub(std::span<const std::byte> bytes, writer& out);
status extract_rtf(std::span<const std::byte> bytes, writer& out);
status extract_eml(std::span<const std::byte> bytes, writer& out);

}  // namespace quarry::detail
