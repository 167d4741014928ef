#include "formats/eml/charset.hpp"

#include <algorithm>

#include "core/mime.hpp"

namespace quarry::detail::eml {

namespace {

// Labels that promise 7-bit text: 8-bit bytes under them are someone's mistake.
bool is_ascii_label(std::string_view label) noexcept {
  static constexpr std::string_view names[] = {"us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "csascii",
                                                "default", "unknown-8bit", "x-unknown", "unknown"};
  for (auto n : names) {
    if (iequals_ascii(label, n)) return true;
  }
  return false;
}

encoding utf8_or_1252(std::string_view bytes) noexcept {
  return is_valid_utf8(bytes) ? encoding::utf8 : encoding::windows1252;
}

}  // namespace

charset_choice choose_charset(std::string_view label, std::string_view bytes) noexcept {
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t' || label.front() == '"')) label.remove_prefix(1);
  if (const std::size_t star = label.find('*'); star != std::string_view::npos) label = label.substr(0, star);
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t' || label.back() == '"')) label.remove_suffix(1);

  charset_choice c;
  encoding bom_enc = encoding::utf8;
  if (const std::size_t bom = detect_bom(bytes, bom_enc)) {  // a BOM outranks any label
    c.enc = bom_enc;
    c.bom = bom;
    c.declared = true;
    return c;
  }
  if (label.empty() || is_ascii_label(label)) {
    c.enc = utf8_or_1252(bytes);
    return c;
  }
  if (encoding_from_label(label, c.enc)) {
    c.declared = true;
    return c;
  }
  c.known = false;
  c.enc = utf8_or_1252(bytes);
  return c;
}

std::size_t append_converted(std::string_view bytes, const charset_choice& choice, std::string& out) {
  bytes.remove_prefix(std::min(choice.bom, bytes.size()));
  if (choice.enc == encoding::utf8) return append_utf8_sanitized(bytes, out);
  return convert_to_utf8(bytes, choice.enc, out);
}

}  // namespace quarry::detail::eml
