// Spreadsheet number formats: a cell holds a number, and what a person sees is that number drawn
// through a format code such as "#,##0.00", "0%", "d-mmm-yy" or "[h]:mm:ss". This is the
// engine: it parses a code once (sections, literals, digit placeholders, date and time tokens)
// and renders values through it, as Excel does in the en-US locale.
//
// Rounding is decimal (half away from zero on the value's 15 significant digits, as spreadsheets
// show numbers), never the binary rounding of printf, so 0.125 with "0.00" shows "0.13".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail {

/// Which day serial number 0 means: the 1900 system (with its fictitious 29 February 1900) or
/// the 1904 system of old Mac workbooks (`workbookPr date1904`).
enum class date_system : std::uint8_t { d1900, d1904 };

/// A parsed format code. Parsing never fails: what a code holds that is not understood is shown
/// as literal text, and colours, locales and other bracketed codes are ignored.
class number_format {
 public:
  /// The "General" format.
  number_format();
  /// Parses a format code (the en-US notation XLSX stores).
  explicit number_format(std::string_view code);
  ~number_format();
  number_format(const number_format&);
  number_format(number_format&&) noexcept;
  number_format& operator=(const number_format&);
  number_format& operator=(number_format&&) noexcept;

  /// Appends `v` as the format shows it. NaN and infinities are shown in General notation.
  /// `text`, when given, is how `v` was written (a cell's <v>): with 15 significant digits or
  /// fewer its digits are used as they are, which spares a binary-to-decimal conversion.
  void format(double v, date_system dates, std::string& out, std::string_view text = {}) const;
  /// Appends text as the format's text section shows it ("@" replaced by the text); text
  /// without a text section is shown as it is.
  void format_text(std::string_view text, std::string& out) const;
  /// True when the format draws numbers as dates or times (its first section does).
  [[nodiscard]] bool is_date_time() const noexcept;
  /// True when the format has a section for text (a fourth one, or one with "@").
  [[nodiscard]] bool has_text_section() const noexcept;

  /// A piece of a format section (public for the implementation's helpers, not for callers).
  struct token;
  /// One of the up-to-four sections of a code (same remark).
  struct section;

 private:
  std::vector<section> sections_;
};

/// The format code of a built-in number format id (ECMA-376 18.8.30, with Excel's en-US
/// currency, date and accounting choices for the ids the standard leaves to the locale), or an
/// empty view when the id has no built-in code (it then shows as General).
std::string_view builtin_number_format(std::uint32_t id) noexcept;

/// Appends `v` in the General format: up to 15 significant digits, trailing zeros dropped,
/// scientific notation ("1.5E+20") outside 1e-9 <= |v| < 1e15.
/// `text` as for number_format::format.
void format_general(double v, std::string& out, std::string_view text = {});

/// The civil date of a day serial number: false when it lies outside 0..2958465 (a date past
/// 9999-12-31 or before the system's start).
bool serial_to_date(std::int64_t serial, date_system dates, int& year, int& month, int& day) noexcept;

/// The day serial number (whole days) of a civil date in the given system, for ISO dates stored
/// as text (`t="d"` cells, ODS date values).
std::int64_t date_to_serial(int year, int month, int day, date_system dates) noexcept;

/// Parses a number as spreadsheets store it ("-1.5", "4.4E-16"), whatever the C locale says;
/// false when `text` is not entirely a number.
bool parse_number(std::string_view text, double& out) noexcept;

/// Parses an ISO 8601 date or date-time ("2024-01-31", "2024-01-31T10:30:00.5", an offset or 'Z'
/// ignored) into a serial number of the date system; false when it is not one.
bool parse_iso_datetime(std::string_view text, date_system dates, double& serial) noexcept;

}  // namespace quarry::detail
