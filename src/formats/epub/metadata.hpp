// The package's Dublin Core metadata as result fields: title, authors, contributors, language,
// identifier, publisher, createdAt/modifiedAt (ISO 8601), description, keywords, rights.
#pragma once

#include <string>
#include <string_view>

#include "core/writer.hpp"
#include "formats/epub/package.hpp"

namespace quarry::detail::epub {

/// An OPF date (W3CDTF: "2019", "2019-06", "2019-06-22", "2019-06-22T15:01:38Z", with offsets,
/// fractions or a space before the time) in ISO 8601: "2019-06-22T15:01:38Z", "2019-06-22",
/// "2019-06", "2019". Empty when unparseable, and for the year 0101 that Calibre writes when the
/// date is unknown.
[[nodiscard]] std::string iso_date(std::string_view d);

/// Writes the fields found in `info` to `out`.
void emit_metadata(const book_info& info, writer& out);

}  // namespace quarry::detail::epub
