// The fuzz target of one format (QUARRY_FUZZ_FORMAT): extraction in both output modes, into a
// result and into a sink, with small limits so the fuzzer explores limit paths too. Any crash,
// sanitizer report, hang or unbounded allocation is a bug.
#include <cstddef>
#include <cstdint>
#include <span>

#include "quarry/quarry.hpp"

namespace {

class counting_sink final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    bytes += text.size();
    return bytes < (1u << 20);  // also exercises early stop
  }
  std::size_t bytes = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto bytes = std::as_bytes(std::span(data, size));
  quarry::options opts;
  opts.limits.max_depth = 200;
  opts.limits.max_output_bytes = 4u << 20;
  opts.limits.max_decompressed_bytes = 16u << 20;
  opts.limits.max_entries = 100000;
  opts.pages = true;
  for (auto fmt : {quarry::output_format::plain, quarry::output_format::markdown}) {
    opts.format = fmt;
    auto r = quarry::extract(bytes, QUARRY_FUZZ_FORMAT, opts);
    if (r.ok()) {
      std::string json;
      quarry::write_document_json(r.value(), json);
    } else {
      std::string json;
      quarry::write_error_json(r.err(), json);
    }
  }
  counting_sink s;
  (void)quarry::extract(bytes, QUARRY_FUZZ_FORMAT, opts, s);
  (void)quarry::detect_mime(bytes, QUARRY_FUZZ_FORMAT);
  return 0;
}
