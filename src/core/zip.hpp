// A ZIP reader for the container formats (DOCX/XLSX/PPTX, ODF, EPUB): the central directory
// (with ZIP64), stored and deflated entries inflated through zlib, CRC-32 checks, CP437 or UTF-8
// names. Hostile archives are bounded: the entry count by limits.max_entries, inflated bytes by
// limits.max_decompressed_bytes across all reads of one archive, and each entry's compression
// ratio, so a zip bomb ends with LIMIT_EXCEEDED after a bounded amount of work and memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quarry/quarry.hpp"

namespace quarry::detail {

/// One member of the archive, as the central directory describes it.
struct zip_entry {
  std::string name;                     ///< UTF-8 (CP437 names converted), '/' separated
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;  ///< as declared (may lie; reads never trust it for memory)
  std::uint64_t local_header_offset = 0;
  std::uint32_t crc32 = 0;
  std::uint16_t method = 0;             ///< 0 stored, 8 deflated; others are unsupported
  std::uint16_t flags = 0;              ///< general purpose bits (bit 0: encrypted)
  [[nodiscard]] bool is_directory() const noexcept { return !name.empty() && name.back() == '/'; }
};

/// An open archive over bytes the caller keeps alive.
class zip_archive {
 public:
  /// Reads the central directory of `bytes`. CORRUPT when there is none (not a ZIP, or truncated
  /// before it); LIMIT_EXCEEDED when it lists more than limits.max_entries entries.
  [[nodiscard]] static result<zip_archive> open(std::span<const std::byte> bytes, const limits& lim);

  /// Every entry, in central-directory order.
  [[nodiscard]] const std::vector<zip_entry>& entries() const noexcept { return entries_; }

  /// The entry named `name` (exact match first, then ASCII case-insensitive, a leading '/' ignored),
  /// or nullptr.
  [[nodiscard]] const zip_entry* find(std::string_view name) const noexcept;

  /// Appends the entry's inflated bytes to `out`. CORRUPT for a damaged or unsupported entry
  /// (encrypted, unknown method, bad deflate data); LIMIT_EXCEEDED when the archive's inflate budget
  /// (limits.max_decompressed_bytes, shared by all reads) or the entry's ratio limit is reached.
  /// A CRC mismatch is not an error: `crc_ok` (when given) is set to false and the data kept.
  [[nodiscard]] status read(const zip_entry& entry, std::string& out, bool* crc_ok = nullptr);

  /// Reads the entry named `name` into `out` (replacing its contents); CORRUPT when it is missing.
  [[nodiscard]] status read(std::string_view name, std::string& out, bool* crc_ok = nullptr);

  /// Bytes inflated so far by read().
  [[nodiscard]] std::uint64_t inflated_bytes() const noexcept { return inflated_; }

  /// How far an entry may inflate beyond its compressed size (after its first MiB). Real office
  /// parts stay under ~50:1 (the corpus' worst is 41:1); deflate bombs reach ~1000:1.
  static constexpr std::uint64_t max_ratio = 250;

 private:
  std::string_view bytes_;
  std::vector<zip_entry> entries_;
  std::vector<std::uint32_t> sorted_;  // entry indices by name, for find()
  std::vector<std::uint32_t> folded_;  // entry indices by name without case or leading '/', for find()
  std::int64_t shift_ = 0;             // where the directory was found minus where it was said to be
  std::uint64_t budget_ = 0;
  std::uint64_t inflated_ = 0;
};

}  // namespace quarry::detail
