// The result as JSON: shared by the CLI (--json) and the WebAssembly boundary, so both report the
// same structure with the same camelCase names as the JavaScript API.
#include "core/json_text.hpp"
#include "quarry/quarry.hpp"

namespace quarry {

namespace {

void write_structure_members(const document& doc, std::string& out) {
  out += "\"mimeType\":";
  detail::append_json_string(doc.mime_type, out);
  out += ",\"metadata\":";
  write_json(doc.metadata, out);
  out += ",\"tables\":[";
  for (std::size_t t = 0; t < doc.tables.size(); ++t) {
    const table& tb = doc.tables[t];
    if (t) out += ',';
    out += "{\"cells\":[";
    for (std::size_t r = 0; r < tb.cells.size(); ++r) {
      if (r) out += ',';
      out += '[';
      for (std::size_t c = 0; c < tb.cells[r].size(); ++c) {
        if (c) out += ',';
        detail::append_json_string(tb.cells[r][c], out);
      }
      out += ']';
    }
    out += "],\"markdown\":";
    detail::append_json_string(tb.markdown, out);
    if (tb.page_number) out += ",\"pageNumber\":" + std::to_string(tb.page_number);
    out += '}';
  }
  out += ']';
  if (!doc.pages.empty()) {
    out += ",\"pages\":[";
    for (std::size_t p = 0; p < doc.pages.size(); ++p) {
      if (p) out += ',';
      out += "{\"pageNumber\":" + std::to_string(doc.pages[p].page_number) + ",\"content\":";
      detail::append_json_string(doc.pages[p].content, out);
      out += '}';
    }
    out += ']';
  }
  if (!doc.images.empty()) {
    out += ",\"images\":[";
    for (std::size_t i = 0; i < doc.images.size(); ++i) {
      const image_info& im = doc.images[i];
      if (i) out += ',';
      out += "{\"format\":";
      detail::append_json_string(im.format, out);
      if (im.width) out += ",\"width\":" + std::to_string(im.width);
      if (im.height) out += ",\"height\":" + std::to_string(im.height);
      if (im.page_number) out += ",\"pageNumber\":" + std::to_string(im.page_number);
      if (!im.name.empty()) {
        out += ",\"name\":";
        detail::append_json_string(im.name, out);
      }
      out += '}';
    }
    out += ']';
  }
  out += ",\"warnings\":[";
  for (std::size_t w = 0; w < doc.warnings.size(); ++w) {
    if (w) out += ',';
    out += "{\"code\":";
    detail::append_json_string(doc.warnings[w].code, out);
    out += ",\"message\":";
    detail::append_json_string(doc.warnings[w].message, out);
    out += '}';
  }
  out += ']';
}

}  // namespace

void write_structure_json(const document& doc, std::string& out) {
  out += '{';
  write_structure_members(doc, out);
  out += '}';
}

void write_document_json(const document& doc, std::string& out) {
  out += "{\"content\":";
  detail::append_json_string(doc.content, out);
  out += ',';
  write_structure_members(doc, out);
  out += '}';
}

void write_error_json(const error& err, std::string& out) {
  out += "{\"code\":";
  detail::append_json_string(to_string(err.code), out);
  out += ",\"message\":";
  detail::append_json_string(err.detail, out);
  if (err.offset != error::no_offset) out += ",\"offset\":" + std::to_string(err.offset);
  out += '}';
}

}  // namespace quarry
