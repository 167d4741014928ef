// OpenDocument spreadsheets (ODS): the sheets of content.xml, each under its name as a heading,
// its cells as one table (the display text LibreOffice writes in text:p, or the typed value when
// there is none), one page per sheet. Called by the ODF extractor (src/formats/odf/) once the
// package's mimetype says it is a spreadsheet; the package metadata (meta.xml) is read there.
#pragma once

#include <string_view>

#include "core/writer.hpp"
#include "core/zip.hpp"

namespace quarry::detail {

/// Reads content.xml of an ODS package into `out`: sheets (hidden ones kept and listed in
/// `hiddenSheets`), sheetCount and sheetNames metadata, and cell comments (office:annotation)
/// behind options::include_comments.
///
/// Repeated rows and columns (table:number-rows-repeated...) cost nothing when empty, so the
/// million trailing empty rows LibreOffice writes are free. Rows with text count against
/// limits.max_entries, and so does every cell a repetition makes (LIMIT_EXCEEDED past it), which
/// bounds what a small part can expand to. CORRUPT when content.xml is missing.
[[nodiscard]] status extract_ods_content(zip_archive& zip, writer& out);

/// The same for the text of a content.xml (or of a flat .fods document's office:document).
[[nodiscard]] status read_ods_content(std::string_view xml, writer& out);

}  // namespace quarry::detail
