// Text drawn on a sheet rather than in its cells: text boxes and shapes with text in the sheet's
// drawing part (xl/drawings/drawingN.xml), which readers expect to find with the sheet.
#pragma once

#include <string_view>

#include "core/writer.hpp"

namespace quarry::detail {

/// Writes the text of every shape of a drawing part (DrawingML <a:p> paragraphs inside
/// <xdr:txBody>) as paragraphs, in the part's order. Charts and pictures have no such text. A
/// damaged part keeps what came before the damage; the depth limit is an error.
[[nodiscard]] status read_drawing_text(std::string_view xml, writer& out);

}  // namespace quarry::detail
