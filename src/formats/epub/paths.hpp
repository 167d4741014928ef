// Where an EPUB's references point: hrefs in the package document and URIs in encryption.xml are
// URL references relative to a folder of the archive; this turns them into ZIP entry names.
#pragma once

#include <string>
#include <string_view>

namespace quarry::detail::epub {

/// The folder part of an entry name, with its trailing '/' ("OEBPS/content.opf" → "OEBPS/",
/// "content.opf" → "").
[[nodiscard]] std::string_view folder_of(std::string_view entry) noexcept;

/// Resolves `href` against the folder `base` ("" or ending in '/') into an entry name: the
/// fragment and query are dropped, each segment is percent-decoded (when `decode`), "." and ".."
/// are applied, and a leading '/' starts from the archive's root. False (and `out` empty) when the
/// reference is remote ("http://...", any scheme), empty, or climbs above the root ("../../x").
[[nodiscard]] bool resolve_href(std::string_view base, std::string_view href, std::string& out, bool decode = true);

}  // namespace quarry::detail::epub
