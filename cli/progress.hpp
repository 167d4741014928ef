// The progress bar for batches: one line on stderr, redrawn at most ten times a second, erased
// before anything else is printed on the terminal and at the end.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace quarry::cli {

/// Files done / total, bytes, rate. Does nothing when disabled.
class progress_bar {
 public:
  /// `enabled` is decided by the caller (stderr is a terminal, a batch, not turned off).
  progress_bar(bool enabled, std::size_t total_files, std::uint64_t total_bytes);
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;
  ~progress_bar() { finish(); }

  /// One more file done, of `bytes` bytes; redraws if due.
  void advance(std::uint64_t bytes);
  /// Redraws if the last drawing is ~100 ms old (time moves the rate even when no file ends).
  void tick();
  /// Erases the bar so a line can be printed; a later tick() draws it again.
  void clear();
  /// Erases the bar for good.
  void finish();

  /// True when stderr is a terminal (whether a bar can be shown at all).
  [[nodiscard]] static bool stderr_is_terminal() noexcept;

 private:
  void draw();
  [[nodiscard]] std::string render(std::size_t columns) const;

  using clock_type = std::chrono::steady_clock;
  bool enabled_;
  bool visible_ = false;
  std::size_t total_files_;
  std::uint64_t total_bytes_;
  std::size_t done_files_ = 0;
  std::uint64_t done_bytes_ = 0;
  clock_type::time_point start_ = clock_type::now();
  clock_type::time_point last_draw_{};
};

}  // namespace quarry::cli
