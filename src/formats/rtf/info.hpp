// The document information group (\info) as metadata: text fields, dates and counts.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/writer.hpp"
#include "formats/rtf/keywords.hpp"

namespace quarry::detail::rtf {

/// The parts of an \info date: year, month, day, hour, minute, second (0 when absent).
using date_parts = std::array<std::int32_t, 6>;

/// An \info date as ISO 8601 ("2024-10-09T12:43:00"; RTF dates carry no zone); empty when the
/// year, month or day is missing or out of range.
std::string info_date_iso(const date_parts& parts);

/// Reports one \info text field (trimmed; empty fields are not reported) under the names the
/// office formats use: authors and keywords become arrays, \doccomm is "description", the
/// writing program (\*\generator) "application", \operator "lastModifiedBy".
void write_info_text(info_field field, std::string_view text, writer& out);

/// Reports one \info date.
void write_info_date(info_field field, const date_parts& parts, writer& out);

/// Reports one \info count (\nofpages...; \version as the string "revision", as DOCX has it).
void write_info_number(info_number number, std::int32_t count, writer& out);

}  // namespace quarry::detail::rtf
