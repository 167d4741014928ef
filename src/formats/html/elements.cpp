#include "formats/html/elements.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace quarry::detail::html {

namespace {

constexpr std::array<element_info, static_cast<std::size_t>(tag::count_)> table = {{
    {"", display::inline_, text_mode::data, 0},
#define QUARRY_X(id, name, disp, mode, flags) {name, display::disp, text_mode::mode, flags},
    QUARRY_HTML_ELEMENTS(QUARRY_X)
#undef QUARRY_X
}};

// A cheap hash of what distinguishes element names: their length and three of their bytes.
constexpr std::uint32_t hash_name(std::string_view s) noexcept {
  const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
  const std::size_t n = s.size();
  return static_cast<std::uint32_t>(n) * 97u + b(0) * 31u + b(n / 2) * 7u + b(n - 1);
}

// Open addressing with linear probing; 512 slots for ~150 names keeps probes short.
constexpr std::size_t slots = 512;

struct slot {
  std::uint16_t tag = 0;
  std::uint8_t length = 0;
};

constexpr std::array<slot, slots> build_index() {
  std::array<slot, slots> idx{};
  for (std::size_t t = 1; t < table.size(); ++t) {
    std::size_t h = hash_name(table[t].name) & (slots - 1);
    while (idx[h].tag != 0) h = (h + 1) & (slots - 1);
    idx[h] = {static_cast<std::uint16_t>(t), static_cast<std::uint8_t>(table[t].name.size())};
  }
  return idx;
}

constexpr std::array<slot, slots> index = build_index();

// The longest probe sequence any name needs: lookups of unknown names stop after it.
constexpr std::size_t max_probe = [] {
  std::size_t worst = 0;
  for (std::size_t t = 1; t < table.size(); ++t) {
    std::size_t h = hash_name(table[t].name) & (slots - 1), n = 1;
    while (index[h].tag != t) h = (h + 1) & (slots - 1), ++n;
    worst = std::max(worst, n);
  }
  return worst;
}();

static_assert(static_cast<int>(tag::h6) - static_cast<int>(tag::h1) == 5, "headings must be contiguous");
static_assert(static_cast<std::size_t>(tag::count_) < first_dynamic, "dynamic tags must not collide");

}  // namespace

const element_info& info(tag t) noexcept {
  const auto i = static_cast<std::size_t>(t);
  return i < table.size() ? table[i] : table[0];
}

tag lookup_tag(std::string_view name) noexcept {
  if (name.empty() || name.size() > 14) return tag::unknown;  // "annotation-xml" is the longest
  std::size_t h = hash_name(name) & (slots - 1);
  for (std::size_t probe = 0; probe < max_probe; ++probe, h = (h + 1) & (slots - 1)) {
    const slot e = index[h];
    if (e.tag == 0) return tag::unknown;
    if (e.length != name.size()) continue;
    const std::string_view candidate = table[e.tag].name;
    std::size_t i = 0;
    while (i < name.size() && candidate[i] == name[i]) ++i;
    if (i == name.size()) return static_cast<tag>(e.tag);
  }
  return tag::unknown;
}

}  // namespace quarry::detail::html
