#include "formats/pdf/context.hpp"

#include <stdexcept>

#include <qpdf/Pipeline.hh>

#include "formats/pdf/font.hpp"

namespace quarry::detail::pdf {

namespace {

// Collects decoded stream data, refusing to go past the decompression budget: a Flate bomb stops
// at the limit instead of filling memory. qpdf catches the exception and reports failure.
class capped_sink final : public Pipeline {
 public:
  capped_sink(std::string& out, std::uint64_t& budget, bool& exceeded)
      : Pipeline("quarry stream", nullptr), out_(out), budget_(budget), exceeded_(exceeded) {}
  void write(unsigned char const* data, size_t len) override {
    if (len > budget_) {
      exceeded_ = true;
      throw std::length_error("decompressed data exceeds limits.max_decompressed_bytes");
    }
    budget_ -= len;
    out_.append(reinterpret_cast<const char*>(data), len);
  }
  void finish() override {}

 private:
  std::string& out_;
  std::uint64_t& budget_;
  bool& exceeded_;
};

constexpr int max_warnings = 50;

}  // namespace

context::context(QPDF& d, writer& w)
    : doc(d), out(w), ops_left(w.limits().max_entries * 64), decompressed_left_(w.limits().max_decompressed_bytes) {}

context::~context() = default;

bool context::read_stream(QPDFObjectHandle stream, std::string& data) {
  data.clear();
  if (limit_hit_ || !stream.isStream()) return false;
  bool exceeded = false;
  bool attempted = false;
  bool ok = false;
  {
    capped_sink sink(data, decompressed_left_, exceeded);
    ok = stream.pipeStreamData(&sink, &attempted, 0, qpdf_dl_specialized, true, false);
  }
  if (exceeded) {
    limit("decompressed stream data exceeds limits.max_decompressed_bytes (" +
          std::to_string(out.limits().max_decompressed_bytes) + ")");
    return false;
  }
  if (!ok || !attempted) {
    warn("pdf_stream", "a stream could not be decoded (object " + stream.getObjGen().unparse(' ') + ")");
    return !data.empty() && attempted;  // a partly decoded stream is still worth reading
  }
  return true;
}

void context::limit(std::string detail) {
  if (!limit_hit_) {
    limit_hit_ = true;
    limit_error_ = error{error_code::limit_exceeded, error::no_offset, std::move(detail)};
  }
}

void context::warn(std::string_view code, std::string message) {
  if (warnings_ >= max_warnings) return;
  std::string key(code);
  key += '\n';
  key += message;
  if (warned_.count(key)) return;
  warned_.emplace(std::move(key), 1);
  ++warnings_;
  out.warn(code, std::move(message));
}

const font* context::get_font(QPDFObjectHandle dict) {
  if (!dict.isDictionary()) return nullptr;
  const QPDFObjGen og = dict.getObjGen();
  if (og.isIndirect()) {
    auto it = fonts_.find(og);
    if (it != fonts_.end()) return it->second.get();
  }
  if (!og.isIndirect() && direct_fonts_.size() >= 256) {
    // Direct font dictionaries cannot be cached by object number; a content stream switching
    // among them endlessly must not load fonts without bound.
    warn("pdf_font", "too many direct font dictionaries; the rest are ignored");
    return nullptr;
  }
  std::unique_ptr<font> f;
  try {
    f = font::load(*this, dict);
  } catch (std::exception& e) {
    warn("pdf_font", std::string("a font could not be read: ") + e.what());
    return nullptr;
  }
  const font* p = f.get();
  if (og.isIndirect()) fonts_.emplace(og, std::move(f));
  else direct_fonts_.push_back(std::move(f));
  return p;
}

}  // namespace quarry::detail::pdf
