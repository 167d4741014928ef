// quarry: the native command-line tool. Parses the command line and hands over to a command.
#include <cstdio>
#include <string_view>
#include <vector>

#include "args.hpp"
#include "commands.hpp"
#include "quarry/quarry.hpp"

int main(int argc, char** argv) {
  using namespace quarry::cli;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const parsed_args parsed = parse_args(args);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "quarry: %s\nTry 'quarry --help'.\n", parsed.error.c_str());
    return 2;
  }
  switch (parsed.s.cmd) {
    case command::help: {
      const std::string_view text = usage_text();
      std::fwrite(text.data(), 1, text.size(), stdout);
      return 0;
    }
    case command::version: {
      const std::string_view v = quarry::version();
      std::printf("quarry %.*s\n", static_cast<int>(v.size()), v.data());
      return 0;
    }
    case command::formats: return run_formats(parsed.s);
    case command::detect: return run_detect(parsed.s);
    case command::extract: return run_extract(parsed.s);
  }
  return 2;
}
