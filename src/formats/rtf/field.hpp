// Field instructions (\fldinst): the target of a HYPERLINK field.
#pragma once

#include <string>
#include <string_view>

namespace quarry::detail::rtf {

/// The link target of a field instruction such as `HYPERLINK "https://example.com" \o "tip"`;
/// empty when the field is not a hyperlink, or links only to a bookmark inside the document
/// (`HYPERLINK \l "_Toc1"`: the output has no such anchor, so the text stays plain).
std::string hyperlink_target(std::string_view instruction);

}  // namespace quarry::detail::rtf
