#include "formats/eml/transfer.hpp"

#include <algorithm>
#include <array>

namespace quarry::detail::eml {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// 0..63 for the base64 alphabet (standard and URL-safe), 64 for everything else.
constexpr std::array<std::uint8_t, 256> base64_table = [] {
  std::array<std::uint8_t, 256> t{};
  t.fill(64);
  for (int i = 0; i < 26; ++i) {
    t[static_cast<std::size_t>('A' + i)] = static_cast<std::uint8_t>(i);
    t[static_cast<std::size_t>('a' + i)] = static_cast<std::uint8_t>(26 + i);
  }
  for (int i = 0; i < 10; ++i) t[static_cast<std::size_t>('0' + i)] = static_cast<std::uint8_t>(52 + i);
  t['+'] = 62;
  t['/'] = 63;
  t['-'] = 62;
  t['_'] = 63;
  return t;
}();

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// Walks base64 text, calling emit(byte) for every decoded byte; stops when emit returns false.
template <class Emit>
bool walk_base64(std::string_view in, Emit&& emit) {
  std::uint32_t acc = 0;
  int bits = 0;  // valid bits in acc: 0, 6, 12 or 18
  for (char ch : in) {
    const std::uint8_t v = base64_table[static_cast<unsigned char>(ch)];
    if (v == 64) {
      if (ch == '=') {  // padding: whatever the partial group holds has been emitted; start afresh
        acc = 0;
        bits = 0;
      }
      continue;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (!emit(static_cast<char>((acc >> bits) & 0xFF))) return false;
      acc &= (1u << bits) - 1;
    }
  }
  return true;
}

// Walks quoted-printable text the same way.
template <class Emit>
bool walk_qp(std::string_view in, bool underscore_is_space, Emit&& emit) {
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n) {
    const char c = in[i];
    if (c == '_' && underscore_is_space) {
      if (!emit(' ')) return false;
      ++i;
      continue;
    }
    if (c != '=') {
      if (!emit(c)) return false;
      ++i;
      continue;
    }
    if (i + 2 < n && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      if (!emit(static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])))) return false;
      i += 3;
      continue;
    }
    if (i + 2 == n && hex_value(in[i + 1]) >= 0) {  // "=A" at the very end: not an escape
      if (!emit('=')) return false;
      ++i;
      continue;
    }
    // A soft line break: "=", optional blanks, then the line end (or the end of the text).
    std::size_t j = i + 1;
    while (j < n && is_blank(in[j])) ++j;
    if (j == n) return true;
    if (in[j] == '\r' || in[j] == '\n') {
      if (in[j] == '\r' && j + 1 < n && in[j + 1] == '\n') ++j;
      i = j + 1;
      continue;
    }
    if (!emit('=')) return false;  // a lone '=': kept as written
    ++i;
  }
  return true;
}

}  // namespace

transfer_encoding transfer_encoding_from(std::string_view value) noexcept {
  while (!value.empty() && (is_blank(value.front()) || value.front() == '"')) value.remove_prefix(1);
  while (!value.empty() && (is_blank(value.back()) || value.back() == '"' || value.back() == ';')) value.remove_suffix(1);
  auto is = [&](std::string_view name) {
    if (value.size() != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (lower(value[i]) != name[i]) return false;
    }
    return true;
  };
  if (is("base64")) return transfer_encoding::base64;
  if (is("quoted-printable")) return transfer_encoding::quoted_printable;
  return transfer_encoding::identity;
}

bool decode_base64(std::string_view in, std::string& out, std::uint64_t budget) {
  const std::size_t start = out.size();
  out.reserve(start + static_cast<std::size_t>(std::min<std::uint64_t>(budget, in.size() / 4 * 3 + 3)));
  return walk_base64(in, [&](char b) {
    if (out.size() - start >= budget) return false;
    out.push_back(b);
    return true;
  });
}

bool decode_quoted_printable(std::string_view in, std::string& out, std::uint64_t budget) {
  const std::size_t start = out.size();
  out.reserve(start + static_cast<std::size_t>(std::min<std::uint64_t>(budget, in.size())));
  return walk_qp(in, false, [&](char b) {
    if (out.size() - start >= budget) return false;
    out.push_back(b);
    return true;
  });
}

void decode_q(std::string_view in, std::string& out) {
  (void)walk_qp(in, true, [&](char b) {
    out.push_back(b);
    return true;
  });
}

std::uint64_t decoded_size(std::string_view body, transfer_encoding te) noexcept {
  std::uint64_t n = 0;
  auto count = [&](char) {
    ++n;
    return true;
  };
  switch (te) {
    case transfer_encoding::identity: return body.size();
    case transfer_encoding::base64: (void)walk_base64(body, count); break;
    case transfer_encoding::quoted_printable: (void)walk_qp(body, false, count); break;
  }
  return n;
}

bool decode_body(std::string_view body, transfer_encoding te, std::string& out, std::uint64_t budget) {
  out.clear();
  switch (te) {
    case transfer_encoding::identity:
      if (body.size() > budget) return false;
      out.assign(body);
      return true;
    case transfer_encoding::base64: return decode_base64(body, out, budget);
    case transfer_encoding::quoted_printable: return decode_quoted_printable(body, out, budget);
  }
  return true;
}

}  // namespace quarry::detail::eml
