// quarry::extract: format resolution, the extractor call, and collecting the result.
#include <new>

#include "core/catalog.hpp"
#include "core/document_sink.hpp"
#include "core/mime.hpp"
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

// The MIME type reported for a document: the hint's own spelling when it is one of the format's
// types (text/tab-separated-values stays that), else the format's canonical type.
std::string_view reported_mime(const format_info& f, std::string_view hint) {
  if (const std::size_t semi = hint.find(';'); semi != std::string_view::npos) hint = hint.substr(0, semi);
  while (!hint.empty() && (hint.front() == ' ' || hint.front() == '\t')) hint.remove_prefix(1);
  while (!hint.empty() && (hint.back() == ' ' || hint.back() == '\t')) hint.remove_suffix(1);
  for (auto m : f.mime_types) {
    if (detail::iequals_ascii(m, hint)) return m;
  }
  if (&f == &catalog::csv) {
    const std::size_t dot = hint.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? hint : hint.substr(dot + 1);
    if (detail::iequals_ascii(ext, "tsv") || detail::iequals_ascii(ext, "tab")) return f.mime_types[1];
  }
  return f.mime_types[0];
}

result<summary> run(std::span<const std::byte> bytes, std::string_view mime_hint, const options& opts, sink& out) {
  if (bytes.size() > opts.limits.max_input_bytes) {
    return error{error_code::limit_exceeded, error::no_offset,
                 "input of " + std::to_string(bytes.size()) + " bytes exceeds limits.max_input_bytes"};
  }
  if (bytes.data() == nullptr && !bytes.empty()) {
    return error{error_code::invalid_argument, error::no_offset, "null input with a non-zero length"};
  }
  const format_info* format = detail::resolve_format(bytes, mime_hint);
  if (format == nullptr) {
    const std::string_view seen = detect_mime(bytes.first(std::min<std::size_t>(bytes.size(), 4096)), mime_hint);
    return error{error_code::unsupported_format, error::no_offset,
                 "no extractor for " + std::string(seen) +
                     (mime_hint.empty() ? std::string() : " (hint: " + std::string(mime_hint) + ")")};
  }
  const detail::extractor* ex = detail::find_extractor(format);
  if (ex == nullptr) {
    return error{error_code::format_not_loaded, error::no_offset,
                 std::string(format->name) + " is not in this build; it is in the '" + std::string(format->group) +
                     "' variant"};
  }
  detail::writer w(out, opts);
  status st = ex->extract(bytes, w);
  status fin = w.finish();
  if (!st.ok()) return std::move(st).err();
  if (!fin.ok()) return std::move(fin).err();
  return summary{std::string(reported_mime(*format, mime_hint)), w.delivered_bytes()};
}

// No exception leaves the public API: allocation failure becomes OUT_OF_MEMORY. (Builds without
// exceptions never get here with a failed allocation: they trap, which is why limits bound every
// allocation an input can cause.)
template <class F>
auto guarded(F&& f) -> decltype(f()) {
#if defined(__cpp_exceptions)
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return error{error_code::out_of_memory, error::no_offset, "out of memory"};
  } catch (const std::exception& e) {
    return error{error_code::corrupt, error::no_offset, std::string("internal error: ") + e.what()};
  } catch (...) {
    return error{error_code::corrupt, error::no_offset, "internal error"};
  }
#else
  return f();
#endif
}

}  // namespace

result<summary> extract(std::span<const std::byte> bytes, std::string_view mime_hint, const options& opts,
                        sink& out) {
  return guarded([&]() -> result<summary> { return run(bytes, mime_hint, opts, out); });
}

result<document> extract(std::span<const std::byte> bytes, std::string_view mime_hint, const options& opts) {
  return guarded([&]() -> result<document> {
    document doc;
    detail::document_sink collect(doc, opts.pages);
    result<summary> r = run(bytes, mime_hint, opts, collect);
    if (!r.ok()) return std::move(r).err();
    doc.mime_type = std::move(r.value().mime_type);
    return doc;
  });
}

}  // namespace quarry
