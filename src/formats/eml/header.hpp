// RFC 5322 header blocks: the fields of a block, looked up by name, and header text decoded for
// people (unfolded, RFC 2047 encoded words decoded, 8-bit text read as UTF-8 or Windows-1252).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quarry::detail::eml {

/// One header field as written: the name, and the value from after the colon to the end of its
/// last continuation line (line ends inside are the folding).
struct field {
  std::string_view name;
  std::string_view value;
};

/// Reads the fields of a header block in order. Lines that are neither a field nor a continuation
/// are skipped.
class field_reader {
 public:
  explicit field_reader(std::string_view block) noexcept : rest_(block) {}
  /// The next field; false at the end of the block.
  bool next(field& f) noexcept;

 private:
  std::string_view rest_;
};

/// The raw value of the first field called `name` (ASCII case-insensitive); false if none.
bool find_field(std::string_view block, std::string_view name, std::string_view& value) noexcept;

/// The length of a line's field name when the line starts a header field ("Name:" with the name
/// in printable ASCII, no spaces), or npos.
std::size_t field_name_length(std::string_view line) noexcept;

/// What decoding header text ran into, gathered so the caller warns once per message.
struct text_issues {
  std::string unknown_charset;  ///< the first charset label we could not decode, if any
  std::size_t invalid = 0;      ///< invalid byte sequences replaced by U+FFFD
};

/// Appends header text for display: folding undone, RFC 2047 encoded words decoded (adjacent
/// words in the same charset are joined before conversion, so a character split between two
/// words survives, and the blanks between encoded words vanish), raw 8-bit text read as UTF-8 when
/// valid, else Windows-1252; runs of white space and control characters become one space, and
/// the result is trimmed.
void decode_header_text(std::string_view raw, std::string& out, text_issues& issues);

/// The same, returned.
[[nodiscard]] std::string decode_header_text(std::string_view raw, text_issues& issues);

}  // namespace quarry::detail::eml
