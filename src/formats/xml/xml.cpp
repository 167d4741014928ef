// TEMPORARY placeholder while the xml extractor is being written in this session.
#include "formats/extractors.hpp"

namespace quarry::detail {

status extract_xml(std::span<const std::byte>, writer&) {
  return error{error_code::unsupported_format, error::no_offset, "xml extractor not written yet"};
}

}  // namespace quarry::detail
