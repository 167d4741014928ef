// TEMPORARY placeholder while the json extractor is being written in this session.
#include "formats/extractors.hpp"

namespace quarry::detail {

status extract_json(std::span<const std::byte>, writer&) {
  return error{error_code::unsupported_format, error::no_offset, "json extractor not written yet"};
}

}  // namespace quarry::detail
