#include "process.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "read_file.hpp"
#include "text_cells.hpp"
#include "text_sink.hpp"

namespace quarry::cli {

namespace fs = std::filesystem;

namespace {

// Lines of each extraction shown by --summary.
constexpr std::size_t summary_preview_lines = 3;

using clock_type = std::chrono::steady_clock;

double elapsed_ms(clock_type::time_point since) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - since).count();
}

// An --out file: opened (parents created) on demand, removed again if the file fails.
class out_file {
 public:
  explicit out_file(std::string path) : path_(std::move(path)) {}
  out_file(const out_file&) = delete;
  out_file& operator=(const out_file&) = delete;
  ~out_file() {
    if (f_) std::fclose(f_);
  }

  std::FILE* open(std::string& error) {
    std::error_code ec;
    const fs::path parent = fs::path(path_).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) {
      error = "cannot create " + parent.string() + ": " + ec.message();
      return nullptr;
    }
    f_ = std::fopen(path_.c_str(), "wb");
    if (!f_) error = "cannot write " + path_ + ": " + std::strerror(errno);
    return f_;
  }

  // Closes and reports whether every byte reached the file.
  bool close(std::string& error) {
    const bool ok = std::ferror(f_) == 0;
    const bool closed = std::fclose(f_) == 0;
    f_ = nullptr;
    if (!ok || !closed) error = "cannot write " + path_ + ": " + std::strerror(errno);
    return ok && closed;
  }

  void discard() {
    if (f_) std::fclose(f_);
    f_ = nullptr;
    std::error_code ec;
    fs::remove(path_, ec);
  }

 private:
  std::string path_;
  std::FILE* f_ = nullptr;
};

std::string hint_for(const input_file& in) { return in.path == "-" ? std::string() : in.path; }

void fail(file_result& r, failure f, std::span<const std::byte> bytes, const input_file& in) {
  if (r.mime.empty()) {
    r.mime = quarry::detect_mime(bytes.first(std::min<std::size_t>(bytes.size(), 64 * 1024)), hint_for(in));
  }
  r.failed = std::move(f);
}

void run_json(const input_file& in, const job_settings& js, const file_bytes& data, file_result& r) {
  const auto t0 = clock_type::now();
  quarry::result<quarry::document> doc = quarry::extract(data.view(), hint_for(in), js.opts);
  r.milliseconds = elapsed_ms(t0);
  if (!doc.ok()) {
    fail(r, from_error(doc.err()), data.view(), in);
    if (js.out_dir.empty()) append_error_json(in.path, *r.failed, r.output);
    return;
  }
  r.mime = doc->mime_type;
  r.characters = count_code_points(doc->content);
  r.warnings = doc->warnings.size();
  append_document_json(in.path, doc.value(), r.output);
  if (js.out_dir.empty()) return;

  out_file file(output_path(in, js));
  std::string error;
  std::FILE* f = file.open(error);
  bool ok = f && output_target::stream(f).write(r.output);
  if (ok) ok = file.close(error);
  else if (f) error = "cannot write " + output_path(in, js) + ": " + std::strerror(errno);
  r.output.clear();
  if (!ok) {
    file.discard();
    fail(r, io_failure(error), data.view(), in);
  }
}

void run_text(const input_file& in, const job_settings& js, const file_bytes& data, std::FILE* direct,
              bool separate, file_result& r) {
  std::optional<out_file> file;
  output_target target = output_target::discard();
  if (!js.out_dir.empty()) {
    std::string error;
    file.emplace(output_path(in, js));
    std::FILE* f = file->open(error);
    if (!f) return fail(r, io_failure(error), data.view(), in);
    target = output_target::stream(f);
  } else if (js.summary) {
    target = output_target::discard();
  } else if (direct) {
    target = output_target::stream(direct);
  } else {
    target = output_target::buffer(r.output);
  }

  std::string header;
  if (js.headers && js.out_dir.empty() && !js.summary) {
    if (separate) header = "\n";
    header += file_header(in.path);
  }
  text_sink sink(target, std::move(header), js.opts.pages, js.summary ? summary_preview_lines : 0);

  const auto t0 = clock_type::now();
  quarry::result<quarry::summary> s = quarry::extract(data.view(), hint_for(in), js.opts, sink);
  r.milliseconds = elapsed_ms(t0);

  const bool extracted = s.ok();
  bool written = extracted && sink.finish();  // the final newline (a write error shows here too)
  std::string error;
  if (written && file) written = file->close(error);
  r.characters = sink.characters();
  r.warnings = sink.warnings();
  if (extracted && written) {
    r.mime = s->mime_type;
    r.preview = sink.take_preview();
    return;
  }
  if (!extracted) {
    fail(r, from_error(s.err()), data.view(), in);
  } else {
    if (error.empty()) {
      error = (file ? "cannot write " + output_path(in, js) : std::string("cannot write to standard output")) + ": " +
              std::strerror(errno);
    }
    fail(r, io_failure(error), data.view(), in);
  }
  if (file) file->discard();
  r.output.clear();
}

}  // namespace

std::string output_path(const input_file& in, const job_settings& js) {
  const char* ext = js.json ? ".json" : js.opts.format == quarry::output_format::markdown ? ".md" : ".txt";
  return (fs::path(js.out_dir) / fs::path(in.relative + ext)).string();
}

file_result process_file(const input_file& in, const job_settings& js, std::FILE* direct, bool separate) {
  file_result r;
  r.bytes = in.size;
  if (!in.error.empty()) {
    r.failed = io_failure(in.error);
    r.mime = "-";
    if (js.json && js.out_dir.empty()) append_error_json(in.path, *r.failed, r.output);
    return r;
  }
  file_bytes data;
  std::string error;
  if (!read_file(in.path, data, error)) {
    r.failed = io_failure(error);
    r.mime = "-";
    if (js.json && js.out_dir.empty()) append_error_json(in.path, *r.failed, r.output);
    return r;
  }
  r.bytes = data.size();
  if (js.json) {
    run_json(in, js, data, r);
  } else {
    run_text(in, js, data, direct, separate, r);
  }
  return r;
}

}  // namespace quarry::cli
