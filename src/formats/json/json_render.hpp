// Renders a parsed JSON document for reading and search.
#pragma once

#include <string_view>

#include "core/writer.hpp"
#include "formats/json/json_parser.hpp"

namespace quarry::detail {

/// Writes `tape` as an outline (writer::begin_outline): one "key: value" line per member, members
/// of nested objects indented under their key, array elements as "- " items (an object element
/// starts on its dash line, as in YAML), short arrays of scalars on one line ("tags: a, b, c").
/// Every key and every value appears as written (numbers keep their spelling; true, false and
/// null are words too), so both a reader and a search index see the words with their context.
/// An array of two or more objects with the same keys and short scalar values, or of scalar
/// rows, is a table instead (header = the keys, up to 64 columns) when it is the document or a
/// member of the top-level object: deeper down, a table would break the outline's indentation.
/// Several top-level values (JSON Lines) read as one array.
void render_json(const json_tape& tape, std::string_view input, writer& out);

}  // namespace quarry::detail
