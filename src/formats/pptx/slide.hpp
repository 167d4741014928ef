// One slide (or notes page) of a presentation: its shapes put in reading order and described to the
// writer. Titles come first, then the other shapes top to bottom and left to right; group shapes
// are flattened (their child coordinates mapped to the slide's) with an explicit stack.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/writer.hpp"
#include "formats/office/opc.hpp"
#include "formats/pptx/layouts.hpp"
#include "pugixml.hpp"

namespace quarry::detail::pptx {

/// Reads the parts a slide refers to (charts, diagram data).
class part_reader {
 public:
  virtual ~part_reader() = default;
  /// Reads and parses `part` into `doc` (which points into `text`): false, with a warning, when it is
  /// missing or damaged; errors only for limits and memory.
  [[nodiscard]] virtual result<bool> read(std::string_view part, std::string& text, pugi::xml_document& doc) = 0;
};

/// Relationships by id, for the many lookups a part makes (links, pictures, charts): a hostile part
/// with many relationships and many references must not cost their product.
class rel_index {
 public:
  explicit rel_index(const std::vector<office::relationship>& rels);
  /// The relationship `id` names, or nullptr (the first one when ids repeat).
  [[nodiscard]] const office::relationship* find(std::string_view id) const;

 private:
  std::unordered_map<std::string_view, const office::relationship*> by_id_;
};

/// What rendering one slide needs besides its XML.
struct slide_refs {
  const rel_index* rels = nullptr;                           ///< the part's relationships (links, images)
  const layout* slide_layout = nullptr;                      ///< its layout, when known
  std::uint64_t* entries = nullptr;                          ///< elements counted so far (limits.max_entries)
  part_reader* parts = nullptr;                              ///< charts and diagrams; none read when null
  std::uint32_t number = 0;                                  ///< the slide's number, for document::images
};

/// A shape of a slide, where it sits once groups are flattened.
struct placed_shape {
  pugi::xml_node node;         ///< p:sp, p:pic, p:graphicFrame, p:cxnSp
  pugi::xml_node placeholder;  ///< its p:ph, if any
  std::int64_t x = 0;          ///< EMU, slide coordinates
  std::int64_t y = 0;
  bool positioned = false;     ///< an offset was found (the shape's, or its layout placeholder's)
  bool title = false;          ///< a title or centred-title placeholder
};

/// The shapes of a slide root (p:sld, p:notes, p:sldLayout...) in reading order: titles, then
/// shapes without a position (in document order), then the rest in rows top to bottom, left to
/// right within a row (sort_reading_order).
/// LIMIT_EXCEEDED past limits.max_depth (group nesting) or limits.max_entries.
[[nodiscard]] status order_shapes(pugi::xml_node root, const slide_refs& refs, const quarry::limits& lim,
                                  std::vector<placed_shape>& out);

/// Renders a slide: titles as headings (level 1 for a title slide's centred title, else 2), text
/// bodies, tables, image alternative text, chart titles, SmartArt text (as a list). Date, footer, header and slide-number placeholders only
/// with options::include_headers_footers.
[[nodiscard]] status render_slide(pugi::xml_node root, const slide_refs& refs, writer& out);

/// Renders a notes page: its notes placeholder(s) and any other text it holds; the slide image,
/// slide number, date, header and footer are left out. Nothing is written when it has no text.
/// Returns whether anything was written in `wrote`.
[[nodiscard]] status render_notes_page(pugi::xml_node root, const slide_refs& refs, writer& out, bool& wrote);

}  // namespace quarry::detail::pptx
