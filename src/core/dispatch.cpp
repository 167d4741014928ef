#include "core/dispatch.hpp"

#include "core/catalog.hpp"
#include "core/mime.hpp"

namespace quarry::detail {

result<const extractor*> choose_extractor(std::span<const std::byte> bytes, std::string_view mime_hint) {
  const format_info* format = resolve_format(bytes, mime_hint);
  if (format == nullptr) {
    const std::string_view seen = detect_mime(bytes.first(std::min<std::size_t>(bytes.size(), 4096)), mime_hint);
    return error{error_code::unsupported_format, error::no_offset,
                 "no extractor for " + std::string(seen) +
                     (mime_hint.empty() ? std::string() : " (hint: " + std::string(mime_hint) + ")")};
  }
  const extractor* ex = find_extractor(format);
  if (ex == nullptr) {
    return error{error_code::format_not_loaded, error::no_offset,
                 std::string(format->name) + " is not in this build; it is in the '" + std::string(format->group) +
                     "' variant"};
  }
  return ex;
}

std::string_view reported_mime(const format_info& f, std::string_view hint) noexcept {
  if (const std::size_t semi = hint.find(';'); semi != std::string_view::npos) hint = hint.substr(0, semi);
  while (!hint.empty() && (hint.front() == ' ' || hint.front() == '\t')) hint.remove_prefix(1);
  while (!hint.empty() && (hint.back() == ' ' || hint.back() == '\t')) hint.remove_suffix(1);
  for (auto m : f.mime_types) {
    if (iequals_ascii(m, hint)) return m;
  }
  if (&f == &catalog::csv) {
    const std::size_t dot = hint.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? hint : hint.substr(dot + 1);
    if (iequals_ascii(ext, "tsv") || iequals_ascii(ext, "tab")) return f.mime_types[1];
  }
  return f.mime_types[0];
}

}  // namespace quarry::detail
