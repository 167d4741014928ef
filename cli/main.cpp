// TEMPORARY minimal CLI (being replaced in this session by the full one): quarry FILE.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "quarry/quarry.hpp"

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto r = quarry::extract(std::as_bytes(std::span(bytes.data(), bytes.size())), argv[1]);
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[1], r.err().detail.c_str());
    return 1;
  }
  std::fwrite(r.value().content.data(), 1, r.value().content.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}
