// What one PDF extraction shares across pages: the qpdf document, the writer, the limits budget,
// the font cache and warning bookkeeping.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "core/writer.hpp"

namespace quarry::detail::pdf {

class font;

/// Shared state of one extraction.
class context {
 public:
  context(QPDF& doc, writer& out);
  ~context();
  context(const context&) = delete;
  context& operator=(const context&) = delete;

  QPDF& doc;    ///< the open document
  writer& out;  ///< where the text, metadata and warnings go

  /// Decodes a stream's data into `data` (replacing it), counting it against
  /// limits.max_decompressed_bytes. False when the stream is unreadable (a warning is given) or the
  /// limit was reached (limit_reached() is then true).
  bool read_stream(QPDFObjectHandle stream, std::string& data);

  /// Records a limit error; the extraction stops and returns it.
  void limit(std::string detail);
  [[nodiscard]] bool limit_reached() const noexcept { return limit_hit_; }
  [[nodiscard]] const error& limit_error() const noexcept { return limit_error_; }

  /// A warning, given once per distinct code + message and at most a few dozen in all.
  void warn(std::string_view code, std::string message);

  /// The font of a font dictionary, loaded once per object (nullptr if it cannot be used).
  const font* get_font(QPDFObjectHandle dict);

  /// Content-stream operators left for the whole document.
  std::uint64_t ops_left;

 private:
  std::uint64_t decompressed_left_;
  bool limit_hit_ = false;
  error limit_error_;
  std::map<std::string, int, std::less<>> warned_;
  int warnings_ = 0;
  std::map<QPDFObjGen, std::unique_ptr<font>> fonts_;
  std::vector<std::unique_ptr<font>> direct_fonts_;
};

}  // namespace quarry::detail::pdf
