// Naming the images office packages hold (their parts' extensions), for document::images.
#pragma once

#include <string>
#include <string_view>

namespace quarry::detail {

/// The image format a part name's extension names, lower case ("Pictures/a.JPG" -> "jpeg",
/// "media/image1.png" -> "png", "x.tif" -> "tiff"); "" when it has none.
[[nodiscard]] inline std::string image_format_of(std::string_view part) {
  const std::size_t dot = part.rfind('.');
  if (dot == std::string_view::npos || part.find('/', dot) != std::string_view::npos) return {};
  std::string ext;
  for (const char c : part.substr(dot + 1, 8)) ext += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (ext == "jpg" || ext == "jpe" || ext == "jfif") return "jpeg";
  if (ext == "tif") return "tiff";
  return ext;
}

}  // namespace quarry::detail
