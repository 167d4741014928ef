// Times quarry::extract in-process, with the same warm-up and repeat protocol as the Node side
// (bench/protocol.mjs), so wasm ÷ native is a ratio of like with like.
//   quarry_native_bench [--min-time-ms N] [--warmup-ms N] [--max-iters N] [--out DIR] MANIFEST
// MANIFEST: one document per line, "id<TAB>path<TAB>mime". Prints one JSON object per document on
// stdout, then {"done":true,"maxrss_kb":...}. With --out, writes each document's content to DIR/id.txt.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "quarry/quarry.hpp"

namespace {

/// The knobs of the repeat protocol; defaults match bench/protocol.mjs.
struct protocol {
  double warmup_ms = 50;
  double min_time_ms = 300;
  std::size_t max_iters = 2000;
};

/// One document of the manifest.
struct entry {
  std::string id;
  std::string path;
  std::string mime;
};

double now_ms() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(clock::now().time_since_epoch()).count();
}

/// Fewer repeats for slow documents (bench/protocol.mjs: minItersFor): a call of a second or more is
/// measured once (the first call is the sample), one of 200 ms or more twice.
std::size_t min_iters_for(double single_ms) {
  if (single_ms >= 1000) return 0;
  if (single_ms >= 200) return 2;
  return 5;
}

/// Code points in UTF-8 text (the Node side counts the same way).
std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1u : 0u;
  return n;
}

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

bool read_file(const std::string& path, std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

/// Extracts one document repeatedly; prints its JSON line.
void run_one(const entry& e, const protocol& p, const std::string& out_dir) {
  std::string line = "{\"id\":";
  json_string(line, e.id);
  std::string bytes;
  if (!read_file(e.path, bytes)) {
    line += ",\"ok\":false,\"error\":\"cannot read file\"}";
    std::puts(line.c_str());
    return;
  }
  auto span = std::as_bytes(std::span(bytes.data(), bytes.size()));
  const quarry::options opts;

  double t0 = now_ms();
  auto first = quarry::extract(span, e.mime, opts);
  double first_ms = now_ms() - t0;
  if (!first.ok()) {
    line += ",\"ok\":false,\"code\":";
    json_string(line, quarry::to_string(first.err().code));
    line += ",\"error\":";
    json_string(line, first.err().detail);
    line += ",\"first_ms\":" + fmt(first_ms) + "}";
    std::puts(line.c_str());
    return;
  }
  const std::string content = std::move(first.value().content);
  if (!out_dir.empty()) {
    std::ofstream(out_dir + "/" + e.id + ".txt", std::ios::binary) << content;
  }

  // Warm-up: the first call counts; go on until warmup_ms has passed.
  std::size_t sink = 0;
  double warm_start = now_ms();
  while (now_ms() - warm_start < p.warmup_ms && first_ms < p.warmup_ms) {
    auto r = quarry::extract(span, e.mime, opts);
    if (r.ok()) sink += r.value().content.size();
  }

  std::vector<double> times;
  const std::size_t min_iters = min_iters_for(first_ms);
  if (min_iters == 0) times.push_back(first_ms);
  double measure_start = now_ms();
  auto more = [&] {
    if (min_iters == 0) return false;
    if (times.size() < min_iters) return true;
    return now_ms() - measure_start < p.min_time_ms && times.size() < p.max_iters;
  };
  while (more()) {
    double a = now_ms();
    auto r = quarry::extract(span, e.mime, opts);
    double b = now_ms();
    if (r.ok()) sink += r.value().content.size();
    times.push_back(b - a);
  }
  std::sort(times.begin(), times.end());
  double sum = 0;
  for (double t : times) sum += t;
  const std::size_t n = times.size();
  const double median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  const auto p95_index = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(n))) - 1;

  line += ",\"ok\":true,\"n\":" + std::to_string(n);
  line += ",\"first_ms\":" + fmt(first_ms);
  line += ",\"median_ms\":" + fmt(median);
  line += ",\"p95_ms\":" + fmt(times[p95_index]);
  line += ",\"min_ms\":" + fmt(times.front());
  line += ",\"mean_ms\":" + fmt(sum / static_cast<double>(n));
  line += ",\"chars\":" + std::to_string(count_chars(content));
  line += ",\"content_bytes\":" + std::to_string(content.size());
  line += ",\"mime\":";
  json_string(line, first.value().mime_type);
  line += ",\"warnings\":" + std::to_string(first.value().warnings.size());
  line += ",\"sink\":" + std::to_string(sink % 10) + "}";
  std::puts(line.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  protocol p;
  std::string out_dir;
  std::string manifest;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--min-time-ms") {
      p.min_time_ms = std::atof(next());
    } else if (a == "--warmup-ms") {
      p.warmup_ms = std::atof(next());
    } else if (a == "--max-iters") {
      p.max_iters = static_cast<std::size_t>(std::atol(next()));
    } else if (a == "--out") {
      out_dir = next();
    } else {
      manifest = argv[i];
    }
  }
  std::ifstream in(manifest);
  if (!in) {
    std::fprintf(stderr, "usage: quarry_native_bench [--min-time-ms N] [--warmup-ms N] [--max-iters N] [--out DIR] MANIFEST\n");
    return 2;
  }
  std::string text;
  while (std::getline(in, text)) {
    auto t1 = text.find('\t');
    auto t2 = t1 == std::string::npos ? t1 : text.find('\t', t1 + 1);
    if (t2 == std::string::npos) continue;
    run_one({text.substr(0, t1), text.substr(t1 + 1, t2 - t1 - 1), text.substr(t2 + 1)}, p, out_dir);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"done\":true,\"maxrss_kb\":%ld}\n", ru.ru_maxrss);
  return 0;
}
