// TEMPORARY placeholder while the yaml extractor is being written in this session.
#include "formats/extractors.hpp"

namespace quarry::detail {

status extract_yaml(std::span<const std::byte>, writer&) {
  return error{error_code::unsupported_format, error::no_offset, "yaml extractor not written yet"};
}

}  // namespace quarry::detail
