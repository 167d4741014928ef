// quarry::extract: format resolution, the extractor call, and collecting the result.
#include "core/dispatch.hpp"
#include "core/document_sink.hpp"
#include "core/writer.hpp"
#include "formats/registry.hpp"
#include "quarry/quarry.hpp"

#ifndef QUARRY_VERSION
#define QUARRY_VERSION "0.0.0"
#endif

namespace quarry {

std::string_view to_string(error_code code) noexcept {
  switch (code) {
    case error_code::unsupported_format: return "UNSUPPORTED_FORMAT";
    case error_code::format_not_loaded: return "FORMAT_NOT_LOADED";
    case error_code::corrupt: return "CORRUPT";
    case error_code::encrypted: return "ENCRYPTED";
    case error_code::limit_exceeded: return "LIMIT_EXCEEDED";
    case error_code::invalid_argument: return "INVALID_ARGUMENT";
    case error_code::out_of_memory: return "OUT_OF_MEMORY";
  }
  return "UNKNOWN";
}

std::string_view version() noexcept { return QUARRY_VERSION; }

namespace {

result<summary> run(std::span<const std::byte> bytes, std::string_view mime_hint, const options& opts, sink& out) {
  if (bytes.size() > opts.limits.max_input_bytes) {
    return error{error_code::limit_exceeded, error::no_offset,
                 "input of " + std::to_string(bytes.size()) + " bytes exceeds limits.max_input_bytes"};
  }
  if (bytes.data() == nullptr && !bytes.empty()) {
    return error{error_code::invalid_argument, error::no_offset, "null input with a non-zero length"};
  }
  result<const detail::extractor*> chosen = detail::choose_extractor(bytes, mime_hint);
  if (!chosen.ok()) return std::move(chosen).err();
  const detail::extractor* ex = chosen.value();
  detail::writer w(out, opts);
  status st = ex->extract(bytes, w);
  status fin = w.finish();
  if (!st.ok()) return std::move(st).err();
  if (!fin.ok()) return std::move(fin).err();
  return summary{std::string(detail::reported_mime(*ex->info, mime_hint)), w.delivered_bytes()};
}

}  // namespace

result<summary> extract(std::span<const std::byte> bytes, std::string_view mime_hint, const options& opts,
                        sink& out) {
  return detail::guarded([&]() -> result<summary> { return run(bytes, mime_hint, opts, out); });
}

result<document> extract(std::span<const std::byte> bytes, std::string_view mime_hint, const options& opts) {
  return detail::guarded([&]() -> result<document> {
    document doc;
    detail::document_sink collect(doc, opts.pages);
    result<summary> r = run(bytes, mime_hint, opts, collect);
    if (!r.ok()) return std::move(r).err();
    doc.mime_type = std::move(r.value().mime_type);
    return doc;
  });
}

}  // namespace quarry
