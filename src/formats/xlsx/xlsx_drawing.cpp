#include "formats/xlsx/xlsx_drawing.hpp"

#include <string>

#include "formats/xlsx/xml_pull.hpp"

namespace quarry::detail {

status read_drawing_text(std::string_view xml, writer& out) {
  xml_pull x(xml, out.limits().max_depth);
  int in_body = 0;  // inside <xdr:txBody> (or a group's shape's)
  int in_t = 0;
  std::string paragraph;
  auto flush = [&] {
    if (paragraph.find_first_not_of(" \t\r\n") != std::string::npos) {
      out.paragraph();
      out.text_collapsed(paragraph);
    }
    paragraph.clear();
  };
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof || out.stopped()) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) return error{error_code::limit_exceeded, x.offset(), "drawing: " + std::string(x.error_message())};
      out.warn("damaged_part", "a drawing part is damaged (" + std::string(x.error_message()) + ")");
      break;
    }
    if (e == xml_event::text) {
      if (in_body > 0 && in_t > 0) x.append_text(paragraph);
      continue;
    }
    const std::string_view n = x.local_name();
    if (e == xml_event::start) {
      if (n == "txBody") ++in_body;
      else if (n == "t" && in_body > 0) ++in_t;
      else if (n == "br" && in_body > 0) paragraph += ' ';
      continue;
    }
    if (n == "txBody") {
      if (in_body > 0) --in_body;
    } else if (n == "t") {
      if (in_t > 0) --in_t;
    } else if (n == "p" && in_body > 0) {
      flush();
    }
  }
  flush();
  return std::monostate{};
}

}  // namespace quarry::detail
