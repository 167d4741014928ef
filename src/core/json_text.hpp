// Writing JSON string literals.
#pragma once

#include <string>
#include <string_view>

namespace quarry::detail {

/// Appends `s` as a quoted JSON string; invalid UTF-8 becomes U+FFFD so the output is always valid.
void append_json_string(std::string_view s, std::string& out);

}  // namespace quarry::detail
