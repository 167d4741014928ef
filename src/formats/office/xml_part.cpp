#include "formats/office/xml_part.hpp"

#include <utility>

#include "core/utf8.hpp"

namespace quarry::detail {

status load_xml_part(std::string& text, pugi::xml_document& doc, writer& out, std::string_view name) {
  // Parts are UTF-8 or UTF-16 (XML 1.0 requires readers to accept both); anything else that is not
  // valid UTF-8 is damage.
  encoding enc = encoding::utf8;
  std::size_t bom = detect_bom(text, enc);
  if (bom == 0 && text.size() >= 2 && ((text[0] == '<' && text[1] == '\0') || (text[0] == '\0' && text[1] == '<'))) {
    enc = text[0] == '<' ? encoding::utf16le : encoding::utf16be;
  }
  if (enc != encoding::utf8) {
    std::string converted;
    converted.reserve(text.size());
    const std::size_t bad = convert_to_utf8(std::string_view(text).substr(bom), enc, converted);
    text = std::move(converted);
    if (bad) out.warn("invalid_utf16", std::string(name) + ": " + std::to_string(bad) + " invalid UTF-16 sequence(s) replaced by U+FFFD");
  } else if (!is_valid_utf8(text)) {
    std::string clean;
    clean.reserve(text.size() + 16);
    const std::size_t bad = append_utf8_sanitized(std::string_view(text).substr(bom), clean);
    text = std::move(clean);
    out.warn("invalid_utf8", std::string(name) + ": " + std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD");
  }
  // A terminating NUL of our own: pugixml gives up the buffer's last character to its own
  // terminator otherwise, which loses the last letter of a part cut off mid-text.
  text.push_back('\0');
  const pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(text.data(), text.size(), office_xml_options, pugi::encoding_utf8);
  if (parsed.status == pugi::status_out_of_memory) {
    return error{error_code::out_of_memory, error::no_offset, "out of memory while parsing " + std::string(name)};
  }
  if (!parsed && doc.document_element()) {
    out.warn("malformed_xml", std::string(name) + ": " + parsed.description() + " at offset " +
                                  std::to_string(parsed.offset) + "; the part was read up to there");
  }
  return std::monostate{};
}

result<bool> read_xml_part(zip_archive& zip, std::string_view name, std::string& text, pugi::xml_document& doc,
                           writer& out) {
  const zip_entry* e = zip.find(name);
  if (!e) {
    out.warn("missing_part", std::string(name) + " is missing");
    return false;
  }
  text.clear();
  bool crc_ok = true;
  if (status st = zip.read(*e, text, &crc_ok); !st.ok()) {
    if (st.err().code == error_code::limit_exceeded || st.err().code == error_code::out_of_memory) return std::move(st).err();
    out.warn("damaged_part", std::string(name) + " cannot be read (" + st.err().detail + "); it was skipped");
    return false;
  }
  if (!crc_ok) out.warn("crc_mismatch", std::string(name) + " fails its CRC check");
  if (status st = load_xml_part(text, doc, out, name); !st.ok()) return std::move(st).err();
  if (!doc.document_element()) {
    out.warn("damaged_part", std::string(name) + " is not XML; it was skipped");
    return false;
  }
  return true;
}

pugi::xml_node child_named(pugi::xml_node parent, std::string_view name) noexcept {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

pugi::xml_attribute attribute_named(pugi::xml_node n, std::string_view name) noexcept {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == name) return a;
  }
  return {};
}

pugi::xml_attribute prefixed_attribute(pugi::xml_node n, std::string_view name) noexcept {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view q(a.name());
    const std::size_t colon = q.find(':');
    if (colon != std::string_view::npos && q.substr(colon + 1) == name) return a;
  }
  return {};
}

}  // namespace quarry::detail
