// CSV and TSV: one table. The text is decoded like plain text (UTF-8, UTF-16 by BOM or zero-byte
// pattern, else Windows-1252), its dialect sniffed from the first 64 KB, and records go to the
// writer row by row, so the input is read in one pass and never held twice: the extraction is
// shaped as feed()/finish() over pieces of the document, ready to take a stream.
//
// Limits: limits.max_entries bounds the records (LIMIT_EXCEEDED past it); the fields of one
// record are capped by csv_parser::max_fields; a table reports at most
// writer::max_reported_table_rows rows in `tables`, while the content gets them all.
#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "formats/csv/csv_parser.hpp"
#include "formats/csv/csv_sniff.hpp"
#include "formats/extractors.hpp"

namespace quarry::detail {

namespace {

// The encoding and the dialect are decided on this much of the start of the text.
constexpr std::size_t detect_bytes = 64 * 1024;
// Converted text goes to the parser in slices of this many input bytes.
constexpr std::size_t slice_bytes = 64 * 1024;
// Rows kept for the header guess.
constexpr std::size_t header_sample_rows = 20;

std::string_view delimiter_name(char d) {
  switch (d) {
    case '\t': return "\t";
    case ';': return ";";
    case '|': return "|";
    default: return ",";
  }
}


// One CSV document read in pieces.
class csv_extraction final : public csv_record_sink, public input_stream {
 public:
  explicit csv_extraction(writer& out) : out_(out), parser_({}) {}

  status feed(std::span<const std::byte> piece) override {
    std::string_view in = as_chars(piece);
    if (!decided_) {
      head_.append(in);
      if (head_.size() < detect_bytes) return std::monostate{};
      const std::string head = std::move(head_);
      head_.clear();
      start(head, false);
      return error_;
    }
    decode_all(in);
    return error_;
  }

  status finish() override {
    if (!decided_) {
      const std::string head = std::move(head_);
      head_.clear();
      start(head, true);
    }
    if (!carry_.empty()) {  // a sequence cut off by the end of the text
      converted_.clear();
      invalid_ += convert_to_utf8(carry_, enc_, converted_);
      carry_.clear();
      parse(converted_);
    }
    if (!out_.stopped() && error_.ok()) (void)parser_.finish(*this);
    if (!error_.ok()) return error_;
    out_.end_table();
    if (parser_.unterminated_quote()) {
      out_.warn("unterminated_quote", "the quoted field opened on line " + std::to_string(parser_.unterminated_line()) +
                                          " is never closed; its quote was read as an ordinary character");
    }
    if (parser_.too_wide()) {
      out_.warn("too_many_fields", "records wider than " + std::to_string(csv_parser::max_fields) +
                                       " fields keep the rest in their last field");
    }
    if (invalid_) {
      out_.warn(wide() ? "invalid_utf16" : "invalid_utf8",
                std::to_string(invalid_) + " invalid byte sequence(s) replaced by U+FFFD");
    }
    out_.metadata("encoding", value(encoding_name(enc_)));
    out_.metadata("delimiter", value(delimiter_name(sniffed_.dialect.delimiter)));
    out_.metadata("rowCount", value(rows_));
    out_.metadata("columnCount", value(columns_));
    out_.metadata("hasHeader", value(header_known_ ? has_header_ : csv_has_header(sample_)));
    return std::monostate{};
  }

  bool on_record(std::span<const std::string_view> fields) override {
    if (sniffed_.sep_line && !sep_line_skipped_) {
      sep_line_skipped_ = true;
      return true;
    }
    if (rows_ >= out_.limits().max_entries) {
      error_ = error{error_code::limit_exceeded, error::no_offset,
                     "more than limits.max_entries (" + std::to_string(out_.limits().max_entries) + ") records"};
      return false;
    }
    ++rows_;
    columns_ = std::max<std::uint64_t>(columns_, fields.size());
    if (!header_known_) {
      sample_.emplace_back(fields.begin(), fields.end());
      if (sample_.size() >= header_sample_rows) {
        has_header_ = csv_has_header(sample_);
        header_known_ = true;
        sample_.clear();
      }
    }
    out_.table_row(fields);
    return !out_.stopped();
  }

 private:
  [[nodiscard]] bool wide() const noexcept { return enc_ == encoding::utf16le || enc_ == encoding::utf16be; }

  // Decides the encoding and the dialect from the start of the text, then reads that start.
  void start(std::string_view head, bool whole) {
    decided_ = true;
    whole = whole && head.size() <= detect_bytes;
    const std::string_view window = head.substr(0, detect_bytes);
    std::size_t skip = detect_bom(window, enc_);
    if (skip == 0 && !guess_utf16(window, enc_)) {
      const std::size_t valid = valid_utf8_prefix(window);
      enc_ = valid == window.size() || (!whole && valid == utf8_complete_prefix(window)) ? encoding::utf8
                                                                                          : encoding::windows1252;
    }
    head.remove_prefix(skip);
    // Sniff on the converted start (a cut-off character at its end does not matter here).
    std::string sample;
    (void)convert_to_utf8(head.substr(0, detect_bytes), enc_, sample);
    sniffed_ = sniff_csv(sample, whole);
    parser_ = csv_parser(sniffed_.dialect);
    out_.begin_table(sniffed_.columns);
    decode_all(head);
  }

  void decode_all(std::string_view in) {
    while (!in.empty() && !out_.stopped() && error_.ok()) {
      const std::size_t n = std::min(in.size(), slice_bytes);
      decode(in.substr(0, n));
      in.remove_prefix(n);
    }
  }

  // Converts `in` (after the carried bytes) and parses it, keeping an incomplete tail for later.
  void decode(std::string_view in) {
    std::string_view data = in;
    std::string joined;
    if (!carry_.empty()) {
      joined = carry_ + std::string(in);
      carry_.clear();
      data = joined;
    }
    std::size_t end = data.size();
    if (enc_ == encoding::utf8) {
      end = utf8_complete_prefix(data);
    } else if (wide()) {
      end &= ~std::size_t{1};
      if (end >= 2) {  // keep a high surrogate with its partner
        const auto hi = static_cast<unsigned char>(data[enc_ == encoding::utf16le ? end - 1 : end - 2]);
        if (hi >= 0xD8 && hi <= 0xDB) end -= 2;
      }
    }
    carry_.assign(data.substr(end));
    converted_.clear();
    invalid_ += convert_to_utf8(data.substr(0, end), enc_, converted_);
    parse(converted_);
  }

  // NUL bytes are never text (binary junk, or UTF-16 read wrongly): they disappear.
  static void drop_nuls(std::string& s) { std::erase(s, '\0'); }

  void parse(std::string& text) {
    drop_nuls(text);
    if (!out_.stopped() && error_.ok()) (void)parser_.feed(text, *this);
  }

  writer& out_;
  csv_parser parser_;
  csv_sniffed sniffed_;
  bool decided_ = false;
  encoding enc_ = encoding::utf8;
  std::string head_;
  std::string carry_;
  std::string converted_;
  std::size_t invalid_ = 0;
  std::uint64_t rows_ = 0;
  std::uint64_t columns_ = 0;
  std::vector<std::vector<std::string>> sample_;  // the first rows, until the header is judged
  bool header_known_ = false;
  bool sep_line_skipped_ = false;
  bool has_header_ = false;
  status error_ = std::monostate{};
};

}  // namespace

std::unique_ptr<input_stream> open_csv_stream(writer& out) { return std::make_unique<csv_extraction>(out); }

status extract_csv(std::span<const std::byte> bytes, writer& out) {
  return extract_with_stream(open_csv_stream, bytes, out);
}

}  // namespace quarry::detail
