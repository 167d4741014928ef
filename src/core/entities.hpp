// Character references shared by the HTML tokenizer, Markdown entities and XML.
#pragma once

#include <cstddef>
#include <string_view>

namespace quarry::detail {

/// The longest WHATWG named character reference at the start of `s` (which begins just after the
/// '&'): returns the number of bytes matched (0 if none) and the one or two code points it stands
/// for (`second` is 0 for one). Names without the trailing ';' are the legacy ones.
std::size_t match_named_reference(std::string_view s, char32_t& first, char32_t& second) noexcept;

/// The code point a numeric character reference resolves to under the WHATWG rules: NUL,
/// surrogates and values past U+10FFFF become U+FFFD; C1 controls 0x80–0x9F map as Windows-1252.
char32_t numeric_reference_value(unsigned long long code) noexcept;

}  // namespace quarry::detail
