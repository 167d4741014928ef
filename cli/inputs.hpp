// Turning FILE|DIR arguments into the ordered list of files to process.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quarry::cli {

/// One file to process. A problem found while walking (a missing path, an unreadable directory)
/// travels with the entry, so it is reported in order like any other failure.
struct input_file {
  std::string path;        ///< as the user would name it: "samples/a.html", or "-" for stdin
  std::string relative;    ///< under the DIR argument it came from, or the file name of a FILE argument
  std::uint64_t size = 0;  ///< from the directory walk (for the progress bar); 0 when unknown
  std::string error;       ///< non-empty: this entry failed before reading (an I/O message)
};

/// Expands the arguments in order: a FILE stays itself, a DIR becomes its regular files, walked
/// recursively, sorted component by component, skipping hidden names (a leading '.') and not
/// following symbolic links to directories.
[[nodiscard]] std::vector<input_file> collect_inputs(const std::vector<std::string>& args);

}  // namespace quarry::cli
