// Document metadata: the Info dictionary, completed from the XMP packet where Info lacks a value.
#pragma once

#include <qpdf/QPDF.hh>

#include "formats/pdf/context.hpp"

namespace quarry::detail::pdf {

/// Reports title, authors, subject, keywords, createdBy, producer, createdAt, modifiedAt (ISO 8601),
/// pdfVersion and isEncrypted. Damaged metadata is skipped.
void write_metadata(context& ctx);

/// Converts a PDF date ("D:YYYYMMDDHHmmSSOHH'mm'", every part after the year optional) to ISO 8601;
/// empty when it is not a date.
std::string pdf_date_to_iso(std::string_view date);

}  // namespace quarry::detail::pdf
