// Plain text: UTF-8 (BOM or not), UTF-16 LE/BE (BOM or the zero-byte pattern), else Windows-1252.
#include <string>

#include "core/utf8.hpp"
#include "formats/extractors.hpp"

namespace quarry::detail {

namespace {

// Converted text goes to the writer in slices of this many input bytes, so a 100 MB file never
// needs a second 100 MB buffer.
constexpr std::size_t slice_bytes = std::size_t{64} * 1024;

std::string_view encoding_name(encoding e) {
  switch (e) {
    case encoding::utf8: return "utf-8";
    case encoding::utf16le: return "utf-16le";
    case encoding::utf16be: return "utf-16be";
    case encoding::windows1252: return "windows-1252";
    case encoding::latin1: return "iso-8859-1";
  }
  return "utf-8";
}

// Counts lines, words and characters of UTF-8 text, across slices.
struct text_stats {
  std::uint64_t lines = 0, words = 0, characters = 0;
  bool in_word = false, line_open = false;

  void add(std::string_view s) {
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if ((c & 0xC0) != 0x80) ++characters;
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v';
      if (!space && !in_word) ++words;
      in_word = !space;
      if (c == '\n') {
        ++lines;
        line_open = false;
      } else {
        line_open = true;
      }
    }
  }
  [[nodiscard]] std::uint64_t line_count() const { return lines + (line_open ? 1 : 0); }
};

// Line endings become "\n" and NULs disappear; `pending_cr` carries a '\r' across slices.
void normalize(std::string& s, bool& pending_cr) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < s.size(); ++r) {
    const char c = s[r];
    if (pending_cr) {
      pending_cr = false;
      s[w++] = '\n';
      if (c == '\n') continue;
    }
    if (c == '\r') {
      pending_cr = true;
    } else if (c != '\0') {
      s[w++] = c;
    }
  }
  s.resize(w);
}

}  // namespace

status extract_text(std::span<const std::byte> bytes, writer& out) {
  const std::string_view in = as_chars(bytes);
  encoding enc = encoding::utf8;
  std::size_t start = detect_bom(in, enc);
  if (start == 0) {
    if (guess_utf16(in, enc)) {
      // enc set by the guess
    } else if (is_valid_utf8(in.substr(0, utf8_boundary(in, std::size_t{1} << 20)))) {
      // The first MB decides, cut at a character boundary: a character straddling the cut is
      // not invalid UTF-8.
      enc = encoding::utf8;
    } else {
      enc = encoding::windows1252;
    }
  }
  const bool wide = enc == encoding::utf16le || enc == encoding::utf16be;

  text_stats stats;
  std::size_t invalid = 0;
  bool pending_cr = false;
  std::string converted;
  std::size_t pos = start;
  while (pos < in.size() && !out.stopped()) {
    std::size_t end = std::min(in.size(), pos + slice_bytes);
    if (end < in.size()) {
      if (wide) {
        end = pos + ((end - pos) & ~std::size_t{1});
        // Keep a surrogate pair together.
        const auto hi = static_cast<unsigned char>(in[enc == encoding::utf16le ? end - 1 : end - 2]);
        if (hi >= 0xD8 && hi <= 0xDB) end -= 2;
      } else if (enc == encoding::utf8) {
        end = pos + utf8_boundary(in.substr(pos), end - pos);
      }
    }
    converted.clear();
    invalid += convert_to_utf8(in.substr(pos, end - pos), enc, converted);
    normalize(converted, pending_cr);
    stats.add(converted);
    out.text(converted);
    pos = end;
  }
  if (pending_cr) {
    stats.add("\n");
    out.text("\n");
  }
  if (invalid) {
    out.warn(wide ? "invalid_utf16" : "invalid_utf8",
             std::to_string(invalid) + " invalid byte sequence(s) replaced by U+FFFD");
  }
  out.metadata("encoding", value(encoding_name(enc)));
  out.metadata("lineCount", value(stats.line_count()));
  out.metadata("wordCount", value(stats.words));
  out.metadata("characterCount", value(stats.characters));
  return std::monostate{};
}

}  // namespace quarry::detail
