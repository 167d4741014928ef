// Plain-text and Markdown output, streamed: content goes to its destination as the extractor
// produces it, so a large document is never held whole. Also measures what the summary needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "output_target.hpp"
#include "quarry/quarry.hpp"

namespace quarry::cli {

/// A quarry::sink that writes content to an output_target.
class text_sink final : public quarry::sink {
 public:
  /// `header` is written before the first content (and by finish() when there was none);
  /// `pages` ends each page with a form feed; `preview_lines` non-blank lines are kept.
  text_sink(output_target out, std::string header, bool pages, std::size_t preview_lines);

  bool on_content(std::string_view text) override;
  void on_page_end(std::uint32_t page_number) override;
  void on_warning(quarry::warning&& w) override;

  /// Ends the output after a successful extraction (the final newline). Returns false on a
  /// write error, as do the callbacks (they then stop the extraction).
  bool finish();

  /// True once a write to the destination failed.
  [[nodiscard]] bool write_failed() const noexcept { return write_failed_; }
  /// Warnings the extraction reported.
  [[nodiscard]] std::size_t warnings() const noexcept { return warnings_; }
  /// Code points of content received.
  [[nodiscard]] std::uint64_t characters() const noexcept { return characters_; }
  /// The first non-blank lines, printable and cut to a preview width.
  [[nodiscard]] std::vector<std::string> take_preview();

 private:
  bool emit(std::string_view s);
  void capture_preview(std::string_view text);
  void end_preview_line();

  output_target out_;
  std::string header_;
  bool pages_;
  bool wrote_content_ = false;    // content since the last page end
  bool after_page_break_ = false;  // drop the blank lines the writer puts before the next page
  bool write_failed_ = false;
  std::uint64_t characters_ = 0;
  std::size_t warnings_ = 0;
  std::size_t preview_wanted_;
  std::vector<std::string> preview_;
  std::string line_;               // the preview line being gathered (bounded)
  bool line_cut_ = false;
};

}  // namespace quarry::cli
