// The content-stream interpreter (PDF 32000-1 §8–9): runs a page's content and its form XObjects,
// tracking the graphics and text state, and records every shown glyph with its position. No
// recursion: form XObjects are frames on an explicit stack, bounded in depth and guarded against
// cycles; operator counts are bounded by the limits.
#pragma once

#include <qpdf/QPDFObjectHandle.hh>

#include "formats/pdf/page_text.hpp"

namespace quarry::detail::pdf {

class context;

/// Interprets one page's content into `out` (cleared first). Returns false when a limit stops the
/// extraction (ctx.limit_reached()); damaged content becomes warnings and partial text.
bool interpret_page(context& ctx, QPDFObjectHandle page, page_text& out);

}  // namespace quarry::detail::pdf
