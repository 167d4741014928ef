// TEMPORARY placeholder while the toml extractor is being written in this session.
#include "formats/extractors.hpp"

namespace quarry::detail {

status extract_toml(std::span<const std::byte>, writer&) {
  return error{error_code::unsupported_format, error::no_offset, "toml extractor not written yet"};
}

}  // namespace quarry::detail
