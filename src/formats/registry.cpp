#include "formats/registry.hpp"

#include <array>

#include "core/catalog.hpp"
#include "formats/extractors.hpp"

namespace quarry::detail {

namespace {

constexpr extractor table[] = {
    {&catalog::text, extract_text, open_text_stream},
    {&catalog::html, extract_html},
    {&catalog::markdown, extract_markdown},
    {&catalog::csv, extract_csv, open_csv_stream},
    {&catalog::json, extract_json},
    {&catalog::xml, extract_xml},
    {&catalog::yaml, extract_yaml},
    {&catalog::toml, extract_toml},
#if QUARRY_WITH_PDF
    {&catalog::pdf, extract_pdf},
#endif
#if QUARRY_HAS_DOCX
    {&catalog::docx, extract_docx},
#endif
#if QUARRY_HAS_XLSX
    {&catalog::xlsx, extract_xlsx},
#endif
#if QUARRY_HAS_PPTX
    {&catalog::pptx, extract_pptx},
#endif
#if QUARRY_HAS_ODF
    {&catalog::odt, extract_odf},
    {&catalog::ods, extract_odf},
    {&catalog::odp, extract_odf},
#endif
#if QUARRY_HAS_EPUB
    {&catalog::epub, extract_epub},
#endif
#if QUARRY_HAS_RTF
    {&catalog::rtf, extract_rtf},
#endif
#if QUARRY_HAS_EML
    {&catalog::eml, extract_eml},
#endif
};

constexpr auto infos = [] {
  std::array<format_info, std::size(table)> out{};
  for (std::size_t i = 0; i < std::size(table); ++i) out[i] = *table[i].info;
  return out;
}();

}  // namespace

std::span<const extractor> registry() noexcept { return table; }

status extract_with_stream(open_stream_fn open, std::span<const std::byte> bytes, writer& out) {
  const std::unique_ptr<input_stream> stream = open(out);
  if (!stream) return error{error_code::out_of_memory, error::no_offset, "cannot start the extraction"};
  if (status st = stream->feed(bytes); !st.ok()) return st;
  return stream->finish();
}

const extractor* find_extractor(const format_info* format) noexcept {
  for (const auto& e : table) {
    if (e.info == format) return &e;
  }
  return nullptr;
}

}  // namespace quarry::detail

namespace quarry {

std::span<const format_info> extractors() noexcept { return detail::infos; }

}  // namespace quarry
