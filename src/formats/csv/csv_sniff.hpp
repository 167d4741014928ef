// Guessing how a CSV/TSV file is written (delimiter, quote character) and whether its first row
// is a header, from a sample of its start.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv/csv_parser.hpp"

namespace quarry::detail {

/// What sniffing found.
struct csv_sniffed {
  csv_dialect dialect;
  std::size_t columns = 1;  ///< the widest record of the sample
  bool sep_line = false;    ///< the first line is Excel's "sep=X" directive, not data
};

/// Picks the delimiter among comma, tab, semicolon and pipe that splits the sample's records into
/// the most consistent number of fields (two or more; delimiters inside quotes do not count),
/// preferring tab, then comma, semicolon and pipe on a tie; and the quote character: '"', or '\''
/// when the sample quotes fields with it and never with '"'. `complete` says the sample is the
/// whole text (else its last record may be cut and is not counted). A first line "sep=X" (which
/// Excel writes and reads) names the delimiter outright.
csv_sniffed sniff_csv(std::string_view sample, bool complete);

/// Whether the first of `rows` (a sample from the start) looks like a header: it has text in some
/// cell and no cell that looks like a number or a date, it is as wide as the rows below, and its
/// cells are not all long sentences. (Most tables have a header; a column of numbers under a text
/// cell is the strongest sign, a first row of numbers the strongest sign against.)
bool csv_has_header(const std::vector<std::vector<std::string>>& rows);

}  // namespace quarry::detail
