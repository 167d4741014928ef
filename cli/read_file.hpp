// Reading a whole input with one read into one buffer: the CLI is where Quarry's I/O lives.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace quarry::cli {

/// The bytes of one file, owned.
class file_bytes {
 public:
  /// The contents as the span the core reads.
  [[nodiscard]] std::span<const std::byte> view() const noexcept { return {data_.get(), size_}; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  friend bool read_file(const std::string& path, file_bytes& out, std::string& error);
  std::unique_ptr<std::byte[]> data_;
  std::size_t size_ = 0;
};

/// Reads all of `path` ("-" is standard input). Regular files take one read() into a buffer of
/// their size; pipes and special files are read until end of file. On failure returns false with
/// the system's message in `error`.
[[nodiscard]] bool read_file(const std::string& path, file_bytes& out, std::string& error);

}  // namespace quarry::cli
