// CSV / TSV: the record parser (quoting, line ends, resumability), dialect and header sniffing,
// encodings, the table output (content, tables, the row cap), limits and hostile input.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/writer.hpp"
#include "formats/csv/csv_parser.hpp"
#include "formats/csv/csv_sniff.hpp"
#include "quarry/quarry.hpp"

namespace {

using quarry::output_format;
using rows_t = std::vector<std::vector<std::string>>;

quarry::result<quarry::document> run(std::string_view bytes, quarry::options opts = {}, std::string_view hint = "data.csv") {
  return quarry::extract(std::as_bytes(std::span(bytes.data(), bytes.size())), hint, opts);
}

quarry::document ok(std::string_view bytes, quarry::options opts = {}, std::string_view hint = "data.csv") {
  auto r = run(bytes, opts, hint);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  return r.ok() ? std::move(r).value() : quarry::document{};
}

quarry::options markdown() {
  quarry::options o;
  o.format = output_format::markdown;
  return o;
}

rows_t cells(const quarry::document& d) { return d.tables.empty() ? rows_t{} : d.tables.front().cells; }

bool has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

// Collects the records a parser delivers.
class collect final : public quarry::detail::csv_record_sink {
 public:
  bool on_record(std::span<const std::string_view> fields) override {
    rows.emplace_back(fields.begin(), fields.end());
    return true;
  }
  rows_t rows;
};

rows_t parse_pieces(std::string_view text, const std::vector<std::size_t>& cuts, quarry::detail::csv_dialect d = {}) {
  quarry::detail::csv_parser p(d);
  collect c;
  std::size_t at = 0;
  for (const std::size_t cut : cuts) {
    EXPECT_TRUE(p.feed(text.substr(at, cut - at), c));
    at = cut;
  }
  EXPECT_TRUE(p.feed(text.substr(at), c));
  EXPECT_TRUE(p.finish(c));
  return c.rows;
}

rows_t parse(std::string_view text, quarry::detail::csv_dialect d = {}) { return parse_pieces(text, {}, d); }

// ---- the record parser ---------------------------------------------------------------------------

TEST(CsvParser, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  const rows_t r = parse("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\"\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], (std::vector<std::string>{"a", "b,c", "say \"hi\"", "two\nlines", "cr\nlf"}));
}

TEST(CsvParser, EveryLineEndEndsARecord) {
  EXPECT_EQ(parse("a,b\r\nc,d\re,f\ng,h"), (rows_t{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}}));
  EXPECT_EQ(parse("a\r\n\r\nb\r\n"), (rows_t{{"a"}, {"b"}}));  // the blank line is no record
}

TEST(CsvParser, BlankLinesAreSkippedButEmptyFieldsAreKept) {
  EXPECT_EQ(parse("a,b\n\n   \n,\n\"\"\nc,\n"), (rows_t{{"a", "b"}, {"", ""}, {""}, {"c", ""}}));
}

TEST(CsvParser, LenientQuoting) {
  // Spaces before an opening quote are dropped; text after a closing quote is kept; a quote
  // inside an unquoted field is a character.
  EXPECT_EQ(parse("a,  \"b, c\" ,5\"10,\"x\"y\n"), (rows_t{{"a", "b, c ", "5\"10", "xy"}}));
}

TEST(CsvParser, AnyOtherDelimiterAndQuote) {
  EXPECT_EQ(parse("a\t'b\tc'\t'it''s'\n", {'\t', '\''}), (rows_t{{"a", "b\tc", "it's"}}));
  EXPECT_EQ(parse("a;\"b\";c\n", {';', '\0'}), (rows_t{{"a", "\"b\"", "c"}}));  // no quoting
}

TEST(CsvParser, SplitAnywhereGivesTheSameRecords) {
  const std::string text =
      "id,\"name, full\",note\r\n1,\"Ann \"\"A\"\" Lee\",\"line one\r\nline two\"\r\n\r\n2,Bob,\"x\"\"\"\r3,'q',end";
  const rows_t whole = parse(text);
  ASSERT_EQ(whole.size(), 4u);
  EXPECT_EQ(whole[1][2], "line one\nline two");
  EXPECT_EQ(whole[2][2], "x\"");
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    ASSERT_EQ(parse_pieces(text, {cut}), whole) << "split at " << cut;
  }
  std::vector<std::size_t> every;
  for (std::size_t i = 1; i < text.size(); ++i) every.push_back(i);
  EXPECT_EQ(parse_pieces(text, every), whole);
}

TEST(CsvParser, UnterminatedQuoteIsReadAgainWithoutQuoting) {
  quarry::detail::csv_parser p({});
  collect c;
  ASSERT_TRUE(p.feed("a,b\n1,\"oops\n2,3\n4,5\n", c));
  EXPECT_EQ(c.rows.size(), 1u);  // the rest waits inside the open quote
  ASSERT_TRUE(p.finish(c));
  EXPECT_TRUE(p.unterminated_quote());
  EXPECT_EQ(p.unterminated_line(), 2u);
  EXPECT_EQ(c.rows, (rows_t{{"a", "b"}, {"1", "\"oops"}, {"2", "3"}, {"4", "5"}}));
}

TEST(CsvParser, SinkCanStopIt) {
  class first_only final : public quarry::detail::csv_record_sink {
   public:
    bool on_record(std::span<const std::string_view>) override { return ++n < 1; }
    int n = 0;
  } s;
  quarry::detail::csv_parser p({});
  EXPECT_FALSE(p.feed("a\nb\nc\n", s));
  EXPECT_EQ(s.n, 1);
}

TEST(CsvParser, RecordsWiderThanTheCapKeepTheRestInTheLastField) {
  const std::string line(quarry::detail::csv_parser::max_fields + 9, ',');
  quarry::detail::csv_parser p({});
  collect c;
  ASSERT_TRUE(p.feed(line + "\n", c));
  ASSERT_EQ(c.rows.size(), 1u);
  EXPECT_EQ(c.rows[0].size(), quarry::detail::csv_parser::max_fields);
  EXPECT_EQ(c.rows[0].back(), std::string(10, ','));
  EXPECT_TRUE(p.too_wide());
}

// ---- sniffing ------------------------------------------------------------------------------------

TEST(CsvSniff, PicksTheMostConsistentDelimiter) {
  using quarry::detail::sniff_csv;
  EXPECT_EQ(sniff_csv("a,b,c\n1,2,3\n4,5,6\n", true).dialect.delimiter, ',');
  EXPECT_EQ(sniff_csv("a\tb\tc\n1\t2\t3\n", true).dialect.delimiter, '\t');
  EXPECT_EQ(sniff_csv("a;b;c\n1,5;2,5;3\n4;5;6\n", true).dialect.delimiter, ';');  // decimal commas
  EXPECT_EQ(sniff_csv("a|b\n1|2\n", true).dialect.delimiter, '|');
  // Commas inside quotes do not count; tabs inside quotes neither.
  EXPECT_EQ(sniff_csv("name;note\n\"Lee, Ann\";\"a, b, c\"\n\"Doe, J\";x\n", true).dialect.delimiter, ';');
  EXPECT_EQ(sniff_csv("a,b\n\"x\ty\",2\n\"p\tq\",3\n", true).dialect.delimiter, ',');
  // A comma in every tab-separated line must not beat twelve tab-separated fields.
  EXPECT_EQ(sniff_csv("Lee, Ann\t2\t3\t4\t5\t6\nDoe, J\t2\t3\t4\t5\t6\n", true).dialect.delimiter, '\t');
  const auto one_column = sniff_csv("alpha\nbeta\n", true);
  EXPECT_EQ(one_column.columns, 1u);
}

TEST(CsvSniff, QuoteCharacter) {
  using quarry::detail::sniff_csv;
  EXPECT_EQ(sniff_csv("a,b\n'x, y',1\n'z',2\n", true).dialect.quote, '\'');
  // Apostrophes inside words are not quotes.
  EXPECT_EQ(sniff_csv("name,n\nDutchman's-Breeches,1\nO'Brien's,2\n", true).dialect.quote, '"');
  EXPECT_EQ(sniff_csv("a,b\n\"it's\",1\n'x',2\n'y',3\n", true).dialect.quote, '"');
}

TEST(CsvSniff, Header) {
  using quarry::detail::csv_has_header;
  EXPECT_TRUE(csv_has_header({{"Name", "Salary"}, {"Ann", "95000"}}));
  EXPECT_TRUE(csv_has_header({{"City", "Country"}, {"Paris", "France"}}));
  EXPECT_FALSE(csv_has_header({{"1", "Ann"}, {"2", "Bob"}}));
  EXPECT_FALSE(csv_has_header({{"2020-01-15", "Ann"}, {"2021-02-01", "Bob"}}));
  EXPECT_FALSE(csv_has_header({{"Sales report"}, {"a", "b", "c"}, {"d", "e", "f"}}));  // a title line
  EXPECT_FALSE(csv_has_header({}));
}

// ---- the extractor -------------------------------------------------------------------------------

TEST(Csv, OneTableInContentAndTables) {
  const auto d = ok("Name,City\r\nAnn,\"Paris, France\"\r\nBob,Oslo\r\n");
  EXPECT_EQ(d.content, "Name\tCity\nAnn\tParis, France\nBob\tOslo");
  ASSERT_EQ(d.tables.size(), 1u);
  EXPECT_EQ(cells(d), (rows_t{{"Name", "City"}, {"Ann", "Paris, France"}, {"Bob", "Oslo"}}));
  EXPECT_EQ(d.tables[0].markdown, "| Name | City |\n| --- | --- |\n| Ann | Paris, France |\n| Bob | Oslo |");
  EXPECT_EQ(d.mime_type, "text/csv");
  EXPECT_EQ(d.metadata.find("rowCount")->as_int(), 3);
  EXPECT_EQ(d.metadata.find("columnCount")->as_int(), 2);
  EXPECT_EQ(d.metadata.find("delimiter")->as_string(), ",");
  EXPECT_TRUE(d.metadata.find("hasHeader")->as_bool());
  EXPECT_EQ(d.metadata.find("encoding")->as_string(), "utf-8");
  EXPECT_TRUE(d.warnings.empty());
}

TEST(Csv, MarkdownIsAPipeTableWithEscapes) {
  const auto d = ok("a,b\n\"x|y\",*star*\n\"multi\nline\",snake_case\n", markdown());
  EXPECT_EQ(d.content, "| a | b |\n| --- | --- |\n| x\\|y | \\*star\\* |\n| multi line | snake_case |");
  EXPECT_EQ(d.tables[0].markdown, d.content);
}

TEST(Csv, RaggedRowsKeepEveryCell) {
  // The header is as wide as the widest record of the sniffed start.
  const auto d = ok("a,b,c\n1\n1,2,3,4\n", markdown());
  EXPECT_EQ(d.content, "| a | b | c |  |\n| --- | --- | --- | --- |\n| 1 |  |  |  |\n| 1 | 2 | 3 | 4 |");
  EXPECT_EQ(cells(d)[1], (std::vector<std::string>{"1"}));
  EXPECT_EQ(d.metadata.find("columnCount")->as_int(), 4);
}

TEST(Csv, TsvAndOtherDelimiters) {
  const auto tsv = ok("id\tname\n1\tAnn, Lee\n", {}, "x.tsv");
  EXPECT_EQ(cells(tsv), (rows_t{{"id", "name"}, {"1", "Ann, Lee"}}));
  EXPECT_EQ(tsv.mime_type, "text/tab-separated-values");
  EXPECT_EQ(tsv.metadata.find("delimiter")->as_string(), "\t");
  // A ".tsv" that is really comma-separated is sniffed as such.
  EXPECT_EQ(cells(ok("a,b\n1,2\n", {}, "x.tsv")), (rows_t{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(cells(ok("a;b\n1;2\n")), (rows_t{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(cells(ok("a|b\n1|2\n")), (rows_t{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(cells(ok("a,b\n'x, y',1\n'z',2\n")), (rows_t{{"a", "b"}, {"x, y", "1"}, {"z", "2"}}));
}

TEST(Csv, ExcelSepLineNamesTheDelimiter) {
  const auto d = ok("sep=;\r\na;b,c\r\n1;2,5\r\n");
  EXPECT_EQ(cells(d), (rows_t{{"a", "b,c"}, {"1", "2,5"}}));
  EXPECT_EQ(d.metadata.find("rowCount")->as_int(), 2);
}

TEST(Csv, NulBytesAreDropped) { EXPECT_EQ(cells(ok(std::string("a,b\0c\n", 6))), (rows_t{{"a", "bc"}})); }

TEST(Csv, Encodings) {
  const auto bom = ok("\xEF\xBB\xBFname\nJos\xC3\xA9\n");
  EXPECT_EQ(cells(bom), (rows_t{{"name"}, {"Jos\xC3\xA9"}}));
  // Windows-1252 (not UTF-8): é and the euro sign.
  const auto cp = ok("Name;Price\nCaf\xE9;5 \x80\n");
  EXPECT_EQ(cells(cp), (rows_t{{"Name", "Price"}, {"Caf\xC3\xA9", "5 \xE2\x82\xAC"}}));
  EXPECT_EQ(cp.metadata.find("encoding")->as_string(), "windows-1252");
  // UTF-16 LE with a BOM, and without one (zero-byte pattern).
  const std::string u16("\xFF\xFE" "a\0,\0b\0\n\0" "1\0,\0\xE9\0\n\0", 18);
  const auto w = ok(u16);
  EXPECT_EQ(cells(w), (rows_t{{"a", "b"}, {"1", "\xC3\xA9"}}));
  EXPECT_EQ(w.metadata.find("encoding")->as_string(), "utf-16le");
  EXPECT_EQ(cells(ok(u16.substr(2))), (rows_t{{"a", "b"}, {"1", "\xC3\xA9"}}));
}

TEST(Csv, CharactersSplitBetweenSlicesSurvive) {
  // Slices of 64 KB cut through multi-byte characters (UTF-8) and code units (UTF-16).
  std::string text = "word,price\n";
  std::u16string wide = u"word,price\n";
  for (int i = 0; i < 20000; ++i) {
    text += "caf\xC3\xA9\xF0\x9F\x98\x80,\xE2\x82\xAC" + std::to_string(i) + "\n";
    const std::string n = std::to_string(i);
    wide += u"caf\u00e9\U0001F600,\u20ac" + std::u16string(n.begin(), n.end()) + u"\n";
  }
  quarry::options o;
  o.extract_tables = false;
  const auto d = ok(text, o);
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_EQ(d.content.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(d.content.find("\ncaf\xC3\xA9\xF0\x9F\x98\x80\t\xE2\x82\xAC" "19999"), std::string::npos);
  std::string bytes = "\xFF\xFE";
  for (const char16_t u : wide) {
    bytes += static_cast<char>(u & 0xFF);
    bytes += static_cast<char>(u >> 8);
  }
  const auto w = ok(bytes, o);
  EXPECT_TRUE(w.warnings.empty());
  EXPECT_EQ(w.content, d.content);
}

TEST(Csv, InvalidUtf8AfterTheDetectionWindowBecomesReplacementCharacters) {
  std::string text = "a,b\n";
  while (text.size() < 70 * 1024) text += "word,another\n";
  text += "bad\xFF,x\n";
  const auto d = ok(text);
  EXPECT_EQ(d.metadata.find("encoding")->as_string(), "utf-8");
  EXPECT_NE(d.content.find("bad\xEF\xBF\xBD"), std::string::npos);
  EXPECT_TRUE(has_warning(d, "invalid_utf8"));
}

TEST(Csv, UnterminatedQuoteWarnsAndKeepsTheRows) {
  const auto d = ok("a,b\n1,\"oops\n2,3\n");
  EXPECT_TRUE(has_warning(d, "unterminated_quote"));
  EXPECT_EQ(cells(d), (rows_t{{"a", "b"}, {"1", "\"oops"}, {"2", "3"}}));
}

TEST(Csv, HeaderlessTable) {
  const auto d = ok("1,Ann\n2,Bob\n");
  EXPECT_FALSE(d.metadata.find("hasHeader")->as_bool());
  EXPECT_EQ(d.metadata.find("rowCount")->as_int(), 2);
}

TEST(Csv, EmptyAndBlankInputGiveNoTable) {
  for (std::string_view in : {std::string_view(""), std::string_view("\n\n  \r\n")}) {
    const auto d = ok(in);
    EXPECT_EQ(d.content, "");
    EXPECT_TRUE(d.tables.empty());
    EXPECT_EQ(d.metadata.find("rowCount")->as_int(), 0);
  }
}

TEST(Csv, TablesCanBeOff) {
  quarry::options o;
  o.extract_tables = false;
  const auto d = ok("a,b\n1,2\n", o);
  EXPECT_TRUE(d.tables.empty());
  EXPECT_EQ(d.content, "a\tb\n1\t2");
}

TEST(Csv, HugeTablesReportTheirFirstRowsAndStreamAllOfThem) {
  std::string text = "n,square\n";
  for (int i = 0; i < 25000; ++i) text += std::to_string(i) + "," + std::to_string(i * i) + "\n";
  const auto d = ok(text);
  ASSERT_EQ(d.tables.size(), 1u);
  EXPECT_EQ(d.tables[0].cells.size(), quarry::detail::writer::max_reported_table_rows);
  EXPECT_TRUE(has_warning(d, "table_truncated"));
  EXPECT_NE(d.content.find("\n24999\t624950001"), std::string::npos);  // the content has everything
  EXPECT_EQ(d.metadata.find("rowCount")->as_int(), 25001);

  // Into a sink, the content arrives in pieces while the rows are read.
  class pieces final : public quarry::sink {
   public:
    bool on_content(std::string_view t) override {
      ++count;
      bytes += t.size();
      return true;
    }
    int count = 0;
    std::size_t bytes = 0;
  } s;
  quarry::options o;
  o.extract_tables = false;
  auto r = quarry::extract(std::as_bytes(std::span(text.data(), text.size())), "x.csv", o, s);
  ASSERT_TRUE(r.ok());
  EXPECT_GT(s.count, 3);
  EXPECT_EQ(s.bytes, r.value().content_bytes);
}

TEST(Csv, Limits) {
  quarry::options o;
  o.limits.max_entries = 3;
  EXPECT_TRUE(run("a\nb\nc\n", o).ok());
  auto r = run("a\nb\nc\nd\n", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);

  quarry::options small;
  small.limits.max_output_bytes = 100;
  std::string big;
  for (int i = 0; i < 100; ++i) big += "cell,cell\n";
  auto r2 = run(big, small);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.err().code, quarry::error_code::limit_exceeded);
}

TEST(Csv, HostileInput) {
  // A quoted field that never ends, 5 MB long: one pass to find that out, one to read it again.
  std::string open_quote = "a,b\n1,\"";
  open_quote.append(5u << 20, 'x');
  const auto d = ok(open_quote);
  EXPECT_TRUE(has_warning(d, "unterminated_quote"));
  ASSERT_EQ(cells(d).size(), 2u);
  EXPECT_EQ(cells(d)[1][1].size(), (5u << 20) + 1);

  // Truncated in the middle of a quoted field with line breaks.
  const auto cut = ok("a,b\n1,\"two\nli");
  EXPECT_TRUE(has_warning(cut, "unterminated_quote"));

  // 2 MB of random bytes: a result, whatever it says.
  std::mt19937 rng(42);
  std::string noise(2u << 20, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  auto r = run(noise);
  EXPECT_TRUE(r.ok());

  // Invalid UTF-8 from the start: read as Windows-1252, never invalid output.
  const auto bad = ok("\xC3\x28,\xA0\xA1\n");
  EXPECT_EQ(bad.metadata.find("encoding")->as_string(), "windows-1252");

  // A line of nothing but delimiters.
  const std::string commas(1u << 20, ',');
  EXPECT_TRUE(run(commas).ok());
}

}  // namespace
