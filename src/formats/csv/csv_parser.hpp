// The CSV/TSV record parser: RFC 4180 quoting with the leniency real files need, push-based and
// resumable, so a document can arrive in pieces split anywhere (inside a quoted field, between
// the CR and LF of a line end) and only the record being read is held.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail {

/// How fields are separated and quoted.
struct csv_dialect {
  char delimiter = ',';
  char quote = '"';  ///< '\0': no quoting
};

/// Receives complete records.
class csv_record_sink {
 public:
  virtual ~csv_record_sink() = default;
  /// One record's fields (valid only during the call). Return false to stop parsing.
  virtual bool on_record(std::span<const std::string_view> fields) = 0;
};

/// Splits UTF-8 (or any ASCII-compatible) text into records. Rules: a field that starts with the
/// quote character (after spaces, which are then dropped) is quoted: delimiters, CR and LF inside
/// it are data and a doubled quote is one quote; text after the closing quote is kept as it is
/// (`"a"b` is `ab`); a quote inside an unquoted field is an ordinary character. Records end at
/// LF, CR LF or CR. Line ends inside quoted fields become LF. Blank lines are not records.
class csv_parser {
 public:
  explicit csv_parser(csv_dialect d) noexcept : dialect_(d) {}

  /// Parses the next piece of text. Returns false once the sink asked to stop.
  bool feed(std::string_view piece, csv_record_sink& sink);
  /// Ends the text: the last record (without a line end) is delivered. A quoted field still open
  /// at the end is not a field: its opening quote is taken as an ordinary character and the text
  /// after it is parsed again without quoting, so one stray quote cannot swallow the rest of the
  /// file into a single cell. Returns false once the sink asked to stop.
  bool finish(csv_record_sink& sink);

  /// True when finish() found a quoted field that was never closed.
  [[nodiscard]] bool unterminated_quote() const noexcept { return unterminated_; }
  /// The 1-based line on which that unterminated quote opened.
  [[nodiscard]] std::uint64_t unterminated_line() const noexcept { return quote_line_; }
  /// Records delivered so far.
  [[nodiscard]] std::uint64_t records() const noexcept { return records_; }
  /// A record has at most this many fields (Excel's column limit); the rest of a wider record
  /// stays in its last field, delimiters included, so nothing is lost and a hostile line of
  /// delimiters cannot cost 24 bytes of bookkeeping per input byte.
  static constexpr std::size_t max_fields = 16384;
  /// True when some record was wider than max_fields.
  [[nodiscard]] bool too_wide() const noexcept { return too_wide_; }

 private:
  enum class state : std::uint8_t { unquoted, quoted, quote_in_quoted };

  void end_field();
  bool end_record(csv_record_sink& sink);

  csv_dialect dialect_;
  state state_ = state::unquoted;
  bool quoting_ = true;           // false while re-reading an unterminated quoted field
  bool skip_lf_ = false;          // a CR ended the last record: an LF right after belongs to it
  bool skip_quoted_lf_ = false;   // a CR inside a quoted field was stored as LF
  bool only_spaces_ = true;       // the unquoted field so far is spaces (a quote may still open it)
  bool any_quoted_ = false;       // the record has a quoted field (then it is never "blank")
  bool unterminated_ = false;
  bool too_wide_ = false;
  bool record_open_ = false;      // something of a record was read since the last record ended
  std::uint64_t line_ = 1;        // current line, counting line ends inside quoted fields too
  std::uint64_t quote_line_ = 0;
  std::uint64_t records_ = 0;
  std::size_t field_begin_ = 0;   // start of the current field in data_
  std::string data_;              // the current record's field bytes, back to back
  std::vector<std::size_t> ends_; // end of each finished field in data_
  std::vector<std::string_view> views_;
};

}  // namespace quarry::detail
