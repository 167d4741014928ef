#include "core/document_sink.hpp"

#include <string>
#include <utility>

namespace quarry::detail {

bool document_sink::on_content(std::string_view text) {
  doc_.content.append(text);
  return true;
}

void document_sink::on_page_end(std::uint32_t page_number) {
  if (!pages_) return;
  std::string_view slice = std::string_view(doc_.content).substr(page_start_);
  while (!slice.empty() && (slice.front() == '\n' || slice.front() == ' ')) slice.remove_prefix(1);
  while (!slice.empty() && (slice.back() == '\n' || slice.back() == ' ')) slice.remove_suffix(1);
  doc_.pages.push_back({page_number, std::string(slice)});
  page_start_ = doc_.content.size();
}

void document_sink::on_table(table&& t) { doc_.tables.push_back(std::move(t)); }

void document_sink::on_image(image_info&& i) { doc_.images.push_back(std::move(i)); }

void document_sink::on_metadata(std::string_view key, value&& v) { doc_.metadata.set(key, std::move(v)); }

void document_sink::on_warning(warning&& w) { doc_.warnings.push_back(std::move(w)); }

}  // namespace quarry::detail
