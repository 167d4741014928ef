// One input file, start to finish: read it, extract it (timed), render it to its destination.
// Runs on worker threads: touches nothing shared except the stream it is handed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "quarry/quarry.hpp"
#include "render.hpp"

namespace quarry::cli {

/// How every file of a run is processed.
struct job_settings {
  quarry::options opts;   ///< output format and pages
  bool json = false;      ///< a JSON document per file instead of text
  bool summary = false;   ///< measure only: the content is discarded, a preview kept
  bool headers = false;   ///< several files as text: "==> path <==" before each
  std::string out_dir;    ///< non-empty: write <out_dir>/<relative>.<ext> instead of stdout
};

/// What happened to one file.
struct file_result {
  std::optional<failure> failed;      ///< set when the file failed
  std::string output;                 ///< bytes for stdout, to print in input order (buffered mode)
  std::string mime;                   ///< the MIME type used (for a failure: the detected one)
  std::uint64_t bytes = 0;            ///< input size
  std::uint64_t characters = 0;       ///< code points of content
  double milliseconds = 0;            ///< the extract call alone
  std::size_t warnings = 0;           ///< warnings the extraction reported
  std::vector<std::string> preview;   ///< first lines (summary mode)
};

/// The file an input is written to under --out: DIR/<relative>.txt, .md or .json.
[[nodiscard]] std::string output_path(const input_file& in, const job_settings& js);

/// Processes one input. With `direct` (one job, text to stdout) the text streams straight to that
/// stream, preceded by a blank line when `separate`; otherwise stdout bytes are buffered in the
/// result for the caller to print in order.
[[nodiscard]] file_result process_file(const input_file& in, const job_settings& js, std::FILE* direct,
                                       bool separate);

}  // namespace quarry::cli
