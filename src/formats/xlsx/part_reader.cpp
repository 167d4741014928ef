#include "formats/xlsx/part_reader.hpp"

#include "formats/xlsx/xml_pull.hpp"

namespace quarry::detail {

status read_xml_part(zip_archive& zip, std::string_view name, std::string& xml, writer& out) {
  xml.clear();
  const zip_entry* entry = zip.find(name);
  if (!entry) return error{error_code::corrupt, error::no_offset, "the part " + std::string(name) + " is missing"};
  bool crc_ok = true;
  if (status st = zip.read(*entry, xml, &crc_ok); !st.ok()) return st;
  if (!crc_ok) out.warn("crc_mismatch", "the part " + std::string(name) + " fails its CRC check; it was read as it is");
  normalize_xml_encoding(xml);
  return std::monostate{};
}

}  // namespace quarry::detail
