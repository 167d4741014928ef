// A small ZIP writer for tests: builds archives in memory (stored or deflated entries, optional
// ZIP64 records, data descriptors, and deliberate lies) so container formats can be tested with
// well-formed and hostile archives alike.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::test {

/// Builds a ZIP archive entry by entry.
class zip_writer {
 public:
  /// How one entry is written.
  struct entry_options {
    bool deflate = true;
    bool utf8_flag = false;
    bool encrypted_flag = false;
    bool bad_crc = false;
    std::uint16_t method_override = 0xFFFF;  ///< write this method number instead
    std::int64_t declared_size_delta = 0;    ///< added to the uncompressed size in the headers
  };

  /// Adds an entry named `name` with `data`.
  zip_writer& add(std::string_view name, std::string_view data) { return add(name, data, entry_options{}); }
  zip_writer& add(std::string_view name, std::string_view data, entry_options o) {
    entry e;
    e.name = name;
    e.crc = static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    if (o.bad_crc) e.crc ^= 0x5A5A5A5Au;
    e.size = static_cast<std::uint32_t>(static_cast<std::int64_t>(data.size()) + o.declared_size_delta);
    e.method = o.deflate ? 8 : 0;
    e.data = o.deflate ? raw_deflate(data) : std::string(data);
    if (o.method_override != 0xFFFF) e.method = o.method_override;
    e.flags = static_cast<std::uint16_t>((o.utf8_flag ? 0x0800 : 0) | (o.encrypted_flag ? 1 : 0));
    entries_.push_back(std::move(e));
    return *this;
  }

  /// The archive. `entry_count_override` writes another count into the end record;
  /// `cd_offset_delta` misplaces the central directory offset; `zip64` adds ZIP64 end records.
  [[nodiscard]] std::string build(std::int64_t entry_count_override = -1, std::int64_t cd_offset_delta = 0,
                                  bool zip64 = false) const {
    std::string out;
    std::vector<std::uint32_t> offsets;
    for (const entry& e : entries_) {
      offsets.push_back(static_cast<std::uint32_t>(out.size()));
      u32(out, 0x04034b50);
      u16(out, 20);
      u16(out, e.flags);
      u16(out, e.method);
      u32(out, 0);  // time, date
      u32(out, e.crc);
      u32(out, static_cast<std::uint32_t>(e.data.size()));
      u32(out, e.size);
      u16(out, static_cast<std::uint16_t>(e.name.size()));
      u16(out, 0);
      out += e.name;
      out += e.data;
    }
    const auto cd = static_cast<std::uint32_t>(out.size());
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const entry& e = entries_[i];
      u32(out, 0x02014b50);
      u16(out, 20);
      u16(out, 20);
      u16(out, e.flags);
      u16(out, e.method);
      u32(out, 0);
      u32(out, e.crc);
      u32(out, static_cast<std::uint32_t>(e.data.size()));
      u32(out, e.size);
      u16(out, static_cast<std::uint16_t>(e.name.size()));
      u16(out, 0);
      u16(out, 0);
      u16(out, 0);
      u16(out, 0);
      u32(out, 0);
      u32(out, offsets[i]);
      out += e.name;
    }
    const auto cd_size = static_cast<std::uint32_t>(out.size() - cd);
    const std::uint64_t count = entry_count_override >= 0 ? static_cast<std::uint64_t>(entry_count_override) : entries_.size();
    const auto cd_at = static_cast<std::uint32_t>(static_cast<std::int64_t>(cd) + cd_offset_delta);
    if (zip64) {
      const auto end64 = out.size();
      u32(out, 0x06064b50);
      u64(out, 44);
      u16(out, 45);
      u16(out, 45);
      u32(out, 0);
      u32(out, 0);
      u64(out, count);
      u64(out, count);
      u64(out, cd_size);
      u64(out, cd_at);
      u32(out, 0x07064b50);
      u32(out, 0);
      u64(out, end64);
      u32(out, 1);
    }
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, zip64 ? 0xFFFF : static_cast<std::uint16_t>(count));
    u16(out, zip64 ? 0xFFFF : static_cast<std::uint16_t>(count));
    u32(out, zip64 ? 0xFFFFFFFFu : cd_size);
    u32(out, zip64 ? 0xFFFFFFFFu : cd_at);
    u16(out, 0);
    return out;
  }

  /// Raw deflate (no zlib header), as ZIP stores it.
  static std::string raw_deflate(std::string_view data, int level = 9) {
    z_stream zs{};
    deflateInit2(&zs, level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  }

 private:
  struct entry {
    std::string name, data;
    std::uint32_t crc = 0, size = 0;
    std::uint16_t method = 8, flags = 0;
  };
  static void u16(std::string& o, std::uint32_t v) {
    o += static_cast<char>(v & 0xFF);
    o += static_cast<char>((v >> 8) & 0xFF);
  }
  static void u32(std::string& o, std::uint32_t v) {
    u16(o, v & 0xFFFF);
    u16(o, v >> 16);
  }
  static void u64(std::string& o, std::uint64_t v) {
    u32(o, static_cast<std::uint32_t>(v));
    u32(o, static_cast<std::uint32_t>(v >> 32));
  }
  std::vector<entry> entries_;
};

}  // namespace quarry::test
