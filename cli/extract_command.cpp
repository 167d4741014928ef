// quarry FILE|DIR...: the batch driver. Workers read and extract; this thread prints results in
// input order, reports failures, and keeps the progress bar and the summary.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <span>
#include <string_view>

#include "commands.hpp"
#include "inputs.hpp"
#include "ordered_pool.hpp"
#include "process.hpp"
#include "progress.hpp"
#include "summary.hpp"

namespace quarry::cli {

namespace {

job_settings make_job_settings(const settings& s, std::size_t file_count) {
  job_settings js;
  js.opts.format = s.markdown ? quarry::output_format::markdown : quarry::output_format::plain;
  js.opts.pages = s.pages;
  js.opts.extract_images = s.images;
  js.opts.password = s.password;
  js.opts.include_headers_footers = s.headers_footers;
  js.opts.include_comments = s.comments;
  js.opts.include_notes = s.notes;
  js.json = s.json;
  js.summary = s.summary;
  js.out_dir = s.out_dir;
  js.headers = !s.json && !s.summary && s.out_dir.empty() && file_count > 1;
  return js;
}

// Two inputs must not write the same --out file (a.txt given twice, or x/a.txt and y/a.txt as
// FILE arguments): the later one fails instead of overwriting.
void mark_output_collisions(std::vector<input_file>& inputs, const job_settings& js) {
  std::map<std::string, std::size_t> first_writer;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i].error.empty()) continue;
    const std::string out = std::filesystem::path(output_path(inputs[i], js)).lexically_normal().string();
    const auto [it, fresh] = first_writer.emplace(out, i);
    if (!fresh) inputs[i].error = "its output " + out + " is already the output of " + inputs[it->second].path;
  }
}

bool is_single_directory(const settings& s) {
  std::error_code ec;
  return s.inputs.size() == 1 && std::filesystem::is_directory(s.inputs[0], ec);
}

}  // namespace

int run_extract(const settings& s) {
  std::vector<input_file> inputs = collect_inputs(s.inputs);
  if (inputs.empty()) {
    std::fputs("quarry: no files to process\n", stderr);
    return 0;
  }
  const job_settings js = make_job_settings(s, inputs.size());
  if (!js.out_dir.empty()) mark_output_collisions(inputs, js);

  std::uint64_t total_bytes = 0;
  for (const input_file& in : inputs) total_bytes += in.size;
  const bool stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  // A bar is shown only where it cannot tangle with the content on the same terminal.
  const bool bar_wanted = s.progress && inputs.size() > 1 && progress_bar::stderr_is_terminal() &&
                          (s.summary || !s.out_dir.empty() || !stdout_tty);
  if (!stdout_tty) std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16);

  // One job printing text to stdout streams it; everything else is buffered per file and printed
  // in order.
  const bool direct = s.jobs <= 1 && !js.json && !js.summary && js.out_dir.empty();
  const bool names_relative = s.summary && is_single_directory(s);

  if (s.summary) {
    // The summary times each extract call; one throwaway call first keeps the first row from also
    // paying for cold caches and first-touch page faults.
    constexpr std::string_view warm_up = "warm-up\n";
    (void)quarry::extract(std::as_bytes(std::span(warm_up.data(), warm_up.size())), "text/plain");
  }

  progress_bar bar(bar_wanted, inputs.size(), total_bytes);
  std::vector<summary_row> rows;
  bool any_failed = false;
  bool printed_any = false;

  auto work = [&](std::size_t i) {
    // In direct mode work() runs on this thread, in order, so printed_any is current.
    return process_file(inputs[i], js, direct ? stdout : nullptr, direct && printed_any);
  };
  auto deliver = [&](std::size_t i, file_result r) {
    if (r.failed) {
      any_failed = true;
      bar.clear();
      std::fflush(stdout);
      std::fputs(error_line(inputs[i].path, *r.failed).c_str(), stderr);
    }
    if (direct) {
      printed_any = printed_any || !r.failed;
    } else if (!r.output.empty()) {
      if (js.headers && printed_any) std::fputc('\n', stdout);
      std::fwrite(r.output.data(), 1, r.output.size(), stdout);
      printed_any = true;
    }
    bar.advance(r.bytes);
    if (s.summary) {
      r.output.clear();
      rows.push_back({names_relative ? inputs[i].relative : inputs[i].path, std::move(r)});
    }
  };
  run_ordered(inputs.size(), s.jobs, work, deliver, [&] { bar.tick(); });
  bar.finish();

  if (s.summary) {
    const bool color = stdout_tty && std::getenv("NO_COLOR") == nullptr;
    print_summary(stdout, rows, color);
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fputs("quarry: error writing to standard output\n", stderr);
    return 1;
  }
  return any_failed ? 1 : 0;
}

}  // namespace quarry::cli
