// Open Packaging Conventions, the layer DOCX, XLSX and PPTX share: relationship parts that link
// one part to another, and the document properties (docProps/core.xml, docProps/app.xml).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"
#include "core/zip.hpp"

namespace quarry::detail::office {

/// One relationship of a part.
struct relationship {
  std::string id;         ///< r:id the part refers to it by
  std::string type;       ///< the type URI, e.g. ".../officeDocument/2006/relationships/image"
  std::string target;     ///< a part name ("word/media/image1.png"), or the URL of an external target
  bool external = false;  ///< TargetMode="External" (hyperlinks)
};

/// `target` resolved against the folder of `base_part` ("word/document.xml" + "../media/a.png" →
/// "media/a.png"); a leading '/' means the package root; "." and ".." are folded and never climb
/// out of the package.
[[nodiscard]] std::string resolve_part(std::string_view base_part, std::string_view target);

/// The relationships of `part` ("" for the package's own, _rels/.rels), from its .rels part next
/// to it. A missing or unreadable .rels part gives an empty list (a warning when it is damaged).
[[nodiscard]] std::vector<relationship> read_relationships(zip_archive& zip, std::string_view part, writer& out);

/// The relationship whose type ends with `type_suffix` (e.g. "/officeDocument"; both the
/// transitional and the strict namespaces end the same way), or nullptr.
[[nodiscard]] const relationship* find_by_type(const std::vector<relationship>& rels, std::string_view type_suffix) noexcept;

/// The relationship with id `id`, or nullptr.
[[nodiscard]] const relationship* find_by_id(const std::vector<relationship>& rels, std::string_view id) noexcept;

/// The main part (the officeDocument relationship of the package), or `fallback` when the package
/// does not say (a warning is given then).
[[nodiscard]] std::string main_document(zip_archive& zip, std::string_view fallback, writer& out);

/// docProps/core.xml and docProps/app.xml into metadata: title, subject, authors, keywords,
/// description, category, lastModifiedBy, revision, createdAt/modifiedAt (ISO 8601), application,
/// company, pageCount, wordCount, characterCount, slideCount. Missing parts give nothing.
void read_document_properties(zip_archive& zip, writer& out);

}  // namespace quarry::detail::office
