// HTML and XHTML: charset detection, decoding to UTF-8 in slices, the tokenizer and the tree
// builder. Valid UTF-8 input goes to the tokenizer in place, without a copy.
#include <optional>
#include <string>

#include "core/utf8.hpp"
#include "formats/extractors.hpp"
#include "formats/html/builder.hpp"
#include "formats/html/charset.hpp"
#include "formats/html/tokenizer.hpp"

namespace quarry::detail {

namespace {

// Other encodings are converted to UTF-8 this many input bytes at a time.
constexpr std::size_t slice_bytes = 64 * 1024;
constexpr std::string_view replacement = "\xEF\xBF\xBD";

// Feeds UTF-8 input, replacing each byte of an invalid sequence with U+FFFD; returns how many.
std::size_t feed_utf8(std::string_view in, bool validated, html::tokenizer& tok) {
  if (validated) {
    tok.feed(in);
    return 0;
  }
  std::size_t invalid = 0;
  while (!in.empty() && !tok.stopped()) {
    const std::size_t good = html::valid_utf8_prefix_fast(in);
    tok.feed(in.substr(0, good));
    if (good == in.size()) break;
    tok.feed(replacement);
    ++invalid;
    in.remove_prefix(good + 1);
  }
  return invalid;
}

// Converts another encoding slice by slice; returns the number of invalid sequences.
std::size_t feed_converted(std::string_view in, encoding enc, html::tokenizer& tok) {
  const bool wide = enc == encoding::utf16le || enc == encoding::utf16be;
  std::size_t invalid = 0;
  std::string converted;
  std::size_t pos = 0;
  while (pos < in.size() && !tok.stopped()) {
    std::size_t end = std::min(in.size(), pos + slice_bytes);
    if (wide && end < in.size()) {
      // Whole code units, and a surrogate pair kept together.
      const auto hi = static_cast<unsigned char>(in[enc == encoding::utf16le ? end - 1 : end - 2]);
      if (hi >= 0xD8 && hi <= 0xDB) end -= 2;
    }
    converted.clear();
    invalid += convert_to_utf8(in.substr(pos, end - pos), enc, converted);
    tok.feed(converted);
    pos = end;
  }
  return invalid;
}

// Runs the tokenizer and the tree builder over `body` in `enc`, with the invalid-sequence warning;
// the document's metadata is written only when `metadata` (not for HTML embedded in another format).
void parse_html(std::string_view body, encoding enc, bool validated, bool metadata, writer& out,
                const html_embedding& how) {
  html::builder builder(out);
  html::tokenizer tok(builder);
  builder.attach(tok);
  builder.set_xml_syntax(how.xml_syntax);
  if (how.element_count != nullptr) builder.set_element_count(*how.element_count);
  std::size_t invalid = 0;
  if (enc == encoding::utf8) invalid = feed_utf8(body, validated, tok);
  else invalid = feed_converted(body, enc, tok);
  tok.finish();
  if (invalid != 0) {
    const bool wide = enc == encoding::utf16le || enc == encoding::utf16be;
    out.warn(wide ? "invalid_utf16" : "invalid_utf8",
             std::to_string(invalid) + " invalid byte sequence(s) replaced by U+FFFD");
  }
  if (metadata) builder.finish(encoding_name(enc));
  else builder.finish_embedded();
  if (how.element_count != nullptr) *how.element_count = builder.element_count();
}

void warn_unsupported(const html::charset_result& cs, writer& out) {
  if (!cs.unsupported_label.empty()) {
    out.warn("unsupported_charset", "the declared charset \"" + cs.unsupported_label + "\" is not supported; decoded as " +
                                        std::string(encoding_name(cs.enc)));
  }
}

}  // namespace

status extract_html(std::span<const std::byte> bytes, writer& out) {
  const std::string_view in = as_chars(bytes);
  const html::charset_result cs = html::detect_charset(in);
  warn_unsupported(cs, out);
  parse_html(in.substr(cs.bom_length), cs.enc, cs.validated, true, out, {});
  return std::monostate{};
}

status extract_html_embedded(std::string_view bytes, std::optional<encoding> declared, writer& out,
                             const html_embedding& how) {
  if (declared) {
    parse_html(bytes, *declared, false, false, out, how);
  } else {
    const html::charset_result cs = html::detect_charset(bytes);
    warn_unsupported(cs, out);
    parse_html(bytes.substr(cs.bom_length), cs.enc, cs.validated, false, out, how);
  }
  return std::monostate{};
}

}  // namespace quarry::detail
