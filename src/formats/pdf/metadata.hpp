// Document metadata: the Info dictionary, completed from the XMP packet where Info lacks a value.
#pragma once

#include <qpdf/QPDF.hh>

#include "formats/pdf/context.hpp"

namespace quarry::detail::pdf {

/// Reports title, authors, subject, keywords, createdBy, producer, createdAt, modifiedAt (ISO 8601),
/// pdfVersion and isEncrypted. Damaged metadata is skipped.
void write_metadata(context& ctx);

}  // namespace quarry::detail::pdf
