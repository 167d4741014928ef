// Document metadata from <title>, <meta>, <link rel=canonical> and <html lang>: collected while
// parsing, written to the result once at the end.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"
#include "formats/html/tokenizer.hpp"

namespace quarry::detail::html {

/// Collects what <head> (or a stray <meta> in <body>) says about the document.
class metadata_collector {
 public:
  /// <html lang> (the first <html> tag only).
  void on_html(const tag_view& t);
  /// <meta name|property|http-equiv=... content=...>.
  void on_meta(const tag_view& t);
  /// <link rel=canonical href=...>.
  void on_link(const tag_view& t);
  /// The text of the first <title>; later ones are ignored.
  void set_title(std::string_view raw);
  [[nodiscard]] bool has_title() const noexcept { return has_title_; }

  /// Writes every field found, plus "charset" (the encoding the document was decoded with).
  void emit(writer& out, std::string_view charset) const;

 private:
  std::string title_, description_, language_, http_language_, canonical_, generator_, created_, modified_;
  bool has_title_ = false, has_html_ = false;
  std::vector<std::string> keywords_, authors_;
  value open_graph_ = value::object();
  value twitter_ = value::object();
};

/// `s` with runs of whitespace made one space and no leading or trailing space.
[[nodiscard]] std::string collapse_whitespace(std::string_view s);

}  // namespace quarry::detail::html
