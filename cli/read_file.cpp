#include "read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

namespace quarry::cli {

namespace {

// Closes a descriptor we opened (never standard input).
struct fd_guard {
  int fd;
  bool owned;
  ~fd_guard() {
    if (owned && fd >= 0) ::close(fd);
  }
};

// Reads until end of file or `want` bytes, retrying short reads and EINTR.
bool read_fully(int fd, std::byte* dst, std::size_t want, std::size_t& got) {
  got = 0;
  while (got < want) {
    const ssize_t n = ::read(fd, dst + got, want - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool read_file(const std::string& path, file_bytes& out, std::string& error) {
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  fd_guard guard{fd, !is_stdin};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = std::strerror(EISDIR);
    return false;
  }

  // The known size first (one read for a regular file), then growth for streams and for files
  // that grew meanwhile. new (nothrow): a file too large for memory is an error, not a crash.
  std::size_t capacity = S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0;
  if (capacity == 0) capacity = 64 * 1024;
  std::unique_ptr<std::byte[]> buf(new (std::nothrow) std::byte[capacity]);
  std::size_t size = 0;
  for (;;) {
    if (!buf) {
      error = std::strerror(ENOMEM);
      return false;
    }
    std::size_t got = 0;
    if (!read_fully(fd, buf.get() + size, capacity - size, got)) {
      error = std::strerror(errno);
      return false;
    }
    size += got;
    if (size < capacity) break;  // end of file before the buffer filled
    // Full: probe for more before growing, so an exactly-sized regular file costs no copy.
    std::byte probe;
    std::size_t extra = 0;
    if (!read_fully(fd, &probe, 1, extra)) {
      error = std::strerror(errno);
      return false;
    }
    if (extra == 0) break;
    const std::size_t grown = capacity * 2;
    std::unique_ptr<std::byte[]> bigger(new (std::nothrow) std::byte[grown]);
    if (bigger) {
      std::memcpy(bigger.get(), buf.get(), size);
      bigger[size++] = probe;
    }
    buf = std::move(bigger);
    capacity = grown;
  }
  out.data_ = std::move(buf);
  out.size_ = size;
  return true;
}

}  // namespace quarry::cli
