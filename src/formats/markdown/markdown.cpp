// TEMPORARY placeholder while the markdown extractor is being written in this session.
#include "formats/extractors.hpp"

namespace quarry::detail {

status extract_markdown(std::span<const std::byte>, writer&) {
  return error{error_code::unsupported_format, error::no_offset, "markdown extractor not written yet"};
}

}  // namespace quarry::detail
