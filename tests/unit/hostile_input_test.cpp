// Hostile input through the public API, for every compiled-in format: empty input, 50 MB of random
// bytes, 100,000-deep nesting in every format's syntax, entity expansion bombs and broken
// encodings. Each must end in a typed error or a result whose output stays within the limits —
// never a crash, a hang, or an exception. (A format whose extractor is still a placeholder answers
// UNSUPPORTED_FORMAT, a typed error, so these pass for it too and start biting when it lands.)
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "quarry/quarry.hpp"

using namespace std::string_literals;

namespace {

constexpr std::uint64_t output_limit = 1u << 20;

quarry::options small_limits(quarry::output_format format = quarry::output_format::plain) {
  quarry::options o;
  o.format = format;
  o.pages = true;
  o.limits.max_depth = 64;
  o.limits.max_output_bytes = output_limit;
  o.limits.max_decompressed_bytes = 16u << 20;
  o.limits.max_entries = 100000;
  return o;
}

std::span<const std::byte> bytes_of(std::string_view s) { return std::as_bytes(std::span(s.data(), s.size())); }

// 50 MB from a fixed-seed generator (splitmix64): the same bytes on every run and machine.
const std::string& random_50mb() {
  static const std::string bytes = [] {
    std::string s(50u << 20, '\0');
    std::uint64_t state = 0x5eed'0f'0a'77ac'4e5dull;
    for (std::size_t i = 0; i < s.size(); i += 8) {
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      z ^= z >> 31;
      for (std::size_t k = 0; k < 8 && i + k < s.size(); ++k) s[i + k] = static_cast<char>((z >> (8 * k)) & 0xFF);
    }
    return s;
  }();
  return bytes;
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

constexpr std::size_t deep = 100000;

struct named_input {
  std::string name;
  std::string bytes;
};

// Nesting 100,000 deep in the syntax of each format that nests (and a few that only look alike).
const std::vector<named_input>& deep_inputs() {
  static const std::vector<named_input> inputs = {
      {"html_div", repeat("<div>", deep) + "x"},
      {"html_table", repeat("<table><tr><td>", deep / 4) + "x"},
      {"html_list", repeat("<ul><li>", deep) + "x"},
      {"json_array", repeat("[", deep)},
      {"json_object", repeat("{\"a\":", deep) + "1" + repeat("}", deep)},
      {"xml", "<?xml version=\"1.0\"?>" + repeat("<a>", deep) + "x" + repeat("</a>", deep)},
      {"markdown_quote", repeat(">", deep) + " x\n"},
      {"markdown_list", repeat("- ", deep) + "x\n"},
      {"markdown_emphasis", repeat("*a ", deep) + repeat("a* ", deep)},
      {"markdown_links", repeat("[", deep) + "x" + repeat("](u)", deep)},
      {"yaml_flow", repeat("[", deep)},
      {"yaml_block", [] {
         std::string s;
         for (std::size_t i = 0; i < 2000; ++i) s += std::string(i, ' ') + "k:\n";  // indentation nesting
         return s;
       }()},
      {"toml_array", "a = " + repeat("[", deep)},
      {"toml_inline_table", "a = " + repeat("{b = ", deep)},
      {"toml_dotted_key", "a" + repeat(".a", deep) + " = 1\n"},
      {"csv_quotes", repeat("\"", deep) + "\n"},
  };
  return inputs;
}

// Entity expansion bombs: exponential ("billion laughs") and quadratic.
std::string billion_laughs() {
  std::string s = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    s += "  <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) s += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    s += "\">\n";
  }
  s += "]>\n<lolz>&lol9;</lolz>\n";
  return s;
}

std::string quadratic_blowup() {
  return "<?xml version=\"1.0\"?>\n<!DOCTYPE q [<!ENTITY a \"" + std::string(50000, 'a') + "\">]>\n<q>" +
         repeat("&a;", 20000) + "</q>\n";
}

// Counts content without keeping it, so a runaway extractor shows as a number, not a 1 GB string.
class counting_sink final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    bytes += text.size();
    max_piece = std::max(max_piece, text.size());
    valid_utf8 = valid_utf8 && quarry::detail::is_valid_utf8(text);
    return true;
  }
  void on_table(quarry::table&& t) override { table_bytes += t.markdown.size(); }
  void on_warning(quarry::warning&&) override { ++warnings; }

  std::uint64_t bytes = 0;
  std::uint64_t table_bytes = 0;
  std::size_t max_piece = 0;
  std::size_t warnings = 0;
  bool valid_utf8 = true;
};

// An error must be one of the typed outcomes a caller can act on, never an escaped exception.
void expect_typed_error(const quarry::error& e) {
  using quarry::error_code;
  EXPECT_TRUE(e.code == error_code::unsupported_format || e.code == error_code::format_not_loaded ||
              e.code == error_code::corrupt || e.code == error_code::limit_exceeded ||
              e.code == error_code::encrypted)
      << quarry::to_string(e.code) << ": " << e.detail;
  EXPECT_FALSE(e.detail.empty());
  EXPECT_NE(e.detail.rfind("internal error", 0), 0u) << "an exception escaped an extractor: " << e.detail;
}

// Extracts through both paths (a document, plain; a sink, Markdown) and checks the outcome.
void check(std::string_view input, std::string_view hint) {
  const quarry::options plain = small_limits();
  const auto r = quarry::extract(bytes_of(input), hint, plain);
  if (r.ok()) {
    const quarry::document& doc = r.value();
    std::uint64_t table_bytes = 0;
    for (const auto& t : doc.tables) table_bytes += t.markdown.size();
    EXPECT_LE(doc.content.size() + table_bytes, output_limit);
    EXPECT_TRUE(quarry::detail::is_valid_utf8(doc.content)) << "content is not UTF-8";
    EXPECT_LE(doc.warnings.size(), 100u);
    if (input.empty()) {
      EXPECT_EQ(doc.content, "") << "text out of nothing";
    }
  } else {
    expect_typed_error(r.err());
  }

  const quarry::options md = small_limits(quarry::output_format::markdown);
  counting_sink sink;
  const auto s = quarry::extract(bytes_of(input), hint, md, sink);
  EXPECT_LE(sink.bytes + sink.table_bytes, output_limit);
  EXPECT_LE(sink.max_piece, 64u * 1024);
  EXPECT_TRUE(sink.valid_utf8) << "a piece is not UTF-8";
  EXPECT_LE(sink.warnings, 100u);
  if (s.ok()) {
    EXPECT_EQ(s->content_bytes, sink.bytes);
  } else {
    expect_typed_error(s.err());
  }
}

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  for (const auto& f : quarry::extractors()) names.emplace_back(f.name);
  return names;
}

class Hostile : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(Hostile, EmptyInput) {
  check("", GetParam());
  check("", "");
}

TEST_P(Hostile, FiftyMegabytesOfRandomBytes) {
  const std::string& noise = random_50mb();
  check(noise, GetParam());
}

TEST_P(Hostile, HundredThousandDeepNesting) {
  for (const auto& in : deep_inputs()) {
    SCOPED_TRACE(in.name);
    check(in.bytes, GetParam());
  }
}

TEST_P(Hostile, EntityExpansionBombs) {
  check(billion_laughs(), GetParam());
  check(quadratic_blowup(), GetParam());
}

TEST_P(Hostile, BrokenEncodings) {
  const std::vector<std::string> inputs = {
      "\xFF\xFE\xFD\xFC\x80\x81",
      "<p>caf\xE9 \xC0\x80 \xED\xA0\x80 \xF4\x90\x80\x80</p>",
      "{\"k\": \"\xE2\x82\"}",
      "\xFF\xFE<\0p\0>\0\x3D\xD8x\0"s,  // UTF-16 with a lone surrogate
      "\xFE\xFF\0a\0"s + "\xD8",      // UTF-16BE, odd length
      "\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF",  // BOMs only
      std::string(1000, '\0'),
  };
  for (const auto& in : inputs) check(in, GetParam());
}

TEST_P(Hostile, TruncatedEverywhere) {
  // Every prefix of a small document that uses most formats' syntax.
  const std::string doc =
      "<?xml version=\"1.0\"?><!DOCTYPE x><html><body><h1 a=\"b\">T &amp; &#x41; &bogus</h1>"
      "<table><tr><td>1</td></tr></table><!-- c --><![CDATA[d]]></body></html>\n"
      "# h\n- [l](u) **b** `c`\n```\nx\n```\n| a | b |\n|---|---|\n{\"a\": [1, {\"b\": null}]}\n"
      "k: [1, {a: b}]\n---\n[t]\nx = \"\"\"m\"\"\"\n\"q,\"\"uote\",2\n";
  for (std::size_t n = 0; n <= doc.size(); ++n) check(std::string_view(doc).substr(0, n), GetParam());
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, Hostile, ::testing::ValuesIn(format_names()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(HostileWithoutHint, RandomBytesAreUnsupportedOrBounded) { check(random_50mb(), ""); }

TEST(HostileWithoutHint, DeepNestingIsSniffedAndBounded) {
  for (const auto& in : deep_inputs()) {
    SCOPED_TRACE(in.name);
    check(in.bytes, "");
  }
  check(billion_laughs(), "");
}

TEST(HostileLimits, TinyOutputLimitStopsEveryFormat) {
  // The same document through every format with a 16-byte budget: an error or 16 bytes at most.
  const std::string doc = repeat("word <b>bold</b> {\"k\": \"v\"} a,b,c\n", 1000);
  for (const auto& f : quarry::extractors()) {
    SCOPED_TRACE(std::string(f.name));
    quarry::options o = small_limits();
    o.limits.max_output_bytes = 16;
    const auto r = quarry::extract(bytes_of(doc), f.name, o);
    if (r.ok()) {
      EXPECT_LE(r->content.size(), 16u);
    } else {
      expect_typed_error(r.err());
    }
  }
}

TEST(HostileLimits, TextOverTheOutputLimitIsLimitExceeded) {
  // The one extractor that exists everywhere proves the limit path end to end.
  quarry::options o = small_limits();
  const auto r = quarry::extract(bytes_of(random_50mb()), "txt", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}
