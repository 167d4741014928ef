// Rich Text Format: the entry point. The document must begin with "{\rtf" (after an optional
// UTF-8 byte order mark or blank space); everything else is the reader's.
#include "core/utf8.hpp"
#include "formats/extractors.hpp"
#include "formats/rtf/reader.hpp"

namespace quarry::detail {

status extract_rtf(std::span<const std::byte> bytes, writer& out) {
  std::string_view in = as_chars(bytes);
  if (in.starts_with("\xEF\xBB\xBF")) in.remove_prefix(3);
  while (!in.empty() && (in.front() == ' ' || in.front() == '\t' || in.front() == '\r' || in.front() == '\n')) {
    in.remove_prefix(1);
  }
  if (!in.starts_with("{\\rtf")) {
    return error{error_code::corrupt, 0, "not an RTF document: it does not begin with {\\rtf"};
  }
  rtf::reader r(in, out);
  return r.run();
}

}  // namespace quarry::detail
