// META-INF/encryption.xml: which parts of the container are encrypted. Fonts obfuscated with the
// IDPF or Adobe algorithm are harmless to text extraction; any other algorithm on a content
// document means DRM, and that document cannot be read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail::epub {

/// One encrypted part.
struct encrypted_part {
  std::string path;         ///< the entry name
  bool obfuscation = false; ///< font obfuscation (IDPF or Adobe), not real encryption
};

/// The parts listed by encryption.xml's CipherReference URIs (relative to the container's root),
/// at most `max_parts` of them.
[[nodiscard]] std::vector<encrypted_part> read_encryption(std::string_view xml, std::size_t max_parts);

}  // namespace quarry::detail::epub
