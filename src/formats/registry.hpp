// The compiled-in extractors: one constexpr table, chosen by the CMake format options.
#pragma once

#include <cstddef>
#include <span>

#include "core/writer.hpp"
#include "quarry/quarry.hpp"

namespace quarry::detail {

/// An extractor reads the whole document and describes it to the writer. It returns an error only
/// when the document is unusable; damaged parts become writer warnings.
using extract_fn = status (*)(std::span<const std::byte> bytes, writer& out);

/// A compiled-in format and its extractor.
struct extractor {
  const format_info* info;
  extract_fn extract;
};

/// The compiled-in extractors, in the order of extractors().
std::span<const extractor> registry() noexcept;

/// The compiled-in extractor for a format, or nullptr.
const extractor* find_extractor(const format_info* format) noexcept;

}  // namespace quarry::detail
