// A text/plain body to the writer: charset conversion line by line (no second copy of a large
// body), line ends made "\n", and RFC 3676 format=flowed paragraphs joined again.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/writer.hpp"
#include "formats/eml/charset.hpp"

namespace quarry::detail::eml {

/// How a text/plain body is written.
struct plain_text_format {
  bool flowed = false;  ///< format=flowed: a line ending in a space continues on the next
  bool delsp = false;   ///< delsp=yes: that space is not part of the text
};

/// Writes the transfer-decoded `bytes` (in `choice`'s encoding) as verbatim text; returns the
/// number of invalid sequences replaced by U+FFFD.
std::size_t write_plain_text(std::string_view bytes, const charset_choice& choice, plain_text_format format,
                             writer& out);

}  // namespace quarry::detail::eml
