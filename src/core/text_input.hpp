// Whole-document text input for the extractors that parse all of it at once (Markdown, YAML,
// TOML): the bytes as UTF-8, with the same BOM, UTF-16 and repair rules for each of them.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/writer.hpp"

namespace quarry::detail {

/// Sets `text` to the document as UTF-8: a UTF-16 BOM converts (into `storage`), a UTF-8 BOM is
/// skipped, invalid sequences become U+FFFD (into `storage`, one warning). Bytes that are plainly
/// binary (many control characters) are CORRUPT: "binary data, not <format_name> text".
status decode_text_input(std::span<const std::byte> bytes, std::string_view format_name, std::string& storage,
                         std::string_view& text, writer& out);

}  // namespace quarry::detail
