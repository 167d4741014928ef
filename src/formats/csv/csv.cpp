// TEMPORARY placeholder while the csv extractor is being written in this session.
#include "formats/extractors.hpp"

namespace quarry::detail {

status extract_csv(std::span<const std::byte>, writer&) {
  return error{error_code::unsupported_format, error::no_offset, "csv extractor not written yet"};
}

}  // namespace quarry::detail
