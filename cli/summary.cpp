#include "summary.hpp"

#include <algorithm>

#include "quarry/quarry.hpp"
#include "text_cells.hpp"

namespace quarry::cli {

namespace {

// Column limits: long names are cut with "…" rather than pushing the table off the screen.
constexpr std::size_t max_name_width = 40;
constexpr std::size_t max_format_width = 14;

struct style {
  bool on;
  [[nodiscard]] std::string wrap(std::string_view s, const char* code) const {
    if (!on) return std::string(s);
    return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
  }
  [[nodiscard]] std::string bold(std::string_view s) const { return wrap(s, "1"); }
  [[nodiscard]] std::string dim(std::string_view s) const { return wrap(s, "2"); }
  [[nodiscard]] std::string red(std::string_view s) const { return wrap(s, "31"); }
  [[nodiscard]] std::string yellow(std::string_view s) const { return wrap(s, "33"); }
  [[nodiscard]] std::string green(std::string_view s) const { return wrap(s, "32"); }
};

std::string milliseconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms);
  return buf;
}

std::string plural(std::uint64_t n, const char* word) {
  return group_digits(n) + " " + word + (n == 1 ? "" : "s");
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

std::string format_name(std::string_view mime) {
  for (const quarry::format_info& f : quarry::extractors()) {
    for (std::string_view m : f.mime_types) {
      if (m == mime) return std::string(f.name);
    }
  }
  return std::string(mime);
}

void print_summary(std::FILE* out, const std::vector<summary_row>& rows, bool color) {
  const style st{color};
  std::size_t name_w = 4, format_w = 6;
  std::uint64_t total_bytes = 0, total_chars = 0;
  double total_ms = 0;
  std::size_t failed = 0;
  std::vector<std::string> formats;
  formats.reserve(rows.size());
  for (const summary_row& row : rows) {
    formats.push_back(format_name(row.result.mime));
    name_w = std::max(name_w, std::min(max_name_width, display_width(row.name)));
    format_w = std::max(format_w, std::min(max_format_width, display_width(formats.back())));
    total_bytes += row.result.bytes;
    total_chars += row.result.characters;
    total_ms += row.result.milliseconds;
    failed += row.result.failed.has_value();
  }
  std::string count = plural(rows.size(), "file");
  if (failed) count += ", " + group_digits(failed) + " failed";
  // The totals row's label spans the file and format columns; widen the first if it needs room.
  if (display_width(count) > name_w + 2 + format_w) name_w = display_width(count) - 2 - format_w;
  const std::size_t bytes_w = std::max<std::size_t>(5, group_digits(total_bytes).size());
  const std::size_t ms_w = std::max<std::size_t>(6, milliseconds(total_ms).size());
  const std::size_t chars_w = std::max<std::size_t>(5, group_digits(total_chars).size());
  const std::size_t table_w = 2 + name_w + 2 + format_w + 2 + bytes_w + 2 + ms_w + 2 + chars_w;

  std::string text = "\n";
  text += "  " + st.bold(pad("file", name_w)) + "  " + st.bold(pad("format", format_w)) + "  " +
          st.bold(pad("bytes", bytes_w, true)) + "  " + st.bold(pad("ms", ms_w, true)) + "  " +
          st.bold(pad("chars", chars_w, true)) + "\n";
  text += "  " + st.dim(repeat("─", table_w - 2)) + "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const file_result& r = rows[i].result;
    text += "  " + pad(rows[i].name, name_w) + "  " + pad(formats[i], format_w) + "  " +
            pad(group_digits(r.bytes), bytes_w, true) + "  " + pad(milliseconds(r.milliseconds), ms_w, true) + "  ";
    if (r.failed) {
      text += pad("-", chars_w, true) + "  " + st.red("✗ " + r.failed->code);
    } else {
      text += pad(group_digits(r.characters), chars_w, true);
      if (r.warnings) text += "  " + st.yellow(plural(r.warnings, "warning"));
    }
    text += "\n";
  }
  text += "  " + st.dim(repeat("─", table_w - 2)) + "\n";
  text += "  " + pad(count, name_w + 2 + format_w) + "  " + pad(group_digits(total_bytes), bytes_w, true) + "  " +
          pad(milliseconds(total_ms), ms_w, true) + "  " + pad(group_digits(total_chars), chars_w, true);
  if (total_ms > 0) {
    text += "  " + st.dim(human_bytes(static_cast<double>(total_bytes) / (total_ms / 1000.0)) + "/s");
  }
  text += "\n";

  // The previews: what each extraction starts with.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const file_result& r = rows[i].result;
    text += "\n  " + st.bold(fit_width(rows[i].name, 60));
    if (r.failed) {
      text += "  " + st.red(r.failed->code + ": " + fit_width(r.failed->message, 80)) + "\n";
      continue;
    }
    text += st.dim("  " + formats[i] + " · " + plural(r.characters, "character")) + "\n";
    if (r.preview.empty()) text += "  " + st.dim("│ (no text)") + "\n";
    for (const std::string& line : r.preview) text += "  " + st.dim("│") + " " + line + "\n";
  }
  text += failed ? "\n  " + st.red(plural(failed, "file") + " failed") + "\n"
                 : "\n  " + st.green("✓") + " " + plural(rows.size(), "file") + " extracted\n";
  std::fwrite(text.data(), 1, text.size(), out);
}

}  // namespace quarry::cli
