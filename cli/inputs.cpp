#include "inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace quarry::cli {

namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

// A directory's regular files, depth first with an explicit stack (a deep tree cannot overflow the
// call stack). The caller sorts.
void walk(const fs::path& root, std::vector<input_file>& out) {
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      out.push_back({dir.string(), dir.lexically_relative(root).string(), 0, ec.message()});
      continue;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      if (hidden(entry.path())) continue;
      std::error_code type_ec;
      if (entry.is_symlink(type_ec) && entry.is_directory(type_ec)) continue;  // no link loops
      if (entry.is_directory(type_ec)) {
        pending.push_back(entry.path());
      } else if (entry.is_regular_file(type_ec)) {
        std::error_code size_ec;
        const std::uintmax_t size = entry.file_size(size_ec);
        out.push_back({entry.path().string(), entry.path().lexically_relative(root).string(),
                       size_ec ? 0 : static_cast<std::uint64_t>(size), {}});
      }
      // Sockets, FIFOs and devices inside a tree are not documents: skipped.
    }
    if (ec) out.push_back({dir.string(), dir.lexically_relative(root).string(), 0, ec.message()});
  }
}

}  // namespace

std::vector<input_file> collect_inputs(const std::vector<std::string>& args) {
  std::vector<input_file> files;
  for (const std::string& arg : args) {
    if (arg == "-") {
      files.push_back({"-", "stdin", 0, {}});
      continue;
    }
    const fs::path p(arg);
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      files.push_back({arg, p.filename().string(), 0,
                       ec ? ec.message() : std::make_error_code(std::errc::no_such_file_or_directory).message()});
      continue;
    }
    if (fs::is_directory(st)) {
      const std::size_t first = files.size();
      walk(p, files);
      std::sort(files.begin() + static_cast<std::ptrdiff_t>(first), files.end(),
                [](const input_file& a, const input_file& b) { return fs::path(a.relative) < fs::path(b.relative); });
      continue;
    }
    std::error_code size_ec;
    const std::uintmax_t size = fs::is_regular_file(st) ? fs::file_size(p, size_ec) : 0;
    // A FILE argument is taken as given, even a FIFO or /dev/stdin: the user named it.
    files.push_back({arg, p.filename().string(), size_ec ? 0 : static_cast<std::uint64_t>(size), {}});
  }
  return files;
}

}  // namespace quarry::cli
