// TEMPORARY placeholder while the html extractor is being written in this session.
#include "formats/extractors.hpp"

namespace quarry::detail {

status extract_html(std::span<const std::byte>, writer&) {
  return error{error_code::unsupported_format, error::no_offset, "html extractor not written yet"};
}

}  // namespace quarry::detail
