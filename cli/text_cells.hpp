// Terminal cells: how wide UTF-8 text shows, cutting it to fit, and number formatting for tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quarry::cli {

/// Terminal columns a code point takes: 0 for combining marks and zero-width characters, 2 for East
/// Asian wide characters and emoji, else 1. An approximation of wcwidth() that does not depend on
/// the locale.
[[nodiscard]] int cell_width(char32_t cp) noexcept;

/// Columns `utf8` takes on a terminal (invalid bytes count one each).
[[nodiscard]] std::size_t display_width(std::string_view utf8) noexcept;

/// `utf8` cut to at most `columns` columns, ending in "…" when something was cut.
[[nodiscard]] std::string fit_width(std::string_view utf8, std::size_t columns);

/// `utf8` cut (as fit_width) and padded with spaces to exactly `columns`; `right` aligns right.
[[nodiscard]] std::string pad(std::string_view utf8, std::size_t columns, bool right = false);

/// A line made printable for a one-line preview: tabs become two spaces, other control characters
/// and invalid UTF-8 are dropped.
[[nodiscard]] std::string printable_line(std::string_view utf8);

/// Number of UTF-8 code points (continuation bytes not counted).
[[nodiscard]] std::uint64_t count_code_points(std::string_view utf8) noexcept;

/// 1234567 → "1,234,567".
[[nodiscard]] std::string group_digits(std::uint64_t n);

/// 1536 → "1.5 KB" (powers of 1024, one decimal below 100).
[[nodiscard]] std::string human_bytes(double bytes);

}  // namespace quarry::cli
