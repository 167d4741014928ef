// The WebAssembly boundary: the C functions the JavaScript package calls (their list is
// exports.txt). One copy of the document in (none with a SharedBuffer), one blob out: the UTF-8
// content plus one JSON string for everything else, both in buffers the module keeps between calls.
// Small values travel through one static transfer struct at fixed offsets, so no call allocates for
// its arguments and JavaScript reads every result field from one view.
//
// Pointers and lengths from JavaScript: wasm memory accesses are bounds-checked by the engine, so a
// bad pointer can only trap, never reach outside the module. We still check every (ptr, len) pair
// with in_heap() before use, so a bug in the JS layer becomes an INVALID_ARGUMENT error instead of a
// trap; the JS layer (js/src/module.ts) guarantees it only passes buffers it allocated here with
// quarry_buffer_new() and lengths no larger than their capacity.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <string>
#include <string_view>

#include "core/catalog.hpp"
#include "core/json_text.hpp"
#include "core/mime.hpp"
#include "core/utf8.hpp"
#include "quarry/quarry.hpp"

#ifndef QUARRY_WASM_VARIANT
#define QUARRY_WASM_VARIANT "core"
#endif
// Whether the source tree has the PDF / office format folders, i.e. whether the pdf / office / full
// variants built from it contain those formats (set by bindings/wasm/CMakeLists.txt). Every variant
// reports this, so JavaScript knows which variant to load before loading it.
#ifndef QUARRY_SOURCES_HAVE_PDF
#define QUARRY_SOURCES_HAVE_PDF 0
#endif
#ifndef QUARRY_SOURCES_HAVE_OFFICE
#define QUARRY_SOURCES_HAVE_OFFICE 0
#endif

#define QUARRY_EXPORT extern "C" __attribute__((used, visibility("default")))

// Called for each piece of streamed content (at most stream_window bytes, whole code points). The
// bytes are valid only during the call: JavaScript copies them out before returning.
extern "C" __attribute__((import_module("env"), import_name("quarry_on_content"))) void quarry_on_content(
    std::uint32_t ptr, std::uint32_t len);

namespace {

/// The transfer struct. JavaScript (js/src/module.ts, TRANSFER_*) mirrors these offsets.
struct transfer {
  // ---- inputs, written by JavaScript before quarry_extract / quarry_stream_new --------------
  std::uint32_t output_format;        // 0: 0 plain, 1 markdown
  std::uint32_t flags;                // 4: bit 0 pages, 1 extract_tables, 2 extract_images, 3 headers/footers, 4 comments, 5 notes
  std::uint32_t password_ptr;         // 8
  std::uint32_t password_len;         // 12
  double max_depth;                   // 16: limits as doubles: integers up to 2^53, +inf = none,
                                      //     -1 = the library default
  double max_output_bytes;            // 24
  double max_decompressed_bytes;      // 32
  double max_entries;                 // 40
  double max_input_bytes;             // 48
  // ---- results, written by the module -------------------------------------------------------
  std::uint32_t status;               // 56: 0 success, else quarry::error_code
  std::uint32_t content_ptr;          // 60: content (quarry_extract)
  std::uint32_t content_len;          // 64
  std::uint32_t json_ptr;             // 68: structure JSON, error JSON, or a string result
  std::uint32_t json_len;             // 72
  std::uint32_t reserved;             // 76
  double error_offset;                // 80: byte offset of the error, -1 when unknown
};
static_assert(sizeof(transfer) == 88);
static_assert(offsetof(transfer, max_depth) == 16 && offsetof(transfer, status) == 56 &&
              offsetof(transfer, error_offset) == 80);

constexpr std::uint32_t flag_pages = 1u << 0;
constexpr std::uint32_t flag_tables = 1u << 1;
constexpr std::uint32_t flag_images = 1u << 2;
constexpr std::uint32_t flag_headers_footers = 1u << 3;
constexpr std::uint32_t flag_comments = 1u << 4;
constexpr std::uint32_t flag_notes = 1u << 5;

// Content is handed to JavaScript in pieces of at most this size when streaming; the module holds
// no more than one such window of output.
constexpr std::size_t stream_window = 64 * 1024;

alignas(8) transfer g_transfer{};

// The per-call arena: content and JSON of the last extraction. Their capacity is kept between
// calls so a warm call allocates nothing for its output; quarry_release() gives it back.
std::string g_content;
std::string g_json;

// Live quarry_buffer_new() buffers and streams: a leak shows as a count that does not return.
std::uint32_t g_live_buffers = 0;
std::uint32_t g_live_streams = 0;

std::uint32_t addr(const void* p) { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p)); }

// True when [ptr, ptr + len) lies inside linear memory (and ptr is non-null when len > 0).
bool in_heap(std::uint32_t ptr, std::uint32_t len) {
  if (len == 0) return true;
  const std::uint64_t size = static_cast<std::uint64_t>(__builtin_wasm_memory_size(0)) * 65536u;
  return ptr != 0 && static_cast<std::uint64_t>(ptr) + len <= size;
}

std::span<const std::byte> bytes_at(std::uint32_t ptr, std::uint32_t len) {
  return {reinterpret_cast<const std::byte*>(static_cast<std::uintptr_t>(ptr)), len};
}

std::string_view chars_at(std::uint32_t ptr, std::uint32_t len) {
  return {reinterpret_cast<const char*>(static_cast<std::uintptr_t>(ptr)), len};
}

void set_result(std::uint32_t status, std::string_view content, std::string_view json) {
  g_transfer.status = status;
  g_transfer.content_ptr = addr(content.data());
  g_transfer.content_len = static_cast<std::uint32_t>(content.size());
  g_transfer.json_ptr = addr(json.data());
  g_transfer.json_len = static_cast<std::uint32_t>(json.size());
  g_transfer.error_offset = -1;
}

// Reports an error: its JSON goes to the JSON arena.
std::uint32_t fail(const quarry::error& err) {
  g_json.clear();
  quarry::write_error_json(err, g_json);
  set_result(static_cast<std::uint32_t>(err.code), {}, g_json);
  if (err.offset != quarry::error::no_offset) g_transfer.error_offset = static_cast<double>(err.offset);
  return g_transfer.status;
}

std::uint32_t invalid(std::string detail) {
  return fail({quarry::error_code::invalid_argument, quarry::error::no_offset, std::move(detail)});
}

// One limit: a non-negative integer, +infinity for "no limit", or -1 for the library's default
// (which `out` holds already). JavaScript validated it (js/src/options.ts); this is the second
// line, for callers of the raw exports.
template <class T>
bool read_limit(double v, T& out) {
  if (v == -1) return true;
  if (std::isinf(v) && v > 0) {
    out = static_cast<T>(~T{0});
    return true;
  }
  if (!(v >= 0) || v != std::floor(v) || v > 9007199254740992.0) return false;
  if (v > static_cast<double>(static_cast<T>(~T{0}))) {
    out = static_cast<T>(~T{0});
  } else {
    out = static_cast<T>(v);
  }
  return true;
}

// The options of the next call, from the transfer struct. Returns false (with the error reported)
// when a value is out of range.
bool read_options(quarry::options& o) {
  const transfer& t = g_transfer;
  if (t.output_format > 1) {
    invalid("outputFormat must be \"plain\" or \"markdown\"");
    return false;
  }
  o.format = t.output_format == 1 ? quarry::output_format::markdown : quarry::output_format::plain;
  o.pages = (t.flags & flag_pages) != 0;
  o.extract_tables = (t.flags & flag_tables) != 0;
  o.extract_images = (t.flags & flag_images) != 0;
  o.include_headers_footers = (t.flags & flag_headers_footers) != 0;
  o.include_comments = (t.flags & flag_comments) != 0;
  o.include_notes = (t.flags & flag_notes) != 0;
  if (!read_limit(t.max_depth, o.limits.max_depth) || !read_limit(t.max_output_bytes, o.limits.max_output_bytes) ||
      !read_limit(t.max_decompressed_bytes, o.limits.max_decompressed_bytes) ||
      !read_limit(t.max_entries, o.limits.max_entries) || !read_limit(t.max_input_bytes, o.limits.max_input_bytes)) {
    invalid("limits must be non-negative integers");
    return false;
  }
  // The password lives in the JS layer's string buffer (quarry_buffer_new); checked here.
  if (!in_heap(t.password_ptr, t.password_len)) {
    invalid("password outside memory");
    return false;
  }
  o.password.assign(chars_at(t.password_ptr, t.password_len));
  return true;
}

// The sink of quarry_extract: content into the content arena, the rest into a document that is
// serialised to JSON and dropped before the call returns.
class arena_sink final : public quarry::sink {
 public:
  arena_sink(std::string& content, quarry::document& structure, bool pages)
      : content_(content), doc_(structure), pages_(pages) {}

  bool on_content(std::string_view text) override {
    content_.append(text);
    return true;
  }
  void on_page_end(std::uint32_t page_number) override {
    if (!pages_) return;
    std::string_view slice = std::string_view(content_).substr(page_start_);
    while (!slice.empty() && (slice.front() == '\n' || slice.front() == ' ')) slice.remove_prefix(1);
    while (!slice.empty() && (slice.back() == '\n' || slice.back() == ' ')) slice.remove_suffix(1);
    doc_.pages.push_back({page_number, std::string(slice)});
    page_start_ = content_.size();
  }
  void on_table(quarry::table&& t) override { doc_.tables.push_back(std::move(t)); }
  void on_image(quarry::image_info&& i) override { doc_.images.push_back(std::move(i)); }
  void on_metadata(std::string_view key, quarry::value&& v) override { doc_.metadata.set(key, std::move(v)); }
  void on_warning(quarry::warning&& w) override { doc_.warnings.push_back(std::move(w)); }

 private:
  std::string& content_;
  quarry::document& doc_;
  bool pages_;
  std::size_t page_start_ = 0;
};

// The sink of a stream: content goes to JavaScript through quarry_on_content in windows of at most
// stream_window bytes; tables, metadata and warnings are kept for the final structure JSON. Pages
// are not kept (they would hold the whole content); see js/src/streaming.ts.
class window_sink final : public quarry::sink {
 public:
  window_sink() { window_.reserve(stream_window); }

  bool on_content(std::string_view text) override {
    if (window_.size() + text.size() > stream_window) flush();
    while (text.size() > stream_window) {  // the writer's pieces are smaller; this is a safety net
      std::size_t n = quarry::detail::utf8_boundary(text, stream_window);
      if (n == 0) n = stream_window;
      quarry_on_content(addr(text.data()), static_cast<std::uint32_t>(n));
      text.remove_prefix(n);
    }
    window_.append(text);
    return true;
  }
  void on_table(quarry::table&& t) override { doc.tables.push_back(std::move(t)); }
  void on_image(quarry::image_info&& i) override { doc.images.push_back(std::move(i)); }
  void on_metadata(std::string_view key, quarry::value&& v) override { doc.metadata.set(key, std::move(v)); }
  void on_warning(quarry::warning&& w) override { doc.warnings.push_back(std::move(w)); }

  /// Hands the buffered window to JavaScript.
  void flush() {
    if (window_.empty()) return;
    quarry_on_content(addr(window_.data()), static_cast<std::uint32_t>(window_.size()));
    window_.clear();
  }

  quarry::document doc;  ///< the structure (no content)

 private:
  std::string window_;
};

// A stream handle: what quarry_stream_new returns to JavaScript as an opaque pointer.
struct stream {
  stream(std::string_view hint, const quarry::options& opts) : ex(hint, opts, sink) {}
  window_sink sink;
  quarry::streaming_extraction ex;
};

// The catalog as JSON, built once: every format Quarry knows, whether this module has it, and which
// variants of this source tree have it.
const std::string& formats_json() {
  static const std::string json = [] {
    std::string out = "{\"variant\":\"" QUARRY_WASM_VARIANT "\",\"version\":";
    quarry::detail::append_json_string(quarry::version(), out);
    out += ",\"formats\":[";
    const auto compiled = quarry::extractors();
    bool first = true;
    for (const quarry::format_info* f : quarry::catalog::all) {
      if (!first) out += ',';
      first = false;
      out += "{\"name\":";
      quarry::detail::append_json_string(f->name, out);
      out += ",\"description\":";
      quarry::detail::append_json_string(f->description, out);
      out += ",\"mimeTypes\":[";
      for (std::size_t i = 0; i < f->mime_types.size(); ++i) {
        if (i) out += ',';
        quarry::detail::append_json_string(f->mime_types[i], out);
      }
      out += "],\"extensions\":[";
      for (std::size_t i = 0; i < f->extensions.size(); ++i) {
        if (i) out += ',';
        quarry::detail::append_json_string(f->extensions[i], out);
      }
      out += "],\"group\":";
      quarry::detail::append_json_string(f->group, out);
      bool here = false;
      for (const auto& c : compiled) here = here || c.name == f->name;
      out += here ? ",\"compiled\":true" : ",\"compiled\":false";
      if (f->group == "core") {
        out += ",\"variants\":[\"core\",\"pdf\",\"office\",\"full\"]}";
      } else if (f->group == "pdf") {
        out += QUARRY_SOURCES_HAVE_PDF ? ",\"variants\":[\"pdf\",\"full\"]}" : ",\"variants\":[]}";
      } else {
        out += QUARRY_SOURCES_HAVE_OFFICE ? ",\"variants\":[\"office\",\"full\"]}" : ",\"variants\":[]}";
      }
    }
    out += "]}";
    return out;
  }();
  return json;
}

}  // namespace

/// The address of the transfer struct; JavaScript creates its view once per memory buffer.
QUARRY_EXPORT std::uint32_t quarry_transfer_ptr() { return addr(&g_transfer); }

/// A buffer of `size` bytes for JavaScript to fill (the document, strings, a SharedBuffer); 0 when
/// memory is exhausted. Freed with quarry_buffer_free.
QUARRY_EXPORT std::uint32_t quarry_buffer_new(std::uint32_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) return 0;
  ++g_live_buffers;
  return addr(p);
}

/// Frees a buffer from quarry_buffer_new. `ptr` must come from quarry_buffer_new and be freed once:
/// the JS owner objects (module.ts, shared-buffer.ts) guarantee that by zeroing their pointer.
QUARRY_EXPORT void quarry_buffer_free(std::uint32_t ptr) {
  if (ptr == 0) return;
  std::free(reinterpret_cast<void*>(static_cast<std::uintptr_t>(ptr)));
  --g_live_buffers;
}

/// Extracts the document at [in_ptr, in_len) with the MIME type or file name at [hint_ptr,
/// hint_len) and the options in the transfer struct. Returns the status (also in the transfer
/// struct); on success content_* and json_* (structure) point into the arena, on error json_* is
/// the error JSON. Both stay valid until the next call.
QUARRY_EXPORT std::uint32_t quarry_extract(std::uint32_t in_ptr, std::uint32_t in_len, std::uint32_t hint_ptr,
                                           std::uint32_t hint_len) {
  // Both ranges are buffers the JS layer allocated (the reusable input buffer or a SharedBuffer,
  // and its string buffer) with lengths it bounded by their capacity; checked here.
  if (!in_heap(in_ptr, in_len) || !in_heap(hint_ptr, hint_len)) return invalid("input outside memory");
  quarry::options opts;
  if (!read_options(opts)) return g_transfer.status;
  g_content.clear();
  g_json.clear();
  quarry::document structure;
  arena_sink out(g_content, structure, opts.pages);
  quarry::result<quarry::summary> r =
      quarry::extract(bytes_at(in_ptr, in_len), chars_at(hint_ptr, hint_len), opts, out);
  if (!r.ok()) {
    g_content.clear();
    return fail(r.err());
  }
  structure.mime_type = std::move(r.value().mime_type);
  quarry::write_structure_json(structure, g_json);
  set_result(0, g_content, g_json);
  return 0;
}

/// Gives back the arena's memory (after an unusually large document).
QUARRY_EXPORT void quarry_release() {
  std::string().swap(g_content);
  std::string().swap(g_json);
}

/// Starts a streaming extraction with the options in the transfer struct; returns its handle, or 0
/// with the error in the transfer struct.
QUARRY_EXPORT std::uint32_t quarry_stream_new(std::uint32_t hint_ptr, std::uint32_t hint_len) {
  // The hint is in the JS layer's string buffer; checked here.
  if (!in_heap(hint_ptr, hint_len)) {
    invalid("hint outside memory");
    return 0;
  }
  quarry::options opts;
  if (!read_options(opts)) return 0;
  auto* s = new (std::nothrow) stream(chars_at(hint_ptr, hint_len), opts);
  if (s == nullptr) {
    fail({quarry::error_code::out_of_memory, quarry::error::no_offset, "cannot start the stream"});
    return 0;
  }
  ++g_live_streams;
  set_result(0, {}, {});
  return addr(s);
}

/// The stream's document is `total_bytes` long (a double: JavaScript numbers): see
/// streaming_extraction::expect_size.
QUARRY_EXPORT void quarry_stream_expect(std::uint32_t handle, double total_bytes) {
  // `handle` as in quarry_stream_feed; a nonsensical size is ignored.
  if (handle == 0 || !(total_bytes >= 0) || total_bytes > 9007199254740992.0) return;
  reinterpret_cast<stream*>(static_cast<std::uintptr_t>(handle))->ex.expect_size(static_cast<std::uint64_t>(total_bytes));
}

/// Feeds the next piece of the document; content reaches JavaScript through quarry_on_content
/// before this returns. Returns the status (error JSON in the transfer struct).
QUARRY_EXPORT std::uint32_t quarry_stream_feed(std::uint32_t handle, std::uint32_t ptr, std::uint32_t len) {
  // `handle` comes from quarry_stream_new and is live: js/src/streaming.ts zeroes it when freeing.
  // [ptr, len) is the JS layer's reusable window buffer, bounded by its capacity; checked here.
  if (handle == 0) return invalid("no stream");
  if (!in_heap(ptr, len)) return invalid("input outside memory");
  auto* s = reinterpret_cast<stream*>(static_cast<std::uintptr_t>(handle));
  quarry::status st = s->ex.feed(bytes_at(ptr, len));
  s->sink.flush();
  if (!st.ok()) return fail(st.err());
  set_result(0, {}, {});
  return 0;
}

/// Ends the document: the last content reaches JavaScript, then the structure JSON (or the error)
/// is in the transfer struct.
QUARRY_EXPORT std::uint32_t quarry_stream_finish(std::uint32_t handle) {
  // `handle` as in quarry_stream_feed.
  if (handle == 0) return invalid("no stream");
  auto* s = reinterpret_cast<stream*>(static_cast<std::uintptr_t>(handle));
  quarry::result<quarry::summary> r = s->ex.finish();
  s->sink.flush();
  if (!r.ok()) return fail(r.err());
  s->sink.doc.mime_type = std::move(r.value().mime_type);
  g_json.clear();
  quarry::write_structure_json(s->sink.doc, g_json);
  set_result(0, {}, g_json);
  return 0;
}

/// Frees a stream (finished or not).
QUARRY_EXPORT void quarry_stream_free(std::uint32_t handle) {
  // `handle` as in quarry_stream_feed; freed once (the JS owner zeroes its copy).
  if (handle == 0) return;
  delete reinterpret_cast<stream*>(static_cast<std::uintptr_t>(handle));
  --g_live_streams;
}

/// The catalog JSON ({variant, version, formats: [...]}) in json_* of the transfer struct.
QUARRY_EXPORT std::uint32_t quarry_formats_json() {
  const std::string& j = formats_json();
  set_result(0, {}, j);
  return 0;
}

/// The MIME type of the bytes at [ptr, len) (magic bytes first, then the file name at [name_ptr,
/// name_len)) in json_* of the transfer struct (a plain string, not JSON).
QUARRY_EXPORT std::uint32_t quarry_detect(std::uint32_t ptr, std::uint32_t len, std::uint32_t name_ptr,
                                          std::uint32_t name_len) {
  // Both ranges are JS-layer buffers bounded by their capacity; checked here.
  if (!in_heap(ptr, len) || !in_heap(name_ptr, name_len)) return invalid("input outside memory");
  const std::string_view mime = quarry::detect_mime(bytes_at(ptr, len), chars_at(name_ptr, name_len));
  set_result(0, {}, mime);
  return 0;
}

/// The catalog index (the order of quarry_formats_json) of the format an extraction of these bytes
/// with this hint would use, compiled in or not; -1 when none would.
QUARRY_EXPORT std::int32_t quarry_resolve_format(std::uint32_t ptr, std::uint32_t len, std::uint32_t hint_ptr,
                                                 std::uint32_t hint_len) {
  // Both ranges are JS-layer buffers bounded by their capacity; checked here.
  if (!in_heap(ptr, len) || !in_heap(hint_ptr, hint_len)) return -1;
  const quarry::format_info* f =
      quarry::detail::resolve_format(bytes_at(ptr, len), chars_at(hint_ptr, hint_len));
  for (std::size_t i = 0; i < std::size(quarry::catalog::all); ++i) {
    if (quarry::catalog::all[i] == f) return static_cast<std::int32_t>(i);
  }
  return -1;
}

/// The library version as a NUL-terminated string.
QUARRY_EXPORT std::uint32_t quarry_version() {
  static const std::string v(quarry::version());
  return addr(v.c_str());
}

/// Bytes currently allocated by malloc (a leak check for the tests).
QUARRY_EXPORT std::uint32_t quarry_debug_heap_used() { return static_cast<std::uint32_t>(mallinfo().uordblks); }

/// Live buffers plus live streams (a leak check for the tests).
QUARRY_EXPORT std::uint32_t quarry_debug_live_handles() { return g_live_buffers + g_live_streams; }
