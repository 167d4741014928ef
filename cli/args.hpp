// The command line: what the user asked for, parsed once into plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quarry::cli {

/// What the tool was asked to do.
enum class command { extract, formats, detect, help, version };

/// Everything the command line says. Options may appear anywhere among the paths; "--" ends them.
struct settings {
  command cmd = command::extract;
  std::vector<std::string> inputs;  ///< FILE|DIR arguments, in order ("-" is standard input)
  bool markdown = false;            ///< render Markdown instead of plain text
  bool json = false;                ///< JSON document (one file) or JSON Lines (several)
  bool pages = false;               ///< per-page output for paged formats
  bool summary = false;             ///< a table of every file instead of the content
  bool progress = true;             ///< progress bar on a terminal (--no-progress turns it off)
  unsigned jobs = 1;                ///< extraction threads
  std::string out_dir;              ///< write one file per input here instead of stdout
  std::string password;             ///< for encrypted documents
  bool images = false;              ///< list images (JSON)
  bool headers_footers = false;     ///< office headers and footers
  bool comments = false;            ///< office comments
  bool notes = false;               ///< speaker notes
};

/// The parse outcome: settings, or a usage error (exit status 2) described in `error`.
struct parsed_args {
  settings s;
  std::string error;
};

/// Parses argv (argv[0] excluded).
[[nodiscard]] parsed_args parse_args(const std::vector<std::string_view>& args);

/// The --help text.
[[nodiscard]] std::string_view usage_text() noexcept;

}  // namespace quarry::cli
