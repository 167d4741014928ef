#include "args.hpp"

#include <charconv>

namespace quarry::cli {

namespace {

// More threads than this buys nothing but memory for buffered results.
constexpr unsigned max_jobs = 256;

bool parse_jobs(std::string_view text, unsigned& out) {
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n == 0 || n > max_jobs) return false;
  out = n;
  return true;
}

// Which options each command accepts; anything else is a usage error rather than silently ignored.
bool allowed(command cmd, std::string_view opt) {
  switch (cmd) {
    case command::extract: return true;
    case command::formats: return opt == "--markdown" || opt == "--json";
    case command::detect: return false;
    case command::help:
    case command::version: return false;
  }
  return false;
}

}  // namespace

parsed_args parse_args(const std::vector<std::string_view>& args) {
  parsed_args r;
  settings& s = r.s;
  std::vector<std::string_view> options_seen;
  bool options_done = false;
  bool first_positional = true;

  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (options_done || a == "-" || !a.starts_with("-")) {
      // The first positional word may name a subcommand; `./formats` reaches a file of that name.
      if (first_positional && !options_done && (a == "formats" || a == "detect")) {
        s.cmd = a == "formats" ? command::formats : command::detect;
      } else {
        s.inputs.emplace_back(a);
      }
      first_positional = false;
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      s.cmd = command::help;
      return r;
    }
    if (a == "-V" || a == "--version") {
      s.cmd = command::version;
      return r;
    }

    // Options with a value: "--jobs N", "--jobs=N", "-j N", "-jN" (and the same for --out/-o).
    std::string_view name = a;
    std::string_view inline_value;
    bool has_inline = false;
    if (a.starts_with("--")) {
      if (const std::size_t eq = a.find('='); eq != std::string_view::npos) {
        name = a.substr(0, eq);
        inline_value = a.substr(eq + 1);
        has_inline = true;
      }
    } else if (a.size() > 2 && (a[1] == 'j' || a[1] == 'o')) {
      name = a.substr(0, 2);
      inline_value = a.substr(2);
      has_inline = true;
    }
    if (name == "-j") name = "--jobs";
    if (name == "-o") name = "--out";

    if (name == "--jobs" || name == "--out" || name == "--password") {
      std::string_view v = inline_value;
      if (!has_inline) {
        if (i + 1 >= args.size()) {
          r.error = std::string(name) + " needs a value";
          return r;
        }
        v = args[++i];
      }
      if (name == "--jobs") {
        if (!parse_jobs(v, s.jobs)) {
          r.error = "--jobs takes a number from 1 to " + std::to_string(max_jobs) + ", not '" + std::string(v) + "'";
          return r;
        }
      } else if (name == "--password") {
        s.password = v;
      } else {
        if (v.empty()) {
          r.error = "--out needs a directory";
          return r;
        }
        s.out_dir = v;
      }
    } else if (has_inline) {
      r.error = "option " + std::string(name) + " takes no value";
      return r;
    } else if (a == "--markdown" || a == "-m") {
      s.markdown = true;
      name = "--markdown";
    } else if (a == "--json") {
      s.json = true;
    } else if (a == "--pages") {
      s.pages = true;
    } else if (a == "--images") {
      s.images = true;
    } else if (a == "--headers-footers") {
      s.headers_footers = true;
    } else if (a == "--comments") {
      s.comments = true;
    } else if (a == "--notes") {
      s.notes = true;
    } else if (a == "--summary") {
      s.summary = true;
    } else if (a == "--no-progress") {
      s.progress = false;
    } else {
      r.error = "unknown option " + std::string(a);
      return r;
    }
    options_seen.push_back(name);
  }

  for (std::string_view opt : options_seen) {
    if (!allowed(s.cmd, opt)) {
      r.error = "option " + std::string(opt) + " does not apply to '" +
                std::string(s.cmd == command::formats ? "formats" : "detect") + "'";
      return r;
    }
  }
  switch (s.cmd) {
    case command::formats:
      if (!s.inputs.empty()) r.error = "'formats' takes no file arguments";
      else if (s.markdown && s.json) r.error = "choose one of --markdown and --json for 'formats'";
      break;
    case command::detect:
      if (s.inputs.empty()) r.error = "'detect' needs at least one FILE";
      break;
    case command::extract:
      if (s.inputs.empty()) r.error = "no input: give at least one FILE or DIR";
      else if (s.summary && (s.json || !s.out_dir.empty())) r.error = "--summary prints a table; it does not combine with --json or --out";
      break;
    case command::help:
    case command::version: break;
  }
  return r;
}

std::string_view usage_text() noexcept {
  return R"(quarry: text, structure and metadata from documents

Usage:
  quarry FILE|DIR... [options]   extract text (DIRs are walked recursively, sorted, hidden files skipped;
                                 "-" reads standard input)
  quarry formats [--markdown|--json]
                                 list the compiled-in formats
  quarry detect FILE|DIR...      print the MIME type of each file
  quarry --help | --version

Options:
  -m, --markdown     Markdown output instead of plain text
      --json         JSON output: the document for one file, JSON Lines for several
                     (a failed file is {"path":...,"error":{"code":...,"message":...}})
      --pages        per-page output where the format has pages (in text, each page ends with a
                     form feed, as pdftotext does; in JSON, a "pages" array)
      --images       list the images (format, size, page) in the JSON output
      --password PW  the password of an encrypted document (PDF)
      --headers-footers  include page headers and footers (DOCX, ODT)
      --comments     include comments (DOCX, ODT, XLSX)
      --notes        include speaker notes (PPTX, ODP)
  -j, --jobs N       extract N files at a time (output order stays the input order; default 1)
  -o, --out DIR      write <path>.txt / .md / .json per input into DIR, mirroring the input tree
                     (a FILE argument is written under its own name)
      --summary      extract everything and print a table: format, bytes, time, characters, first lines
      --no-progress  no progress bar (it is shown only for batches, when stderr is a terminal)

Several files in text mode are each introduced by a "==> path <==" line.
Exit status: 0 when every file was extracted, 1 when any failed (each failure is one
"quarry: PATH: CODE: message" line on stderr), 2 for a usage error.
)";
}

}  // namespace quarry::cli
