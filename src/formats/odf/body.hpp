// OpenDocument text content (content.xml's office:text, text boxes, note bodies, table cells,
// presentation frames) described to the writer: headings, paragraphs, lists, tables, links,
// emphasis, notes. Every walk is iterative with an explicit stack bounded by limits.max_depth.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"
#include "formats/odf/styles.hpp"
#include "pugixml.hpp"

namespace quarry::detail::odf {

/// State shared by the walks over one document.
struct context {
  context(const odf::styles& s, writer& w) : styles(s), out(w) {}
  const odf::styles& styles;
  writer& out;
  /// A footnote or endnote met in the text: its mark and body, shown after the body.
  struct note {
    std::string mark;
    pugi::xml_node body;
  };
  std::vector<note> notes;
  /// Comments (office:annotation) met in the text, shown after the body when asked for.
  std::vector<pugi::xml_node> annotations;
  std::uint64_t entries = 0;  ///< elements visited, against limits.max_entries
  std::uint32_t note_count = 0;
  std::uint32_t page = 0;     ///< the slide being read (presentations), for document::images

  /// Reports an image (options::extract_images) by its part name.
  void add_image(std::string_view href);

  /// Counts one element; LIMIT_EXCEEDED past limits.max_entries.
  [[nodiscard]] bool count_entry() { return ++entries <= out.limits().max_entries; }
  /// The error for too many elements.
  [[nodiscard]] error entries_error() const;
  /// The error for nesting past limits.max_depth.
  [[nodiscard]] error depth_error() const;
};

/// Renders the block content under `container` (office:text, a text box, a note body): its
/// children, or `container` itself too when `include_self` (a draw:frame of a slide).
/// `continue_line` keeps the first paragraph on the current line (a note's text after its mark);
/// `join_paragraphs` separates paragraphs by line breaks instead (a note or comment stays one
/// block, as a Markdown footnote must).
[[nodiscard]] status render_blocks(pugi::xml_node container, context& ctx, bool include_self = false,
                                   bool continue_line = false, bool join_paragraphs = false);

/// Renders table:table into the content and `tables`; tables nested in its cells are reported
/// too, their text staying in the outer cell.
[[nodiscard]] status render_table(pugi::xml_node table, context& ctx);

/// The text under `node` as one string: paragraphs and line breaks as '\n', tables as lines of
/// tab-separated cells. Notes met are deferred to `ctx` as in the body.
[[nodiscard]] status gather_text(pugi::xml_node node, context& ctx, std::string& out);

/// Renders the deferred notes, after the body: "[1] text" in plain text, Markdown footnote
/// definitions ("[^1]: text") in Markdown. Notes met inside notes are rendered in turn.
[[nodiscard]] status render_footnotes(context& ctx);

/// Renders the deferred comments (gathered only when options::include_comments), after the body:
/// "Comment by AUTHOR: text".
[[nodiscard]] status render_comments(context& ctx);

/// Writes `text` (lines separated by '\n') as one paragraph per non-empty line.
void write_lines(std::string_view text, writer& out);

}  // namespace quarry::detail::odf
