// The package document (OPF) of an EPUB 2 or 3, and the container.xml that points at it: the
// manifest (what the book is made of), the spine (reading order) and the Dublin Core metadata.
// Everything is read from the XML text, so it is testable without an archive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"

namespace quarry::detail::epub {

/// One manifest item.
struct manifest_item {
  std::string id;
  std::string href;        ///< as written (percent-encoded)
  std::string path;        ///< the entry name it resolves to; empty when remote or outside the archive
  std::string media_type;  ///< lower case, parameters dropped
  std::size_t fallback = SIZE_MAX;  ///< the item to use when this one cannot be read (index), if any
  bool nav = false;        ///< EPUB 3 navigation document (properties="nav")
};

/// One spine entry: a manifest item in reading order.
struct spine_ref {
  std::size_t item = 0;  ///< index into package::manifest
  bool linear = true;    ///< false for linear="no" (auxiliary content: notes, answers, cover)
};

/// A dc:creator or dc:contributor.
struct person {
  std::string name;
  std::string role;  ///< MARC relator code ("aut", "edt", "trl"...), from opf:role or a refining meta
  std::string id;
};

/// A dc:date with its EPUB 2 opf:event ("publication", "creation", "modification" or empty).
struct dated {
  std::string text;
  std::string event;
};

/// The metadata element, as written (whitespace collapsed; dates are not normalised yet).
struct book_info {
  std::string version;  ///< the package's version attribute ("2.0", "3.0")
  std::string title;    ///< the first dc:title, or the one an EPUB 3 meta calls title-type "main"
  std::vector<person> creators, contributors;
  std::string language, identifier, publisher, description, rights, generator;
  std::vector<dated> dates;
  std::vector<std::string> subjects;
  std::string modified;  ///< EPUB 3 meta property="dcterms:modified"
};

/// What the package document says.
struct package {
  std::vector<manifest_item> manifest;
  std::vector<spine_ref> spine;
  std::string cover_page;  ///< the entry name of the guide's cover page, if any
  std::string toc_page;    ///< the entry name of the guide's table of contents (EPUB 2), if any
  std::size_t ncx = SIZE_MAX;  ///< the spine's toc item (EPUB 2 NCX), if any
  book_info info;
};

/// The OPF's entry name from container.xml's first rootfile (preferring media-type
/// application/oebps-package+xml); empty when there is none.
[[nodiscard]] std::string rootfile_path(std::string_view container_xml);

/// Reads the package document at entry `opf_path` from its XML text. Damaged parts (duplicate
/// ids, unknown idrefs, hrefs leaving the archive) are warnings on `out`. CORRUPT when the text is
/// not a package document; LIMIT_EXCEEDED when the manifest or spine has more than
/// limits.max_entries entries.
[[nodiscard]] result<package> read_package(std::string_view opf_xml, std::string_view opf_path, writer& out);

}  // namespace quarry::detail::epub
