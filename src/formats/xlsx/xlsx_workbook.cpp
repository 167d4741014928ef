#include "formats/xlsx/xlsx_workbook.hpp"

#include "formats/xlsx/xml_pull.hpp"

namespace quarry::detail {

status read_workbook(std::string_view xml, xlsx_workbook& wb, writer& out) {
  xml_pull x(xml, out.limits().max_depth);
  const std::uint64_t max_items = out.limits().max_entries;
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) return error{error_code::limit_exceeded, x.offset(), "workbook: " + std::string(x.error_message())};
      out.warn("damaged_part", "the workbook part is damaged (" + std::string(x.error_message()) + "); sheets listed after the damage are missing");
      break;
    }
    if (e != xml_event::start) continue;
    const std::string_view n = x.local_name();
    if (n == "sheet") {
      if (wb.sheets.size() >= max_items) {
        out.warn("too_many_sheets", "the workbook lists more than limits.max_entries sheets; the rest are left out");
        break;
      }
      xlsx_sheet_entry s;
      s.name = x.attribute_value("name");
      s.rel_id = x.attribute_value("id");  // r:id (whatever its prefix)
      const std::string state = x.attribute_value("state");
      s.hidden = state == "hidden" || state == "veryHidden";
      wb.sheets.push_back(std::move(s));
    } else if (n == "workbookPr") {
      const std::string d = x.attribute_value("date1904");
      if (d == "1" || d == "true") wb.dates = date_system::d1904;
    }
  }
  return std::monostate{};
}

}  // namespace quarry::detail
