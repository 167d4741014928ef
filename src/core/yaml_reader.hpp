// A small YAML reader: UTF-8 text in, a stream of events out (the shape of libyaml's event API),
// shared by the YAML extractor and Markdown front matter. No YAML library can be fetched here, and
// extraction needs less than a loader: no schema, no anchors resolved, no recursion. Block
// structure is read line by line with an explicit stack; flow collections with a second one.
// Damaged input (bad indentation, unterminated quotes or brackets) becomes warnings and reading
// goes on, so a broken file still yields its text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "quarry/quarry.hpp"

namespace quarry::detail {

/// What the reader reports, in document order. Starts and ends always pair up, around damaged
/// input too, unless the handler stops or an error is returned.
enum class yaml_event : std::uint8_t {
  document_start,
  document_end,
  mapping_start,
  mapping_end,
  sequence_start,
  sequence_end,
  scalar,  ///< a key or a value: in a mapping, keys and values alternate
  alias,   ///< "*name", reported by name and never expanded (expansion is the billion-laughs attack)
};

/// How a scalar was written. Only plain scalars can stand for numbers, booleans or null.
enum class yaml_style : std::uint8_t { plain, single_quoted, double_quoted, literal, folded };

/// The details of one event.
struct yaml_token {
  std::string_view text;  ///< scalar value (unescaped, folded) or alias name; valid during the callback only
  yaml_style style = yaml_style::plain;
  bool flow = false;        ///< a collection written as [...] or {...}
  std::size_t offset = 0;   ///< byte offset of the node in the input
};

/// Receives the events of parse_yaml().
class yaml_handler {
 public:
  virtual ~yaml_handler() = default;
  /// One event; return false to stop reading (parse_yaml then returns success).
  virtual bool on_event(yaml_event kind, const yaml_token& token) = 0;
  /// Input that is not valid YAML and was read around. At most a few dozen are reported.
  virtual void on_warning(std::string_view code, std::string message) = 0;
};

/// Bounds for parse_yaml().
struct yaml_limits {
  std::uint32_t max_depth = 1000;       ///< nesting of collections, block and flow together
  std::uint64_t max_nodes = 1'000'000;  ///< scalars, aliases and collections
};

/// Reads YAML text ("\n" or "\r\n" line ends; a UTF-8 BOM is skipped) and reports its events.
/// Only a limit ends reading with an error (LIMIT_EXCEEDED, with the byte offset).
[[nodiscard]] status parse_yaml(std::string_view text, yaml_handler& handler, const yaml_limits& limits);

/// The value of a scalar for metadata: plain null/true/false (YAML 1.2 core schema spellings) and
/// decimal integers become typed values; everything else, floats included, stays the string as
/// written, so "1.10" is not turned into 1.1.
[[nodiscard]] value yaml_scalar_value(std::string_view text, yaml_style style);

}  // namespace quarry::detail
