#include "render.hpp"

namespace quarry::cli {

failure from_error(const quarry::error& e) {
  return {std::string(quarry::to_string(e.code)), e.detail, e.offset};
}

failure io_failure(std::string message) { return {"IO_ERROR", std::move(message), quarry::error::no_offset}; }

std::string json_string(std::string_view s) {
  std::string out;
  // quarry::write_json escapes and repairs invalid UTF-8 (a file name need not be UTF-8).
  quarry::write_json(quarry::value(s), out);
  return out;
}

void append_document_json(std::string_view path, const quarry::document& doc, std::string& out) {
  const std::size_t start = out.size();
  quarry::write_document_json(doc, out);
  // write_document_json makes "{...}"; the path goes first so a JSON Lines reader sees it early.
  out.insert(start + 1, "\"path\":" + json_string(path) + ",");
  out += '\n';
}

void append_error_json(std::string_view path, const failure& f, std::string& out) {
  out += "{\"path\":";
  out += json_string(path);
  out += ",\"error\":{\"code\":";
  out += json_string(f.code);
  out += ",\"message\":";
  out += json_string(f.message);
  if (f.offset != quarry::error::no_offset) out += ",\"offset\":" + std::to_string(f.offset);
  out += "}}\n";
}

std::string error_line(std::string_view path, const failure& f) {
  std::string line = "quarry: ";
  line += path;
  line += ": ";
  line += f.code;
  line += ": ";
  line += f.message;
  if (f.offset != quarry::error::no_offset) line += " (at byte " + std::to_string(f.offset) + ")";
  // One line per failure, whatever the message holds.
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line += '\n';
  return line;
}

std::string file_header(std::string_view path) {
  std::string h = "==> ";
  h += path;
  h += " <==\n";
  return h;
}

}  // namespace quarry::cli
