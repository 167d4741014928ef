// A TOML reader: text in, statements out (table headers, and each key with its parsed value).
// Tolerant: a damaged statement becomes a warning (or a line reported as written) and reading
// goes on. Values nest through an explicit stack bounded by limits.max_depth.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quarry/quarry.hpp"

namespace quarry::detail {

/// The kind of a TOML value. `bare` is text that is no TOML value (kept as written).
enum class toml_kind : std::uint8_t { string, integer, floating, boolean, datetime, bare, array, table };

/// One key's value as a tree in a single vector (node 0 is the root, children linked by index),
/// so a value of any depth is built and freed without recursion.
struct toml_value {
  static constexpr std::size_t none = SIZE_MAX;
  /// One value.
  struct node {
    toml_kind kind = toml_kind::bare;
    bool multiline = false;                      ///< an array or string written over several lines
    std::size_t text_begin = 0, text_size = 0;   ///< scalar text (strings unescaped, others as written)
    std::size_t key_begin = 0, key_size = 0;     ///< the member's key, inside an inline table
    std::size_t first = none, last = none, next = none;  ///< children (arrays, inline tables), siblings
  };
  std::vector<node> nodes;
  std::string text;  ///< the characters the nodes point into

  /// A scalar node's text / an inline-table member's key.
  [[nodiscard]] std::string_view scalar(const node& n) const noexcept { return std::string_view(text).substr(n.text_begin, n.text_size); }
  [[nodiscard]] std::string_view key(const node& n) const noexcept { return std::string_view(text).substr(n.key_begin, n.key_size); }
};

/// Receives the statements of parse_toml(). Every callback may return false to stop reading.
class toml_handler {
 public:
  virtual ~toml_handler() = default;
  /// "[a.b]" (array_of_tables false) or "[[a.b]]": `path` is the dotted key with quotes removed.
  virtual bool on_table(std::string_view path, std::size_t parts, bool array_of_tables) = 0;
  /// "key = value"; `key` is the dotted key with quotes removed; `v` is valid during the call.
  virtual bool on_key_value(std::string_view key, const toml_value& v) = 0;
  /// A line that is not TOML, as written (its words are kept).
  virtual bool on_invalid_line(std::string_view line) = 0;
  /// Something not valid TOML that was read around. At most a few dozen are reported.
  virtual void on_warning(std::string_view code, std::string message) = 0;
};

/// Bounds for parse_toml().
struct toml_limits {
  std::uint32_t max_depth = 1000;       ///< nesting of arrays and inline tables
  std::uint64_t max_nodes = 1'000'000;  ///< values and keys in the document
};

/// Reads TOML text (UTF-8; a BOM is skipped). Only a limit ends reading with an error.
[[nodiscard]] status parse_toml(std::string_view text, toml_handler& handler, const toml_limits& limits);

}  // namespace quarry::detail
