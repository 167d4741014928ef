// The ZIP reader on its own: open any bytes as an archive and read every entry, with a small
// inflate budget so bombs and lying directories are explored too.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/zip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  quarry::limits lim;
  lim.max_entries = 10000;
  lim.max_decompressed_bytes = 8u << 20;
  auto z = quarry::detail::zip_archive::open(std::as_bytes(std::span(data, size)), lim);
  if (!z.ok()) return 0;
  std::string out;
  for (const auto& e : z.value().entries()) {
    out.clear();
    bool crc_ok = false;
    if (!z.value().read(e, out, &crc_ok).ok() && out.size() > (64u << 20)) __builtin_trap();
  }
  (void)z.value().find("word/document.xml");
  return 0;
}
