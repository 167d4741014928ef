// The sink behind extract(bytes, hint, opts): gathers a streamed extraction into a document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "quarry/quarry.hpp"

namespace quarry::detail {

/// Collects content, tables, metadata and warnings into `doc`; with `pages`, also cuts the content
/// into document::pages at each page end (trimmed of the blank lines between pages).
class document_sink final : public sink {
 public:
  document_sink(document& doc, bool pages) : doc_(doc), pages_(pages) {}

  bool on_content(std::string_view text) override;
  void on_page_end(std::uint32_t page_number) override;
  void on_table(table&& t) override;
  void on_image(image_info&& i) override;
  void on_metadata(std::string_view key, value&& v) override;
  void on_warning(warning&& w) override;

 private:
  document& doc_;
  bool pages_;
  std::size_t page_start_ = 0;  // where the current page's content begins in doc_.content
};

}  // namespace quarry::detail
