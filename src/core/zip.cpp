#include "core/zip.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>

#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

constexpr std::uint32_t sig_local = 0x04034b50;
constexpr std::uint32_t sig_central = 0x02014b50;
constexpr std::uint32_t sig_end = 0x06054b50;
constexpr std::uint32_t sig_end64 = 0x06064b50;
constexpr std::uint32_t sig_end64_locator = 0x07064b50;
constexpr std::uint32_t u32_max = 0xFFFFFFFFu;
constexpr std::uint64_t ratio_allowance = 1u << 20;  // any entry may inflate to 1 MiB

/// Little-endian reads that never pass the end (missing bytes read as zero; callers check sizes).
struct cursor {
  std::string_view b;
  [[nodiscard]] std::uint16_t u16(std::size_t at) const noexcept {
    if (at > b.size() || b.size() - at < 2) return 0;
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
  }
  [[nodiscard]] std::uint32_t u32(std::size_t at) const noexcept {
    return static_cast<std::uint32_t>(u16(at)) | static_cast<std::uint32_t>(u16(at + 2)) << 16;
  }
  [[nodiscard]] std::uint64_t u64(std::size_t at) const noexcept {
    return static_cast<std::uint64_t>(u32(at)) | static_cast<std::uint64_t>(u32(at + 4)) << 32;
  }
  [[nodiscard]] bool fits(std::uint64_t at, std::uint64_t n) const noexcept {
    return at <= b.size() && n <= b.size() - at;
  }
};

error corrupt(std::uint64_t at, std::string why) {
  return error{error_code::corrupt, at, "ZIP: " + std::move(why)};
}

/// The end of central directory record: searched backwards over the comment (at most 64 KiB).
std::size_t find_end_record(const cursor& c) noexcept {
  if (c.b.size() < 22) return std::string_view::npos;
  const std::size_t lowest = c.b.size() > 22 + 0xFFFF ? c.b.size() - 22 - 0xFFFF : 0;
  for (std::size_t at = c.b.size() - 22 + 1; at-- > lowest;) {
    if (c.b[at] == 'P' && c.u32(at) == sig_end) return at;
  }
  return std::string_view::npos;
}

/// Entry names in UTF-8: flagged UTF-8, or valid UTF-8 anyway (many writers forget the flag), else
/// CP437 as the format specifies. Backslashes (written by some Windows tools) become '/'.
std::string entry_name(std::string_view raw, std::uint16_t flags) {
  std::string name;
  if ((flags & 0x0800) != 0 || is_valid_utf8(raw)) {
    append_utf8_sanitized(raw, name);
  } else {
    (void)convert_to_utf8(raw, encoding::ibm437, name);
  }
  std::replace(name.begin(), name.end(), '\\', '/');
  return name;
}

bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto low = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
           return low(x) == low(y);
         });
}

// Names compared without ASCII case and without leading '/', for find()'s second try.
std::string_view strip_slashes(std::string_view n) noexcept {
  while (!n.empty() && n.front() == '/') n.remove_prefix(1);
  return n;
}

bool folded_less(std::string_view a, std::string_view b) noexcept {
  a = strip_slashes(a);
  b = strip_slashes(b);
  auto low = [](char ch) {
    return static_cast<unsigned char>(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char x, char y) { return low(x) < low(y); });
}

}  // namespace

result<zip_archive> zip_archive::open(std::span<const std::byte> bytes, const limits& lim) {
  zip_archive z;
  z.bytes_ = as_chars(bytes);
  z.budget_ = lim.max_decompressed_bytes;
  const cursor c{z.bytes_};
  const std::size_t end = find_end_record(c);
  if (end == std::string_view::npos) return corrupt(error::no_offset, "no end of central directory record (not a ZIP archive, or truncated)");

  std::uint64_t count = c.u16(end + 10);
  std::uint64_t cd_size = c.u32(end + 12);
  std::uint64_t cd_offset = c.u32(end + 16);
  // ZIP64: a locator right before the end record points at the 64-bit end record.
  if (end >= 20 && c.u32(end - 20) == sig_end64_locator) {
    const std::uint64_t at = c.u64(end - 20 + 8);
    if (c.fits(at, 56) && c.u32(static_cast<std::size_t>(at)) == sig_end64) {
      const auto a = static_cast<std::size_t>(at);
      count = c.u64(a + 32);
      cd_size = c.u64(a + 40);
      cd_offset = c.u64(a + 48);
    }
  }
  // Data before the archive (self-extractors, a prepended header) shifts every offset: when the
  // directory is not where it says, trust its size and the end record's position instead.
  const std::uint64_t cd_end = end >= 20 && c.u32(end - 20) == sig_end64_locator ? end - 20 : end;
  if (!c.fits(cd_offset, 4) || c.u32(static_cast<std::size_t>(cd_offset)) != sig_central) {
    if (cd_size <= cd_end && c.u32(static_cast<std::size_t>(cd_end - cd_size)) == sig_central) {
      z.shift_ = static_cast<std::int64_t>(cd_end - cd_size) - static_cast<std::int64_t>(cd_offset);
      cd_offset = cd_end - cd_size;
    } else if (count != 0) {
      return corrupt(cd_offset, "the central directory is not where the end record says");
    }
  }
  if (count > lim.max_entries) {
    return error{error_code::limit_exceeded, end,
                 "ZIP: " + std::to_string(count) + " entries exceed limits.max_entries (" + std::to_string(lim.max_entries) + ")"};
  }
  // The count may lie: never reserve more than the directory's bytes can hold.
  z.entries_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, z.bytes_.size() / 46)));

  std::uint64_t at = cd_offset;
  while (c.fits(at, 46) && c.u32(static_cast<std::size_t>(at)) == sig_central) {
    if (z.entries_.size() >= lim.max_entries) {
      return error{error_code::limit_exceeded, at, "ZIP: more entries than limits.max_entries (" + std::to_string(lim.max_entries) + ")"};
    }
    const auto p = static_cast<std::size_t>(at);
    zip_entry e;
    e.flags = c.u16(p + 8);
    e.method = c.u16(p + 10);
    e.crc32 = c.u32(p + 16);
    e.compressed_size = c.u32(p + 20);
    e.uncompressed_size = c.u32(p + 24);
    const std::size_t name_len = c.u16(p + 28), extra_len = c.u16(p + 30), comment_len = c.u16(p + 32);
    e.local_header_offset = c.u32(p + 42);
    if (!c.fits(at + 46, name_len + extra_len)) return corrupt(at, "a central directory entry runs past the end");
    e.name = entry_name(z.bytes_.substr(p + 46, name_len), e.flags);
    // ZIP64 extra field: the 64-bit values, in this order, for those whose 32-bit field is full.
    std::size_t x = p + 46 + name_len;
    const std::size_t x_end = x + extra_len;
    while (x + 4 <= x_end) {
      const std::uint16_t id = c.u16(x), len = c.u16(x + 2);
      if (x + 4 + len > x_end) break;
      if (id == 0x0001) {
        std::size_t v = x + 4;
        auto take = [&](std::uint64_t& field) {
          if (field == u32_max && v + 8 <= x + 4 + len) {
            field = c.u64(v);
            v += 8;
          }
        };
        take(e.uncompressed_size);
        take(e.compressed_size);
        take(e.local_header_offset);
      }
      x += 4 + static_cast<std::size_t>(len);
    }
    z.entries_.push_back(std::move(e));
    at += 46 + name_len + extra_len + comment_len;
  }
  if (z.entries_.empty() && count != 0) return corrupt(cd_offset, "the central directory holds no readable entry");

  z.sorted_.resize(z.entries_.size());
  for (std::size_t i = 0; i < z.sorted_.size(); ++i) z.sorted_[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(z.sorted_.begin(), z.sorted_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return z.entries_[a].name < z.entries_[b].name; });
  // Stable: among names equal but for case, the first in the directory comes first.
  z.folded_ = z.sorted_;
  std::stable_sort(z.folded_.begin(), z.folded_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return folded_less(z.entries_[a].name, z.entries_[b].name); });
  return z;
}

const zip_entry* zip_archive::find(std::string_view name) const noexcept {
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  const auto it = std::lower_bound(sorted_.begin(), sorted_.end(), name,
                                   [&](std::uint32_t i, std::string_view n) { return entries_[i].name < n; });
  if (it != sorted_.end() && entries_[*it].name == name) return &entries_[*it];
  // Without case: a second index, so that a document looking up many missing names (an EPUB
  // spine, OPC relationships) costs O(log n) per miss rather than a scan of the directory.
  const auto f = std::lower_bound(folded_.begin(), folded_.end(), name,
                                  [&](std::uint32_t i, std::string_view n) { return folded_less(entries_[i].name, n); });
  if (f != folded_.end() && iequals_ascii(strip_slashes(entries_[*f].name), name)) return &entries_[*f];
  return nullptr;
}

status zip_archive::read(std::string_view name, std::string& out, bool* crc_ok) {
  out.clear();
  const zip_entry* e = find(name);
  if (e == nullptr) return corrupt(error::no_offset, "the archive has no '" + std::string(name) + "'");
  return read(*e, out, crc_ok);
}

status zip_archive::read(const zip_entry& e, std::string& out, bool* crc_ok) {
  if (crc_ok != nullptr) *crc_ok = true;
  const cursor c{bytes_};
  std::uint64_t at = e.local_header_offset;
  auto local_at = [&](std::uint64_t a) { return c.fits(a, 30) && c.u32(static_cast<std::size_t>(a)) == sig_local; };
  // When the directory was found away from where the end record said, the entries may be shifted
  // by the same amount (data prepended to the archive) or not (only the end record is wrong).
  if (!local_at(at) && shift_ != 0) at = static_cast<std::uint64_t>(static_cast<std::int64_t>(at) + shift_);
  if (!local_at(at)) {
    return corrupt(at, "no local header for '" + e.name + "'");
  }
  if ((e.flags & 0x0001) != 0) return error{error_code::encrypted, at, "ZIP: '" + e.name + "' is encrypted"};
  const auto p = static_cast<std::size_t>(at);
  const std::uint64_t data = at + 30 + c.u16(p + 26) + c.u16(p + 28);
  if (data > bytes_.size()) return corrupt(at, "'" + e.name + "' starts past the end");
  // A truncated archive keeps what is there; the inflater then reports the missing end.
  const std::uint64_t avail = std::min<std::uint64_t>(e.compressed_size, bytes_.size() - data);
  const std::string_view in = bytes_.substr(static_cast<std::size_t>(data), static_cast<std::size_t>(avail));
  const std::size_t start = out.size();
  const std::uint64_t left = budget_ - inflated_;
  // Bombs stop at the ratio bound or the archive's budget, whichever comes first.
  const std::uint64_t ratio_cap = e.compressed_size > (std::numeric_limits<std::uint64_t>::max() - ratio_allowance) / max_ratio
                                      ? std::numeric_limits<std::uint64_t>::max()
                                      : e.compressed_size * max_ratio + ratio_allowance;
  const std::uint64_t cap = std::min(left, ratio_cap);
  auto over = [&](std::uint64_t produced) -> error {
    const bool budget = produced > left;
    return error{error_code::limit_exceeded, at,
                 budget ? "ZIP: inflating '" + e.name + "' exceeds limits.max_decompressed_bytes (" + std::to_string(budget_) + ")"
                        : "ZIP: '" + e.name + "' inflates more than " + std::to_string(max_ratio) +
                              " times its compressed size (a zip bomb?)"};
  };

  if (e.method == 0) {
    if (in.size() > cap) return over(in.size());
    out.append(in);
  } else if (e.method == 8) {
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) return error{error_code::out_of_memory, at, "ZIP: cannot start inflating"};
    // Never trust the declared size for more than a modest first reservation.
    out.reserve(start + static_cast<std::size_t>(std::min<std::uint64_t>({e.uncompressed_size, cap, 64u << 20})));
    std::size_t fed = 0;
    int rc = Z_OK;
    constexpr std::size_t chunk = 64 * 1024;
    while (rc != Z_STREAM_END) {
      if (zs.avail_in == 0 && fed < in.size()) {
        const std::size_t n = std::min<std::size_t>(in.size() - fed, 1u << 30);
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
        zs.avail_in = static_cast<uInt>(n);
        fed += n;
      }
      const std::size_t produced = out.size() - start;
      if (produced >= cap) {
        inflateEnd(&zs);
        return over(produced + 1);
      }
      const std::size_t room = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, cap - produced));
      const std::size_t before = out.size();
      out.resize(before + room);
      zs.next_out = reinterpret_cast<Bytef*>(out.data() + before);
      zs.avail_out = static_cast<uInt>(room);
      rc = inflate(&zs, Z_NO_FLUSH);
      out.resize(before + room - zs.avail_out);
      if (rc == Z_STREAM_END) break;
      if (rc == Z_BUF_ERROR && zs.avail_in == 0 && fed >= in.size()) {
        inflateEnd(&zs);
        inflated_ += out.size() - start;
        return corrupt(data + fed, "'" + e.name + "' is truncated");
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        inflateEnd(&zs);
        return corrupt(data + (fed - zs.avail_in), "'" + e.name + "' has damaged deflate data");
      }
    }
    inflateEnd(&zs);
  } else {
    return corrupt(at, "'" + e.name + "' uses compression method " + std::to_string(e.method) + ", which is not supported");
  }
  inflated_ += out.size() - start;
  if (crc_ok != nullptr) {
    const std::string_view got = std::string_view(out).substr(start);
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::size_t i = 0; i < got.size(); i += 1u << 30) {
      const std::size_t n = std::min<std::size_t>(got.size() - i, 1u << 30);
      crc = crc32(crc, reinterpret_cast<const Bytef*>(got.data() + i), static_cast<uInt>(n));
    }
    *crc_ok = static_cast<std::uint32_t>(crc) == e.crc32;
  }
  return std::monostate{};
}

}  // namespace quarry::detail
