// quarry detect FILE...: what quarry::detect_mime says about each file, read whole (a ZIP-based
// format is recognised by names that can lie anywhere in the archive).
#include <cstdio>

#include "commands.hpp"
#include "inputs.hpp"
#include "read_file.hpp"
#include "render.hpp"

namespace quarry::cli {

int run_detect(const settings& s) {
  bool any_failed = false;
  for (const input_file& in : collect_inputs(s.inputs)) {
    file_bytes data;
    std::string error = in.error;
    if (error.empty() && !read_file(in.path, data, error)) {
      // error set by read_file
    }
    if (!error.empty()) {
      std::fflush(stdout);
      std::fputs(error_line(in.path, io_failure(error)).c_str(), stderr);
      any_failed = true;
      continue;
    }
    const std::string_view mime = quarry::detect_mime(data.view(), in.path == "-" ? std::string() : in.path);
    std::printf("%s: %.*s\n", in.path.c_str(), static_cast<int>(mime.size()), mime.data());
  }
  if (std::fflush(stdout) != 0) return 1;
  return any_failed ? 1 : 0;
}

}  // namespace quarry::cli
