// Format detection: magic bytes and content heuristics first, then names.
#pragma once

#include <span>
#include <string_view>

#include "quarry/quarry.hpp"

namespace quarry::detail {

/// The known format whose MIME type, extension or file name `hint` names ("text/html",
/// "text/html; charset=utf-8", "html", ".html", "page.html"), or nullptr.
const format_info* format_from_hint(std::string_view hint) noexcept;

/// The format the bytes themselves show, or nullptr when they do not tell. `strong` is set when
/// the evidence is a signature (PDF, ZIP container, RTF...) that no other format can have.
const format_info* format_from_bytes(std::span<const std::byte> bytes, bool& strong) noexcept;

/// Decides the format for an extraction: a hint is trusted unless the bytes carry another
/// format's signature; without a usable hint the bytes decide; text that shows nothing is plain text.
const format_info* resolve_format(std::span<const std::byte> bytes, std::string_view hint) noexcept;

/// ASCII case-insensitive comparison.
bool iequals_ascii(std::string_view a, std::string_view b) noexcept;

}  // namespace quarry::detail
