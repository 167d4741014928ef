// JSON (RFC 8259, strict) and JSON Lines. The document is validated whole before anything is
// written, so an invalid one gives CORRUPT with the byte offset of its first fault and no partial
// content; then it is rendered as an outline of keys and values (see json_render.hpp).
//
// Decisions: invalid UTF-8 inside strings is repaired (U+FFFD) with a warning rather than
// rejected: RFC 8259 calls such text invalid, but losing a whole document to one bad byte helps
// nobody reading it. Lone surrogate escapes likewise become U+FFFD with a warning. A UTF-8 BOM
// is skipped; UTF-16 (BOM or zero-byte pattern, as RFC 4627 allowed) is converted first, and error
// offsets are mapped back to the input's bytes. \u0000 is dropped (a NUL is never text). Values separated by line breaks are JSON Lines
// (NDJSON) and read as one array; anything else after the value is CORRUPT.
#include <string>

#include "core/utf8.hpp"
#include "formats/extractors.hpp"
#include "formats/json/json_parser.hpp"
#include "formats/json/json_render.hpp"

namespace quarry::detail {

namespace {

std::string_view type_name(json_kind k) {
  switch (k) {
    case json_kind::object_begin: return "object";
    case json_kind::array_begin: return "array";
    case json_kind::string: return "string";
    case json_kind::number: return "number";
    case json_kind::true_value:
    case json_kind::false_value: return "boolean";
    default: return "null";
  }
}

// The offset in UTF-16 `source` (after its BOM) of byte `utf8_offset` of its UTF-8 conversion.
std::size_t utf16_source_offset(std::string_view source, bool le, std::size_t utf8_offset) {
  auto unit = [&](std::size_t i) -> char32_t {
    const auto lo = static_cast<unsigned char>(source[le ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(source[le ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  std::size_t produced = 0, i = 0;
  while (i + 1 < source.size() && produced < utf8_offset) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < source.size()) {
      const char32_t u2 = unit(i + 2);
      if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
        produced += 4;
        i += 4;
        continue;
      }
    }
    produced += (u >= 0xD800 && u <= 0xDFFF) ? 3 : u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
    i += 2;
  }
  return i;
}

}  // namespace

status extract_json(std::span<const std::byte> bytes, writer& out) {
  std::string_view input = as_chars(bytes);
  std::string converted;
  encoding enc = encoding::utf8;
  std::size_t bom = detect_bom(input, enc);
  if (enc == encoding::utf8) {
    bom = 0;  // the parser skips a UTF-8 BOM itself
    if (!guess_utf16(input, enc)) enc = encoding::utf8;
  }
  const bool wide = enc == encoding::utf16le || enc == encoding::utf16be;
  std::size_t invalid_utf16 = 0;
  if (wide) {
    invalid_utf16 = convert_to_utf8(input.substr(bom), enc, converted);
    input = converted;
  }

  result<json_tape> parsed = parse_json(input, out.limits());
  if (!parsed.ok()) {
    error e = std::move(parsed).err();
    if (wide && e.offset != error::no_offset) {
      e.offset = bom + utf16_source_offset(as_chars(bytes).substr(bom), enc == encoding::utf16le, static_cast<std::size_t>(e.offset));
    }
    return e;
  }
  const json_tape& tape = parsed.value();
  render_json(tape, input, out);

  if (tape.invalid_utf8) {
    out.warn("invalid_utf8", std::to_string(tape.invalid_utf8) + " invalid UTF-8 sequence(s) in strings replaced by U+FFFD");
  }
  if (invalid_utf16) {
    out.warn("invalid_utf16", std::to_string(invalid_utf16) + " invalid UTF-16 sequence(s) replaced by U+FFFD");
  }
  if (tape.lone_surrogates) {
    out.warn("lone_surrogate", std::to_string(tape.lone_surrogates) +
                                   " \\u escape(s) of unpaired surrogates replaced by U+FFFD");
  }
  const json_token& top = tape.tokens.front();
  out.metadata("topLevelType", value(type_name(top.kind)));
  if (tape.values > 1) {
    out.metadata("jsonLines", value(true));
    out.metadata("recordCount", value(tape.values));
  }
  out.metadata("keyCount", value(tape.key_count));
  out.metadata("valueCount", value(tape.value_count));
  out.metadata("maxDepth", value(tape.max_depth));
  if (wide) out.metadata("encoding", value(enc == encoding::utf16le ? "utf-16le" : "utf-16be"));
  // A top-level "title" string is the document's title.
  if (tape.values == 1 && top.kind == json_kind::object_begin) {
    for (std::size_t k = 1; k < top.length; k = tape.tokens[k + 1].kind == json_kind::object_begin ||
                                                      tape.tokens[k + 1].kind == json_kind::array_begin
                                                  ? tape.tokens[k + 1].length + 1
                                                  : k + 2) {
      if (tape.text(input, tape.tokens[k]) == "title" && tape.tokens[k + 1].kind == json_kind::string) {
        out.metadata("title", value(tape.text(input, tape.tokens[k + 1])));
        break;
      }
    }
  }
  return std::monostate{};
}

}  // namespace quarry::detail
