// PDF: qpdf reads the file (xref repair, object streams, filters, decryption); our text layer
// interprets each page's content and lays it out. qpdf reports problems by throwing; this file is
// the edge where exceptions stop: an unusable document becomes CORRUPT or ENCRYPTED, a damaged page a
// warning. Pages go to the writer one by one (end_page), so extraction streams.
#include <exception>
#include <new>
#include <string>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>

#include "formats/extractors.hpp"
#include "formats/pdf/context.hpp"
#include "formats/pdf/interpreter.hpp"
#include "formats/pdf/layout.hpp"
#include "formats/pdf/metadata.hpp"

namespace quarry::detail {

namespace {

error from_qpdf(const QPDFExc& e) {
  if (e.getErrorCode() == qpdf_e_password) {
    return error{error_code::encrypted, error::no_offset, "the PDF is encrypted and the password is missing or wrong"};
  }
  const qpdf_offset_t at = e.getFilePosition();
  return error{error_code::corrupt, at > 0 ? static_cast<std::uint64_t>(at) : error::no_offset,
               "not a readable PDF: " + e.getMessageDetail()};
}

status extract(std::span<const std::byte> bytes, writer& out) {
  QPDF doc;
  doc.setSuppressWarnings(true);
  const std::string& password = out.opts().password;
  try {
    doc.processMemoryFile("document.pdf", reinterpret_cast<const char*>(bytes.data()), bytes.size(),
                          password.empty() ? nullptr : password.c_str());
  } catch (QPDFExc& e) {
    return from_qpdf(e);
  } catch (std::bad_alloc&) {
    return error{error_code::out_of_memory, error::no_offset, "out of memory while opening the PDF"};
  } catch (std::exception& e) {
    return error{error_code::corrupt, error::no_offset, std::string("not a readable PDF: ") + e.what()};
  }
  // The xref table's size, not getObjectCount(): that one resolves every object in the file.
  if (doc.getXRefTable().size() > out.limits().max_entries) {
    return error{error_code::limit_exceeded, error::no_offset,
                 "the PDF has more objects than limits.max_entries (" + std::to_string(out.limits().max_entries) + ")"};
  }
  // A document without a page tree has nothing to read (an empty tree is fine: zero pages).
  try {
    if (!doc.getRoot().getKey("/Pages").isDictionary()) {
      return error{error_code::corrupt, error::no_offset, "not a readable PDF: the catalog has no page tree"};
    }
  } catch (QPDFExc& e) {
    return from_qpdf(e);
  } catch (std::exception& e) {
    return error{error_code::corrupt, error::no_offset, std::string("not a readable PDF: ") + e.what()};
  }
  pdf::context ctx(doc, out);
  pdf::write_metadata(ctx);
  if (ctx.limit_reached()) return ctx.limit_error();

  std::vector<QPDFObjectHandle> pages;
  try {
    pages = doc.getAllPages();
  } catch (QPDFExc& e) {
    return from_qpdf(e);
  } catch (std::exception& e) {
    return error{error_code::corrupt, error::no_offset, std::string("the page tree cannot be read: ") + e.what()};
  }
  out.metadata("pageCount", value(pages.size()));

  pdf::page_text text;
  std::uint64_t unmapped = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    try {
      if (!pdf::interpret_page(ctx, pages[i], text)) break;
    } catch (std::bad_alloc&) {
      return error{error_code::out_of_memory, error::no_offset, "out of memory on page " + std::to_string(i + 1)};
    } catch (std::exception& e) {
      // Keep what the page showed before the damage.
      ctx.warn("pdf_page", "page " + std::to_string(i + 1) + " is damaged: " + e.what());
    }
    unmapped += text.unmapped;
    for (image_info& im : text.images) {
      im.page_number = static_cast<std::uint32_t>(i + 1);
      out.add_image(std::move(im));
    }
    pdf::write_page_text(text, out);
    out.end_page(static_cast<std::uint32_t>(i + 1));
    if (out.stopped()) break;
  }
  if (ctx.limit_reached()) return ctx.limit_error();
  if (unmapped > 0) {
    ctx.warn("pdf_unmapped_glyphs", std::to_string(unmapped) + " glyph(s) have no known Unicode text and were left out");
  }
  if (doc.anyWarnings()) {
    const std::vector<QPDFExc> w = doc.getWarnings();
    if (!w.empty()) {
      ctx.warn("pdf_repaired", std::to_string(w.size()) + " problem(s) in the file were repaired or skipped; first: " +
                                   w.front().getMessageDetail());
    }
  }
  return std::monostate{};
}

}  // namespace

status extract_pdf(std::span<const std::byte> bytes, writer& out) {
  try {
    return extract(bytes, out);
  } catch (std::bad_alloc&) {
    return error{error_code::out_of_memory, error::no_offset, "out of memory"};
  } catch (QPDFExc& e) {
    return from_qpdf(e);
  } catch (std::exception& e) {
    return error{error_code::corrupt, error::no_offset, std::string("damaged PDF: ") + e.what()};
  }
}

}  // namespace quarry::detail
