// OpenDocument metadata (meta.xml, or office:meta in a flat document): title, subject,
// description, keywords, authors, dates as ISO 8601, document statistics and the generator.
// ODT, ODS and ODP share it.
#pragma once

#include <string>
#include <string_view>

#include "core/writer.hpp"
#include "core/zip.hpp"
#include "pugixml.hpp"

namespace quarry::detail::odf {

/// Reports the metadata under an office:meta element: title, subject, description, keywords
/// (array), authors (initial-creator, array), lastModifiedBy (creator), createdAt, modifiedAt,
/// pageCount, wordCount, tableCount, characterCount, imageCount, paragraphCount, application
/// (generator). Unknown and empty fields are skipped.
void report_meta(pugi::xml_node office_meta, writer& out);

/// Reads meta.xml (text `xml`, parsed in place) and reports its metadata; a damaged part is a
/// warning. Fails only when memory runs out.
[[nodiscard]] status read_meta_xml(std::string& xml, writer& out);

/// Reads meta.xml from the archive, if present, and reports its metadata. A missing or damaged
/// part is not an error; LIMIT_EXCEEDED from the archive is. The ODF dispatcher calls this for
/// every kind (spreadsheets included) before the content; calling it again only repeats the
/// same values.
[[nodiscard]] status read_odf_metadata(zip_archive& zip, writer& out);

/// An ODF date-time ("2024-03-01T10:20:30.123456789", a time zone optional) as ISO 8601 without
/// fractions of a second ("2024-03-01T10:20:30"); empty when it is not a date.
[[nodiscard]] std::string odf_date_to_iso(std::string_view date);

}  // namespace quarry::detail::odf
