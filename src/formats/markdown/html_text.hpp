// Raw HTML inside Markdown, as plain text: a small tag stripper, not an HTML parser (Markdown
// documents hold snippets: <div align="center">, <img>, <br>, <!-- comments -->, <details>).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/writer.hpp"

namespace quarry::detail {

/// Writes the text of HTML fed to it in pieces (md4c hands an HTML block over line by line, so a
/// tag or comment may span pieces): tags and comments disappear, their text stays, character
/// references are decoded, block-level tags end lines, <br> breaks one, <img alt> keeps its alt
/// text, script and style contents are dropped.
class html_text {
 public:
  /// Feeds the next piece; text goes to `out` as collapsed whitespace.
  void feed(std::string_view html, writer& out);
  /// Forgets any unfinished tag or comment (at the end of an HTML block).
  void reset() noexcept;

 private:
  enum class state : std::uint8_t { text, tag, comment, declaration };
  void end_tag(writer& out);
  void flush(writer& out);

  state st_ = state::text;
  std::string tag_;          // the bytes of the current tag after '<', bounded
  char quote_ = 0;           // the quote of an attribute value being read
  int dashes_ = 0;           // consecutive '-' seen inside a comment
  std::string_view skip_;    // while inside <script>/<style>: the end tag that ends the skip
  std::string text_;         // decoded text not yet written
};

/// Appends the text a character reference such as "&amp;", "&#233;" or "&#x1F600;" stands for;
/// an unknown name is appended as written. `ref` runs from the '&' to the ';' inclusive.
void append_character_reference(std::string_view ref, std::string& out);

/// The length of the character reference at the start of `s` (which begins with '&'), or 0 when
/// there is none there (a lone '&').
std::size_t character_reference_length(std::string_view s) noexcept;

}  // namespace quarry::detail
