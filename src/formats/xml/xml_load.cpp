#include "formats/xml/xml_load.hpp"

namespace quarry::detail {

std::string_view xml_declared_encoding(std::string_view s) {
  if (!s.starts_with("<?xml")) return {};
  const std::size_t end = s.find("?>");
  const std::string_view decl = s.substr(0, end == std::string_view::npos ? std::min<std::size_t>(s.size(), 200) : end);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t i = at + 8;
  while (i < decl.size() && (decl[i] == ' ' || decl[i] == '\t' || decl[i] == '\r' || decl[i] == '\n' || decl[i] == '=')) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
  const char q = decl[i++];
  const std::size_t close = decl.find(q, i);
  if (close == std::string_view::npos) return {};
  return decl.substr(i, close - i);
}

namespace {

bool utf32(std::string_view b) {
  if (b.size() < 4) return false;
  using namespace std::string_view_literals;
  const std::string_view h = b.substr(0, 4);
  return h == "\0\0\xFE\xFF"sv || h == "\xFF\xFE\0\0"sv || h == "\0\0\0<"sv || h == "<\0\0\0"sv;
}

bool has_high_bytes(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

}  // namespace

void load_xml(std::string_view input, xml_source& out) {
  out.input_ = input;
  if (utf32(input)) {
    // Rare enough to leave to pugixml (its offsets are then in its own UTF-8 text).
    out.encoding_name = "utf-32";
    out.parsed = out.doc.load_buffer(input.data(), input.size(), xml_parse_options, pugi::encoding_auto);
    return;
  }
  encoding enc = encoding::utf8;
  std::size_t bom = detect_bom(input, enc);
  const bool wide_pattern = bom == 0 && input.size() >= 2 &&
                            ((input[0] == '<' && input[1] == '\0') || (input[0] == '\0' && input[1] == '<'));
  if (bom == 0 && wide_pattern) {
    enc = input[0] == '<' ? encoding::utf16le : encoding::utf16be;
  } else if (bom == 0) {
    const std::string_view label = xml_declared_encoding(input);
    out.declared = std::string(label);
    encoding named = encoding::utf8;
    const bool known = !label.empty() && encoding_from_label(label, named);
    if (known && is_single_byte(named)) {
      enc = named;
    } else if (!is_valid_utf8(input)) {
      // Undeclared or unknown encodings that are not UTF-8: read as Windows-1252 (the usual
      // culprit) and say so; a declared UTF-8 with a few bad bytes keeps them as U+FFFD.
      const bool says_utf8 = known && named == encoding::utf8;
      if (!says_utf8) {
        enc = encoding::windows1252;
        out.guessed = true;
      }
    } else if (!label.empty() && !known) {
      out.guessed = true;  // an encoding we do not convert, but the bytes are valid UTF-8
    }
  }
  if (enc == encoding::utf8) {
    out.encoding_name = "utf-8";
    out.parsed = out.doc.load_buffer(input.data(), input.size(), xml_parse_options, pugi::encoding_utf8);
    return;
  }
  out.converted_from_ = enc;
  out.encoding_name = encoding_name(enc);
  if (is_single_byte(enc) && !has_high_bytes(input)) {  // ASCII: nothing to convert
    out.parsed = out.doc.load_buffer(input.data(), input.size(), xml_parse_options, pugi::encoding_utf8);
    return;
  }
  out.converted_ = true;
  out.skipped_ = bom;
  out.buffer.reserve(input.size() + input.size() / 2);
  (void)convert_to_utf8(input.substr(bom), enc, out.buffer);
  // The declaration may still say UTF-16 or ISO-8859-1: the explicit encoding makes pugixml
  // ignore it.
  out.parsed = out.doc.load_buffer_inplace(out.buffer.data(), out.buffer.size(), xml_parse_options, pugi::encoding_utf8);
}

std::size_t xml_source::input_offset(std::size_t in_parsed) const noexcept {
  if (!converted_) return in_parsed;
  const std::string_view src = input_.substr(skipped_);
  std::size_t produced = 0, i = 0;
  if (is_single_byte(converted_from_)) {
    for (; i < src.size() && produced < in_parsed; ++i) {
      const char32_t cp = single_byte_char(converted_from_, static_cast<unsigned char>(src[i]));
      produced += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
    }
    return skipped_ + i;
  }
  const bool le = converted_from_ == encoding::utf16le;
  auto unit = [&](std::size_t k) -> char32_t {
    const auto lo = static_cast<unsigned char>(src[le ? k : k + 1]);
    const auto hi = static_cast<unsigned char>(src[le ? k + 1 : k]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  while (i + 1 < src.size() && produced < in_parsed) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < src.size()) {
      const char32_t u2 = unit(i + 2);
      if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
        produced += 4;
        i += 4;
        continue;
      }
    }
    produced += (u >= 0xD800 && u <= 0xDFFF) ? 3 : u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
    i += 2;
  }
  return skipped_ + i;
}

}  // namespace quarry::detail
