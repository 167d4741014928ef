// Reading one XML part of a ZIP container for the spreadsheet readers: the CRC check becomes a
// warning, the encoding is normalised to UTF-8 for xml_pull.
#pragma once

#include <string>
#include <string_view>

#include "core/writer.hpp"
#include "core/zip.hpp"

namespace quarry::detail {

/// Reads part `name` into `xml` as UTF-8. A missing part is CORRUPT (the caller decides whether
/// that matters); damaged deflate data is CORRUPT; the inflate limits give LIMIT_EXCEEDED. A CRC
/// mismatch only warns.
[[nodiscard]] status read_xml_part(zip_archive& zip, std::string_view name, std::string& xml, writer& out);

}  // namespace quarry::detail
