// Quarry: text, structure and metadata from document bytes.
// The whole public C++ API. The core is pure: bytes in, a result (or sink events) out; no I/O, no
// printing, no abort(), and no exception leaves these functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace quarry {

/// Why an extraction failed. The names match the JavaScript `QuarryError.code` strings.
enum class error_code : std::uint8_t {
  unsupported_format = 1,  ///< no compiled-in extractor handles these bytes / this MIME type
  format_not_loaded,       ///< the format exists but is not in this build (a smaller wasm variant)
  corrupt,                 ///< the document cannot be read at all
  encrypted,               ///< a password is needed (or the one given is wrong)
  limit_exceeded,          ///< a `limits` value was reached
  invalid_argument,        ///< the caller passed something unusable (bad option, bad MIME type)
  out_of_memory,           ///< an allocation failed
};

/// The upper-case name of a code, e.g. "LIMIT_EXCEEDED".
[[nodiscard]] std::string_view to_string(error_code code) noexcept;

/// An error as a value: what went wrong, where (byte offset in the input, when known), and why.
struct error {
  static constexpr std::uint64_t no_offset = UINT64_MAX;
  error_code code = error_code::corrupt;
  std::uint64_t offset = no_offset;
  std::string detail;
};

/// A value or an error, in the manner of simdjson's `result<T>`.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  result(error err) : v_(std::move(err)) {}           // NOLINT(google-explicit-constructor)
  /// True when a value is held.
  [[nodiscard]] bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  /// The value; only valid when ok().
  [[nodiscard]] T& value() & { return std::get<0>(v_); }
  [[nodiscard]] const T& value() const& { return std::get<0>(v_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(v_)); }
  /// The error; only valid when !ok().
  [[nodiscard]] const error& err() const& { return std::get<1>(v_); }
  [[nodiscard]] error&& err() && { return std::get<1>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, error> v_;
};

/// Success or an error, for operations with no value.
using status = result<std::monostate>;

/// A JSON-shaped value (metadata and format-specific fields). Objects keep insertion order.
class value {
 public:
  enum class kind : std::uint8_t { null, boolean, integer, number, string, array, object };

  value() = default;
  value(std::nullptr_t) {}                                                // NOLINT
  value(bool b) : kind_(kind::boolean), int_(b ? 1 : 0) {}                // NOLINT
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
  value(I i) : kind_(kind::integer), int_(static_cast<std::int64_t>(i)) {}  // NOLINT
  value(double d) : kind_(kind::number), number_(d) {}                    // NOLINT
  value(std::string s) : kind_(kind::string), string_(std::move(s)) {}    // NOLINT
  value(std::string_view s) : kind_(kind::string), string_(s) {}          // NOLINT
  value(const char* s) : kind_(kind::string), string_(s ? s : "") {}     // NOLINT

  /// An empty array / object.
  [[nodiscard]] static value array();
  [[nodiscard]] static value object();

  [[nodiscard]] kind type() const noexcept { return kind_; }
  [[nodiscard]] bool is_null() const noexcept { return kind_ == kind::null; }
  [[nodiscard]] bool as_bool() const noexcept { return int_ != 0; }
  [[nodiscard]] std::int64_t as_int() const noexcept { return int_; }
  [[nodiscard]] double as_number() const noexcept {
    return kind_ == kind::integer ? static_cast<double>(int_) : number_;
  }
  [[nodiscard]] const std::string& as_string() const noexcept { return string_; }

  /// Array elements, or object member values (parallel to keys()).
  [[nodiscard]] const std::vector<value>& items() const noexcept { return items_; }
  /// Object member names, in insertion order.
  [[nodiscard]] const std::vector<std::string>& keys() const noexcept { return keys_; }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }

  /// Appends to an array.
  void push_back(value v);
  /// Sets an object member, replacing an existing one of the same name (its position is kept).
  void set(std::string_view key, value v);
  /// An object member, or nullptr.
  [[nodiscard]] const value* find(std::string_view key) const noexcept;

  friend bool operator==(const value& a, const value& b) noexcept;

 private:
  kind kind_ = kind::null;
  std::int64_t int_ = 0;
  double number_ = 0;
  std::string string_;
  std::vector<value> items_;
  std::vector<std::string> keys_;
};

/// Serialises a value as compact JSON (UTF-8; invalid UTF-8 in strings becomes U+FFFD).
void write_json(const value& v, std::string& out);

/// Bounds on what one extraction may consume; every extractor enforces them.
struct limits {
  std::uint32_t max_depth = 1000;                     ///< nesting of elements, arrays, groups
  std::uint64_t max_output_bytes = 256ull << 20;      ///< content + tables text produced
  std::uint64_t max_decompressed_bytes = 512ull << 20;///< total inflated bytes (containers, streams)
  std::uint64_t max_entries = 1'000'000;              ///< elements / records / archive entries
  std::uint64_t max_input_bytes = 1ull << 31;         ///< size of the document itself
};

/// How the content is rendered.
enum class output_format : std::uint8_t { plain, markdown };

/// What to extract and how.
struct options {
  output_format format = output_format::plain;
  bool pages = false;            ///< also fill document::pages
  bool extract_tables = true;    ///< fill document::tables
  bool extract_images = false;   ///< list images (formats that have them)
  bool include_headers_footers = false;  ///< DOCX/ODT page headers and footers, after the body
  bool include_comments = false;         ///< DOCX/ODT/XLSX comments (annotations), after the body
  bool include_notes = false;            ///< PPTX/ODP speaker notes, after each slide's text
  std::string password;          ///< for encrypted documents
  quarry::limits limits;
};

/// One table found in the document.
struct table {
  std::vector<std::vector<std::string>> cells;  ///< rows of cells; the first row is the header
  std::string markdown;                         ///< the same table as a Markdown pipe table
  std::uint32_t page_number = 0;                ///< 1-based; 0 when the format has no pages
};

/// The text of one page (paged formats), or of one sheet/slide/section.
struct page {
  std::uint32_t page_number = 0;
  std::string content;
};

/// An image the document contains (options::extract_images): what and where it is; its pixels are
/// not decoded.
struct image_info {
  std::string format;             ///< "jpeg", "jpeg2000", "jbig2", "ccitt", "png", "gif", "emf", "raw"...
  std::uint32_t width = 0;        ///< pixels; 0 when unknown
  std::uint32_t height = 0;       ///< pixels; 0 when unknown
  std::uint32_t page_number = 0;  ///< 1-based; 0 when the format has no pages
  std::string name;               ///< the document's own name for it (a resource or part name), may be empty
};

/// A damaged or unsupported part that was skipped; the rest of the document was extracted.
struct warning {
  std::string code;     ///< short machine-readable kind, e.g. "invalid_utf8"
  std::string message;  ///< one human sentence
};

/// Everything extracted from one document.
struct document {
  std::string content;          ///< plain text or Markdown (options::format)
  std::string mime_type;        ///< the format that was used
  value metadata = value::object();
  std::vector<table> tables;
  std::vector<page> pages;      ///< filled when options::pages
  std::vector<image_info> images;  ///< filled when options::extract_images
  std::vector<warning> warnings;
};

/// Receives an extraction as it is produced: the streaming path. Content arrives in order, in pieces
/// of at most 64 KB; everything else may arrive at any time before extract() returns.
class sink {
 public:
  virtual ~sink() = default;
  /// The next piece of content (UTF-8, never splitting a code point). Return false to stop the
  /// extraction early; extract() then returns success with what was produced so far.
  virtual bool on_content(std::string_view text) = 0;
  /// The content since the previous page end belongs to page `page_number` (paged formats only).
  virtual void on_page_end(std::uint32_t page_number) { (void)page_number; }
  /// A complete table (options::extract_tables).
  virtual void on_table(table&& t) { (void)t; }
  /// An image of the document (options::extract_images).
  virtual void on_image(image_info&& image) { (void)image; }
  /// A metadata field; a later value for the same key replaces the earlier one.
  virtual void on_metadata(std::string_view key, value&& v) { (void)key; (void)v; }
  /// A skipped damaged part.
  virtual void on_warning(warning&& w) { (void)w; }
};

/// What extract() into a sink reports when it succeeds.
struct summary {
  std::string mime_type;           ///< the format that was used
  std::uint64_t content_bytes = 0; ///< bytes of content passed to the sink
};

/// Extracts a document into a result. `mime_hint` may be empty (the format is then sniffed) or a
/// MIME type or file name extension; when it names a format the bytes plainly are not, the bytes win.
[[nodiscard]] result<document> extract(std::span<const std::byte> bytes, std::string_view mime_hint = {},
                                       const options& opts = {});

/// Extracts a document into `out`, pushing content as it is produced (bounded memory for formats
/// that allow it).
[[nodiscard]] result<summary> extract(std::span<const std::byte> bytes, std::string_view mime_hint,
                                      const options& opts, sink& out);

/// An extraction whose input arrives in pieces as well: feed() the document in any split, then
/// finish(). Formats that read incrementally (plain text; more as they gain it) keep only a bounded
/// window of the input; the others gather it (up to limits.max_input_bytes) and extract at
/// finish(). Content reaches the sink as it is produced. `opts` is copied; `out` must outlive this.
class streaming_extraction {
 public:
  streaming_extraction(std::string_view mime_hint, const options& opts, sink& out);
  ~streaming_extraction();
  streaming_extraction(const streaming_extraction&) = delete;
  streaming_extraction& operator=(const streaming_extraction&) = delete;

  /// A hint that the whole document is `total_bytes` long (when the caller knows): formats that
  /// gather the input then allocate for it once instead of growing (and briefly doubling) a buffer.
  void expect_size(std::uint64_t total_bytes) noexcept;
  /// The next piece of the document. After an error, further calls return the same error.
  [[nodiscard]] status feed(std::span<const std::byte> piece);
  /// The end of the document: the summary, or the first error.
  [[nodiscard]] result<summary> finish();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// The MIME type of a document from its first bytes, then from `filename`'s extension.
/// Returns "application/octet-stream" when neither tells.
[[nodiscard]] std::string_view detect_mime(std::span<const std::byte> head, std::string_view filename = {});

/// A compiled-in format.
struct format_info {
  std::string_view name;                           ///< short name, e.g. "html"
  std::string_view description;                    ///< e.g. "HTML and XHTML"
  std::span<const std::string_view> mime_types;    ///< the first one is canonical
  std::span<const std::string_view> extensions;    ///< without dots
  std::string_view group;                          ///< "core", "pdf" or "office": the smallest
                                                   ///< WebAssembly variant that contains it
};

/// The formats compiled into this build, in a fixed order.
[[nodiscard]] std::span<const format_info> extractors() noexcept;

/// Serialises everything but the content (mime type, metadata, tables, pages, warnings) as one
/// JSON object, with camelCase keys as in the JavaScript API.
void write_structure_json(const document& doc, std::string& out);

/// Serialises the whole document, content included, as one JSON object.
void write_document_json(const document& doc, std::string& out);

/// Serialises an error as {"code": "...", "message": "...", "offset": n}.
void write_error_json(const error& err, std::string& out);

/// The library version, e.g. "0.1.0".
[[nodiscard]] std::string_view version() noexcept;

}  // namespace quarry
