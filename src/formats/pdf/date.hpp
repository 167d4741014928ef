// PDF dates (PDF 32000-1 §7.9.4) as ISO 8601.
#pragma once

#include <string>
#include <string_view>

namespace quarry::detail::pdf {

/// Converts a PDF date ("D:YYYYMMDDHHmmSSOHH'mm'", every part after the year optional) to ISO 8601;
/// empty when it is not a date.
std::string pdf_date_to_iso(std::string_view date);

}  // namespace quarry::detail::pdf
