// YAML front matter of Markdown documents (Jekyll, Hugo, Pandoc, MkDocs...): a first line "---",
// YAML, and a closing "---" or "..." line. It becomes metadata, not content.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/writer.hpp"

namespace quarry::detail {

/// The YAML between the fences and the size of the whole block, fences included (0: none).
struct front_matter {
  std::string_view yaml;
  std::size_t size = 0;
};

/// Finds front matter at the very start of `text` (a UTF-8 BOM before it is allowed).
[[nodiscard]] front_matter find_front_matter(std::string_view text) noexcept;

/// Reads front matter YAML and reports it as metadata: well-known keys under the project's names
/// (title; author/authors -> authors, an array; date -> createdAt, "date" kept too; tags/keywords
/// -> keywords, an array; description; lang/language -> language), every other key as written.
/// Returns false, reporting nothing, when the YAML is not a mapping: then the block was a
/// thematic break and text, not front matter.
bool report_front_matter(std::string_view yaml, writer& out);

}  // namespace quarry::detail
