#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "text_cells.hpp"

namespace quarry::cli {

namespace {

constexpr auto redraw_interval = std::chrono::milliseconds(100);

std::size_t terminal_columns() {
  struct winsize ws {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
}

// One write(2) per frame, so the line never tears; errors are ignored (it is decoration).
void put(const std::string& s) {
  std::fflush(stderr);
  std::size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = ::write(STDERR_FILENO, s.data() + off, s.size() - off);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

}  // namespace

progress_bar::progress_bar(bool enabled, std::size_t total_files, std::uint64_t total_bytes)
    : enabled_(enabled), total_files_(total_files), total_bytes_(total_bytes) {
  if (enabled_) draw();
}

bool progress_bar::stderr_is_terminal() noexcept { return ::isatty(STDERR_FILENO) == 1; }

void progress_bar::advance(std::uint64_t bytes) {
  ++done_files_;
  done_bytes_ += bytes;
  tick();
}

void progress_bar::tick() {
  if (!enabled_) return;
  // The limit holds after a clear() too: a run of error lines must not make the bar flicker.
  if (clock_type::now() - last_draw_ >= redraw_interval) draw();
}

void progress_bar::clear() {
  if (!enabled_ || !visible_) return;
  put("\r\x1b[K");
  visible_ = false;
}

void progress_bar::finish() {
  clear();
  enabled_ = false;
}

void progress_bar::draw() {
  put("\r" + render(terminal_columns()) + "\x1b[K");
  visible_ = true;
  last_draw_ = clock_type::now();
}

std::string progress_bar::render(std::size_t columns) const {
  const double seconds = std::chrono::duration<double>(clock_type::now() - start_).count();
  const double fraction = total_files_ ? static_cast<double>(done_files_) / static_cast<double>(total_files_) : 1.0;
  // Built by appending: GCC 12 raises a false -Wrestrict on `"literal" + std::string` chains.
  std::string stats = " ";
  stats += group_digits(done_files_);
  stats += '/';
  stats += group_digits(total_files_);
  stats += " files  ";
  stats += human_bytes(static_cast<double>(done_bytes_));
  if (total_bytes_) stats += " of " + human_bytes(static_cast<double>(std::max(total_bytes_, done_bytes_)));
  if (seconds > 0.05) stats += "  " + human_bytes(static_cast<double>(done_bytes_) / seconds) + "/s";

  // The bar takes what the numbers leave, between 10 and 40 cells; the line stays one column short
  // of the terminal's width so it never wraps.
  const std::size_t stats_width = display_width(stats);
  const std::size_t room = columns > stats_width + 3 ? columns - stats_width - 3 : 0;
  const std::size_t bar = std::min<std::size_t>(40, room);
  std::string line;
  if (bar >= 10) {
    const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(bar) + 0.5);
    line += "[";
    for (std::size_t i = 0; i < bar; ++i) line += i < filled ? "█" : "░";
    line += "]";
  }
  line += stats;
  return fit_width(line, columns - 1);
}

}  // namespace quarry::cli
