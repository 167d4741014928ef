// Golden tests: every input under tests/golden/<format>/ with an expected output beside it
// (`NAME.txt` for plain text, `NAME.md` for Markdown, where NAME is the input's file name) is
// extracted and compared byte for byte. Add a case by adding files; a fixed bug adds a named pair.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "quarry/quarry.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct golden_case {
  fs::path input;
  fs::path expected;
  quarry::output_format format;
};

std::vector<golden_case> find_cases() {
  std::vector<golden_case> cases;
  const fs::path root(QUARRY_GOLDEN_DIR);
  if (!fs::exists(root)) return cases;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const fs::path& p = e.path();
    const std::string ext = p.extension().string();
    if (ext == ".txt" || ext == ".md") {
      fs::path input = p;
      input.replace_extension();  // "a.html.txt" -> "a.html"
      // Expected files of text inputs look like "a.txt.txt": only strip one extension.
      if (fs::exists(input) && input != p) {
        cases.push_back({input, p, ext == ".md" ? quarry::output_format::markdown : quarry::output_format::plain});
      }
    }
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.expected < b.expected; });
  return cases;
}

}  // namespace

TEST(Golden, EveryPairMatches) {
  const auto cases = find_cases();
  ASSERT_FALSE(cases.empty()) << "no golden cases under " << QUARRY_GOLDEN_DIR;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.expected.string());
    const std::string input = read_file(c.input);
    quarry::options opts;
    opts.format = c.format;
    auto r = quarry::extract(std::as_bytes(std::span(input.data(), input.size())), c.input.filename().string(), opts);
    if (!r.ok() && r.err().code == quarry::error_code::format_not_loaded) continue;  // not in this build
    if (!r.ok()) {
      ADD_FAILURE() << quarry::to_string(r.err().code) << ": " << r.err().detail;
      continue;
    }
    std::string expected = read_file(c.expected);
    // Expected files end with a newline for editors' sake; content never does.
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    EXPECT_EQ(r.value().content, expected);
  }
}
