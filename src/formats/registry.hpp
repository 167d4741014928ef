// The compiled-in extractors: one constexpr table, chosen by the CMake format options.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "core/writer.hpp"
#include "quarry/quarry.hpp"

namespace quarry::detail {

/// An extractor reads the whole document and describes it to the writer. It returns an error only
/// when the document is unusable; damaged parts become writer warnings.
using extract_fn = status (*)(std::span<const std::byte> bytes, writer& out);

/// A format that reads its input incrementally: feed() takes any split of the bytes (a tag, a
/// code point or a line may straddle two pieces), finish() ends the input. Only a bounded window of
/// the input is kept, so streaming extraction of huge documents holds bounded memory.
class input_stream {
 public:
  virtual ~input_stream() = default;
  /// The next piece of the document.
  [[nodiscard]] virtual status feed(std::span<const std::byte> piece) = 0;
  /// The end of the document.
  [[nodiscard]] virtual status finish() = 0;
};

/// Opens an incremental extraction writing to `out`; nullptr when allocation is impossible.
using open_stream_fn = std::unique_ptr<input_stream> (*)(writer& out);

/// A compiled-in format and its extractor(s). `open_stream` is set for formats that can read
/// their input in pieces; the others are given the whole document.
struct extractor {
  const format_info* info;
  extract_fn extract;
  open_stream_fn open_stream = nullptr;
};

/// Runs an incremental extractor over a whole document (the extract_fn of streaming formats).
status extract_with_stream(open_stream_fn open, std::span<const std::byte> bytes, writer& out);

/// The compiled-in extractors, in the order of extractors().
std::span<const extractor> registry() noexcept;

/// The compiled-in extractor for a format, or nullptr.
const extractor* find_extractor(const format_info* format) noexcept;

}  // namespace quarry::detail
