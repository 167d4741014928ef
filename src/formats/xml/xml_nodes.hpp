// Small questions about pugixml nodes that the XML renderers share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "pugixml.hpp"

namespace quarry::detail {

/// What an element directly contains.
struct xml_children {
  bool elements = false;      ///< child elements
  bool text = false;          ///< text or CDATA with something other than whitespace
  std::size_t text_bytes = 0; ///< bytes of that text
};

/// Looks at the direct children of `e` (one pass over them).
xml_children inspect_children(pugi::xml_node e) noexcept;

/// The next sibling that is an element (comments, processing instructions and text skipped).
pugi::xml_node next_element(pugi::xml_node n) noexcept;

/// A name without its namespace prefix ("dc:title" → "title").
std::string_view local_name(std::string_view qualified) noexcept;

/// True for text or CDATA nodes.
inline bool is_text_node(pugi::xml_node n) noexcept {
  return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

/// True when `s` is only XML whitespace.
bool is_xml_space(std::string_view s) noexcept;

/// Gathers text into one line: runs of whitespace become one space between words (none at the
/// ends), pieces join as they touch ("foo" + "bar" is "foobar", "foo " + "bar" is "foo bar"),
/// and invalid UTF-8 (pugixml passes bad bytes through and writes surrogate references as they
/// are) becomes U+FFFD.
class text_collector {
 public:
  explicit text_collector(std::string& out) noexcept : out_(out) {}
  void add(std::string_view s);
  /// A word boundary: the next word is separated by a space.
  void boundary() noexcept { pending_space_ = true; }
  /// Invalid sequences replaced so far.
  [[nodiscard]] std::size_t replaced() const noexcept { return replaced_; }

 private:
  std::string& out_;
  bool pending_space_ = false;
  std::size_t replaced_ = 0;
};

/// Collects the text of `e`'s direct text and CDATA children.
void collect_own_text(pugi::xml_node e, text_collector& out);

/// Collects all text inside `e` in document order (inline markup adds nothing between words).
void collect_all_text(pugi::xml_node e, text_collector& out);

/// Turns HTML carried as text (RSS descriptions, Atom content of type "html") into its text:
/// tags dropped (block-level ones leave a space), character references decoded. Text without a
/// tag is left alone.
void strip_markup(std::string& s);

}  // namespace quarry::detail
