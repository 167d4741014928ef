// quarry formats: the compiled-in extractor table, as text, Markdown (the README's table is made
// from this) or JSON.
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "quarry/quarry.hpp"
#include "text_cells.hpp"

namespace quarry::cli {

namespace {

std::string join(std::span<const std::string_view> items, std::string_view before, std::string_view after,
                 std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += before;
    out += items[i];
    out += after;
  }
  return out;
}

// A Markdown table cell: pipes would end the cell.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string as_markdown() {
  std::string out = "| Format | Description | MIME types | Extensions |\n|---|---|---|---|\n";
  for (const quarry::format_info& f : quarry::extractors()) {
    out += "| `" + std::string(f.name) + "` | " + cell(f.description) + " | " + join(f.mime_types, "`", "`", ", ") +
           " | " + join(f.extensions, "`.", "`", " ") + " |\n";
  }
  return out;
}

std::string as_json() {
  quarry::value list = quarry::value::array();
  for (const quarry::format_info& f : quarry::extractors()) {
    quarry::value item = quarry::value::object();
    item.set("name", quarry::value(f.name));
    item.set("description", quarry::value(f.description));
    quarry::value mimes = quarry::value::array();
    for (std::string_view m : f.mime_types) mimes.push_back(quarry::value(m));
    item.set("mimeTypes", std::move(mimes));
    quarry::value exts = quarry::value::array();
    for (std::string_view e : f.extensions) exts.push_back(quarry::value(e));
    item.set("extensions", std::move(exts));
    item.set("group", quarry::value(f.group));
    list.push_back(std::move(item));
  }
  std::string out;
  quarry::write_json(list, out);
  out += '\n';
  return out;
}

std::string as_text() {
  std::size_t name_w = 6, desc_w = 11, mime_w = 10;
  for (const quarry::format_info& f : quarry::extractors()) {
    name_w = std::max(name_w, display_width(f.name));
    desc_w = std::max(desc_w, display_width(f.description));
    mime_w = std::max(mime_w, display_width(join(f.mime_types, "", "", ", ")));
  }
  std::string out = pad("FORMAT", name_w) + "  " + pad("DESCRIPTION", desc_w) + "  " + pad("MIME TYPES", mime_w) +
                    "  EXTENSIONS\n";
  for (const quarry::format_info& f : quarry::extractors()) {
    out += pad(f.name, name_w) + "  " + pad(f.description, desc_w) + "  " +
           pad(join(f.mime_types, "", "", ", "), mime_w) + "  " + join(f.extensions, ".", "", " ") + "\n";
  }
  return out;
}

}  // namespace

int run_formats(const settings& s) {
  const std::string out = s.markdown ? as_markdown() : s.json ? as_json() : as_text();
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace quarry::cli
