// --summary: a table of every file (format, bytes, extraction time, characters), then the first
// lines of each extraction. What `make run` shows.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "process.hpp"

namespace quarry::cli {

/// One row of the table.
struct summary_row {
  std::string name;     ///< how the file is named in the table
  file_result result;   ///< its outcome (output not needed)
};

/// Prints the table and the previews to `out`; `color` adds ANSI styling (for a terminal).
void print_summary(std::FILE* out, const std::vector<summary_row>& rows, bool color);

/// The short format name ("html") of a MIME type from the compiled-in table, else the MIME type.
[[nodiscard]] std::string format_name(std::string_view mime);

}  // namespace quarry::cli
