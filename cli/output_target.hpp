// Where rendered output goes: a stream (stdout or an --out file), a buffer held for in-order
// printing, or nowhere (--summary only measures).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace quarry::cli {

/// A destination for bytes; copyable handle, owns nothing.
class output_target {
 public:
  /// Writes to an open stream.
  [[nodiscard]] static output_target stream(std::FILE* f) noexcept { return output_target(f, nullptr); }
  /// Appends to a string.
  [[nodiscard]] static output_target buffer(std::string& s) noexcept { return output_target(nullptr, &s); }
  /// Drops everything.
  [[nodiscard]] static output_target discard() noexcept { return output_target(nullptr, nullptr); }

  /// Writes `s`; false when the stream reported an error (disk full, closed pipe...).
  bool write(std::string_view s) const {
    if (file_) return s.empty() || std::fwrite(s.data(), 1, s.size(), file_) == s.size();
    if (str_) str_->append(s);
    return true;
  }

 private:
  output_target(std::FILE* f, std::string* s) noexcept : file_(f), str_(s) {}
  std::FILE* file_;
  std::string* str_;
};

}  // namespace quarry::cli
