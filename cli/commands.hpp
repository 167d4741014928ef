// The tool's commands; each returns the process exit status (0 ok, 1 a file failed, 2 usage).
#pragma once

#include "args.hpp"

namespace quarry::cli {

/// quarry FILE|DIR...: extract, print (or write under --out, or summarise).
[[nodiscard]] int run_extract(const settings& s);

/// quarry formats: the compiled-in formats as a table, Markdown or JSON.
[[nodiscard]] int run_formats(const settings& s);

/// quarry detect FILE...: the MIME type of each file.
[[nodiscard]] int run_detect(const settings& s);

}  // namespace quarry::cli
