#include "core/text_input.hpp"

#include "core/utf8.hpp"

namespace quarry::detail {

status decode_text_input(std::span<const std::byte> bytes, std::string_view format_name, std::string& storage,
                         std::string_view& text, writer& out) {
  text = as_chars(bytes);
  encoding enc = encoding::utf8;
  const std::size_t bom = detect_bom(text, enc);
  if (enc == encoding::utf16le || enc == encoding::utf16be) {
    const std::size_t bad = convert_to_utf8(text.substr(bom), enc, storage);
    if (bad) out.warn("invalid_utf16", std::to_string(bad) + " invalid UTF-16 sequence(s) replaced by U+FFFD");
    text = storage;
    return std::monostate{};
  }
  text.remove_prefix(bom);
  const std::string_view sample = text.substr(0, 64 * 1024);
  std::size_t controls = 0;
  for (char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++controls;
  }
  if (controls * 50 > sample.size() + 50) {
    return error{error_code::corrupt, 0, "binary data, not " + std::string(format_name) + " text"};
  }
  if (!is_valid_utf8(text)) {
    const std::size_t bad = append_utf8_sanitized(text, storage);
    out.warn("invalid_utf8", std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD");
    text = storage;
  }
  return std::monostate{};
}

}  // namespace quarry::detail
