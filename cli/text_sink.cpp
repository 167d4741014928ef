#include "text_sink.hpp"

#include "text_cells.hpp"

namespace quarry::cli {

namespace {

// Preview lines are cut to this many columns; a line is gathered only this far (in bytes), so a
// one-line 100 MB document costs nothing extra.
constexpr std::size_t preview_columns = 100;
constexpr std::size_t preview_gather_bytes = 1024;

}  // namespace

text_sink::text_sink(output_target out, std::string header, bool pages, std::size_t preview_lines)
    : out_(out), header_(std::move(header)), pages_(pages), preview_wanted_(preview_lines) {}

bool text_sink::emit(std::string_view s) {
  if (write_failed_) return false;
  if (!header_.empty()) {
    if (!out_.write(header_)) write_failed_ = true;
    header_.clear();
  }
  if (!write_failed_ && !out_.write(s)) write_failed_ = true;
  return !write_failed_;
}

bool text_sink::on_content(std::string_view text) {
  characters_ += count_code_points(text);
  if (preview_.size() < preview_wanted_) capture_preview(text);
  if (after_page_break_) {
    // The writer separates pages by a blank line; with --pages the form feed does that job.
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
    if (text.empty()) return !write_failed_;
    after_page_break_ = false;
  }
  wrote_content_ = true;
  return emit(text);
}

void text_sink::on_page_end(std::uint32_t) {
  if (!pages_) return;
  // As pdftotext: each page's text ends with a newline and a form feed (an empty page: the form
  // feed alone).
  emit(wrote_content_ ? "\n\f" : "\f");
  wrote_content_ = false;
  after_page_break_ = true;
}

void text_sink::on_warning(quarry::warning&&) { ++warnings_; }

bool text_sink::finish() {
  end_preview_line();
  if (wrote_content_) return emit("\n");
  return emit("");  // an empty document still gets its header
}

void text_sink::capture_preview(std::string_view text) {
  for (char c : text) {
    if (c == '\n') {
      end_preview_line();
      if (preview_.size() >= preview_wanted_) return;
    } else if (line_.size() < preview_gather_bytes) {
      line_ += c;
    } else {
      line_cut_ = true;
    }
  }
}

void text_sink::end_preview_line() {
  if (preview_.size() < preview_wanted_) {
    // Blank lines are skipped; indentation is kept (it shows lists and code).
    std::string line = printable_line(line_);
    while (!line.empty() && line.back() == ' ') line.pop_back();  // e.g. an empty last table cell
    if (!line.empty()) {
      if (line_cut_ && display_width(line) <= preview_columns) line += "…";
      preview_.push_back(fit_width(line, preview_columns));
    }
  }
  line_.clear();
  line_cut_ = false;
}

std::vector<std::string> text_sink::take_preview() {
  end_preview_line();
  return std::move(preview_);
}

}  // namespace quarry::cli
