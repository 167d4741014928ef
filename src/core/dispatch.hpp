// What extract() and streaming_extraction share: choosing the extractor, naming the result's MIME
// type, and keeping exceptions from crossing the public API.
#pragma once

#include <new>
#include <span>
#include <string>
#include <string_view>

#include "formats/registry.hpp"
#include "quarry/quarry.hpp"

namespace quarry::detail {

/// The compiled-in extractor for these bytes and hint, or UNSUPPORTED_FORMAT / FORMAT_NOT_LOADED.
result<const extractor*> choose_extractor(std::span<const std::byte> bytes, std::string_view mime_hint);

/// The MIME type reported for a document: the hint's own spelling when it is one of the format's
/// types (text/tab-separated-values stays that), else the format's canonical type.
std::string_view reported_mime(const format_info& f, std::string_view hint) noexcept;

/// Runs `f`, turning any exception (from a library built with them, or std::bad_alloc) into an
/// error value. Builds without exceptions trap on allocation failure instead, which is why the
/// limits bound every allocation an input can cause.
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

}  // namespace quarry::detail
