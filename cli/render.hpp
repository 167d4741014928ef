// The shapes of what the tool prints: JSON documents and JSON Lines entries, error lines, headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quarry/quarry.hpp"

namespace quarry::cli {

/// Why one file failed: a core error code name ("CORRUPT"...) or the CLI's own "IO_ERROR".
struct failure {
  std::string code;
  std::string message;
  std::uint64_t offset = quarry::error::no_offset;
};

/// A core error as a failure.
[[nodiscard]] failure from_error(const quarry::error& e);

/// An I/O failure (reading an input, writing an output).
[[nodiscard]] failure io_failure(std::string message);

/// The document as one JSON object with a leading "path" member, and a newline.
void append_document_json(std::string_view path, const quarry::document& doc, std::string& out);

/// {"path":..., "error":{"code":..., "message":...[, "offset":n]}} and a newline.
void append_error_json(std::string_view path, const failure& f, std::string& out);

/// "quarry: PATH: CODE: message" and a newline: the stderr line for a failed file.
[[nodiscard]] std::string error_line(std::string_view path, const failure& f);

/// "==> PATH <==" and a newline: introduces each file when several are printed as text.
[[nodiscard]] std::string file_header(std::string_view path);

/// `s` as a JSON string literal (quotes included).
[[nodiscard]] std::string json_string(std::string_view s);

}  // namespace quarry::cli
