// quarry::streaming_extraction: input in pieces, content out as produced.
#include <algorithm>
#include <optional>
#include <vector>

#include "core/dispatch.hpp"
#include "core/writer.hpp"
#include "quarry/quarry.hpp"

namespace quarry {

namespace {

// The format is chosen once this much of the document has arrived (or at finish): enough for
// every signature and text heuristic detect_mime uses.
constexpr std::size_t sniff_bytes = 8 * 1024;

}  // namespace

struct streaming_extraction::impl {
  impl(std::string_view hint_, const options& opts_, sink& out_) : hint(hint_), opts(opts_), out(out_) {}

  std::string hint;
  options opts;
  sink& out;
  std::optional<detail::writer> w;              // once the format is chosen
  const detail::extractor* ex = nullptr;
  std::unique_ptr<detail::input_stream> stream;  // formats that read incrementally
  std::vector<std::byte> gathered;              // the head, or the whole document for the others
  std::uint64_t total = 0;
  std::uint64_t expected = 0;  // expect_size()
  std::optional<error> failed;

  status fail(error e) {
    failed = e;
    return e;
  }

  // Chooses the format from what has been gathered; streaming formats then take the head.
  status choose() {
    result<const detail::extractor*> chosen = detail::choose_extractor(gathered, hint);
    if (!chosen.ok()) return fail(std::move(chosen).err());
    ex = chosen.value();
    w.emplace(out, opts);
    if (ex->open_stream) {
      stream = ex->open_stream(*w);
      if (!stream) return fail({error_code::out_of_memory, error::no_offset, "cannot start the extraction"});
      std::vector<std::byte> head = std::move(gathered);
      gathered = {};
      if (status st = stream->feed(head); !st.ok()) return fail(std::move(st).err());
    }
    return std::monostate{};
  }

  status feed(std::span<const std::byte> piece) {
    if (failed) return *failed;
    total += piece.size();
    if (total > opts.limits.max_input_bytes) {
      return fail({error_code::limit_exceeded, total, "input exceeds limits.max_input_bytes"});
    }
    if (stream) {
      if (w->stopped()) return std::monostate{};
      status st = stream->feed(piece);
      if (!st.ok()) return fail(std::move(st).err());
      return std::monostate{};
    }
    gathered.insert(gathered.end(), piece.begin(), piece.end());
    if (!ex && gathered.size() >= sniff_bytes) {
      if (status st = choose(); !st.ok()) return st;
      // A gathering format: room for the whole document now (a streaming one keeps no buffer).
      if (!stream && expected > gathered.capacity()) {
        gathered.reserve(static_cast<std::size_t>(std::min(expected, opts.limits.max_input_bytes)));
      }
    }
    return std::monostate{};
  }

  result<summary> finish() {
    if (failed) return *failed;
    if (!ex) {
      if (status st = choose(); !st.ok()) return std::move(st).err();
    }
    status st = stream ? stream->finish() : ex->extract(gathered, *w);
    status fin = w->finish();
    if (!st.ok()) return fail(std::move(st).err()).err();
    if (!fin.ok()) return fail(std::move(fin).err()).err();
    return summary{std::string(detail::reported_mime(*ex->info, hint)), w->delivered_bytes()};
  }
};

streaming_extraction::streaming_extraction(std::string_view mime_hint, const options& opts, sink& out)
    : impl_(std::make_unique<impl>(mime_hint, opts, out)) {}

streaming_extraction::~streaming_extraction() = default;

void streaming_extraction::expect_size(std::uint64_t total_bytes) noexcept { impl_->expected = total_bytes; }

status streaming_extraction::feed(std::span<const std::byte> piece) {
  return detail::guarded([&]() -> status { return impl_->feed(piece); });
}

result<summary> streaming_extraction::finish() {
  return detail::guarded([&]() -> result<summary> { return impl_->finish(); });
}

}  // namespace quarry
