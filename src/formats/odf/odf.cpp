// OpenDocument: ODT (text), ODP (presentations), ODG (drawings) read here; ODS (spreadsheets)
// handed to the spreadsheet reader. The `mimetype` entry says which, else the manifest, else the
// content's body element.
#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/zip.hpp"
#include "formats/extractors.hpp"
#include "formats/odf/meta.hpp"
#include "formats/odf/package.hpp"
#include "formats/office/xml_part.hpp"

#if QUARRY_HAS_XLSX
#include "formats/xlsx/ods_reader.hpp"
#endif

namespace quarry::detail {

namespace odf {

namespace {

constexpr std::string_view mime_prefix = "application/vnd.oasis.opendocument.";

// The master page parts shown as headers and footers.
bool is_header_or_footer(std::string_view local) noexcept {
  return local.starts_with("header") || local.starts_with("footer");
}

// Headers and footers of every master page, once each (most documents repeat one footer on
// several master pages).
status render_headers_footers(pugi::xml_node styles_root, context& ctx) {
  const pugi::xml_node masters = child_named(styles_root, "master-styles");
  std::unordered_set<std::string> seen;
  for (pugi::xml_node page = masters.first_child(); page && !ctx.out.stopped(); page = page.next_sibling()) {
    if (local_name(page) != "master-page") continue;
    if (!ctx.count_entry()) return ctx.entries_error();
    for (pugi::xml_node part = page.first_child(); part; part = part.next_sibling()) {
      if (!is_header_or_footer(local_name(part))) continue;
      std::string text;
      if (status st = gather_text(part, ctx, text); !st.ok()) return st;
      if (text.empty() || seen.count(text)) continue;
      write_lines(text, ctx.out);
      seen.insert(std::move(text));
    }
  }
  return std::monostate{};
}

status render_text_body(pugi::xml_node body, pugi::xml_node styles_root, context& ctx) {
  if (status st = render_blocks(body, ctx); !st.ok()) return st;
  if (status st = render_footnotes(ctx); !st.ok()) return st;
  if (ctx.out.opts().include_headers_footers && styles_root) {
    if (status st = render_headers_footers(styles_root, ctx); !st.ok()) return st;
  }
  return render_comments(ctx);
}

}  // namespace

kind kind_from_mime(std::string_view mime) noexcept {
  if (!mime.starts_with(mime_prefix)) return kind::unknown;
  mime.remove_prefix(mime_prefix.size());
  if (mime.starts_with("text")) return kind::text;  // text, text-template, text-master, text-web
  if (mime.starts_with("spreadsheet")) return kind::spreadsheet;
  if (mime.starts_with("presentation")) return kind::presentation;
  if (mime.starts_with("graphics")) return kind::drawing;
  return kind::unknown;
}

kind kind_from_body(pugi::xml_node office_body) noexcept {
  for (pugi::xml_node c = office_body.first_child(); c; c = c.next_sibling()) {
    const std::string_view n = local_name(c);
    if (n == "text") return kind::text;
    if (n == "spreadsheet") return kind::spreadsheet;
    if (n == "presentation") return kind::presentation;
    if (n == "drawing") return kind::drawing;
  }
  return kind::unknown;
}

status render_package(package& p, writer& out) {
  pugi::xml_document content_doc;
  if (status st = load_xml_part(p.content, content_doc, out, "content.xml"); !st.ok()) return st;
  const pugi::xml_node root = content_doc.document_element();
  const pugi::xml_node body = child_named(root, "body");
  if (!body) return error{error_code::corrupt, error::no_offset, "content.xml has no office:body: not an OpenDocument document"};
  kind k = kind_from_mime(p.mimetype);
  const kind from_body = kind_from_body(body);
  if (from_body != kind::unknown) k = from_body;  // what the content holds wins over what the label says
  if (k == kind::unknown) return error{error_code::corrupt, error::no_offset, "content.xml's body holds no text, presentation or drawing"};
  if (k == kind::spreadsheet) {
    return error{error_code::unsupported_format, error::no_offset, "OpenDocument spreadsheets are read by the ODS reader"};
  }

  // A flat document (office:document) holds its metadata and styles itself.
  const bool flat = local_name(root) == "document";
  if (flat) {
    if (const pugi::xml_node meta = child_named(root, "meta")) report_meta(meta, out);
  } else if (!p.meta.empty()) {
    if (status st = read_meta_xml(p.meta, out); !st.ok()) return st;
  }
  pugi::xml_document styles_doc;
  if (!flat && !p.styles.empty()) {
    if (status st = load_xml_part(p.styles, styles_doc, out, "styles.xml"); !st.ok()) return st;
  }
  const pugi::xml_node styles_root = flat ? root : styles_doc.document_element();

  odf::styles st;
  context ctx(st, out);
  st.read(root, ctx.entries);
  if (styles_root && !flat) st.read(styles_root, ctx.entries);
  st.finish();
  if (ctx.entries > out.limits().max_entries) return ctx.entries_error();

  switch (k) {
    case kind::text:
      return render_text_body(child_named(body, "text"), styles_root, ctx);
    case kind::presentation:
      return render_presentation(child_named(body, "presentation"), ctx);
    case kind::drawing:
      return render_presentation(child_named(body, "drawing"), ctx);
    default:
      return std::monostate{};
  }
}

}  // namespace odf

namespace {

// Reads an optional part: "" when it is missing or damaged (a warning), an error only for limits.
status read_optional(zip_archive& zip, std::string_view name, std::string& out_text, writer& out) {
  out_text.clear();
  const zip_entry* e = zip.find(name);
  if (!e) return std::monostate{};
  bool crc_ok = true;
  if (status st = zip.read(*e, out_text, &crc_ok); !st.ok()) {
    out_text.clear();
    if (st.err().code == error_code::limit_exceeded || st.err().code == error_code::out_of_memory) return st;
    out.warn("damaged_part", std::string(name) + " cannot be read (" + st.err().detail + "); it was skipped");
    return std::monostate{};
  }
  if (!crc_ok) out.warn("crc_mismatch", std::string(name) + " fails its CRC check");
  return std::monostate{};
}

// What the manifest says: the package's MIME type (its entry for "/"), and whether content.xml is
// encrypted (a password-protected package: its parts are ciphertext).
struct manifest_facts {
  std::string mime;
  bool encrypted = false;
};

status read_manifest(zip_archive& zip, manifest_facts& facts, writer& out) {
  std::string text;
  if (status st = read_optional(zip, "META-INF/manifest.xml", text, out); !st.ok()) return st;
  if (text.empty()) return std::monostate{};
  pugi::xml_document doc;
  if (status st = load_xml_part(text, doc, out, "META-INF/manifest.xml"); !st.ok()) return st;
  for (pugi::xml_node e = doc.document_element().first_child(); e; e = e.next_sibling()) {
    if (local_name(e) != "file-entry") continue;
    const std::string_view path = attribute_named(e, "full-path").value();
    if (path == "/") facts.mime = attribute_named(e, "media-type").value();
    if (path == "content.xml" && child_named(e, "encryption-data")) facts.encrypted = true;
  }
  return std::monostate{};
}

}  // namespace

status extract_odf(std::span<const std::byte> bytes, writer& out) {
  auto opened = zip_archive::open(bytes, out.limits());
  if (!opened.ok()) return std::move(opened).err();
  zip_archive& zip = opened.value();

  odf::package p;
  if (status st = read_optional(zip, "mimetype", p.mimetype, out); !st.ok()) return st;
  while (!p.mimetype.empty() && (p.mimetype.back() == '\n' || p.mimetype.back() == '\r' || p.mimetype.back() == ' ')) {
    p.mimetype.pop_back();
  }
  manifest_facts manifest;
  if (status st = read_manifest(zip, manifest, out); !st.ok()) return st;
  if (manifest.encrypted) {
    return error{error_code::encrypted, error::no_offset, "the package is password-protected (its content is encrypted)"};
  }
  if (p.mimetype.empty()) p.mimetype = std::move(manifest.mime);
  odf::kind k = odf::kind_from_mime(p.mimetype);
  if (!p.mimetype.empty() && k == odf::kind::unknown) {
    return error{error_code::unsupported_format, error::no_offset,
                 "an OpenDocument package of type '" + p.mimetype + "', which has no text to extract"};
  }
  if (k == odf::kind::spreadsheet) {
    if (status st = odf::read_odf_metadata(zip, out); !st.ok()) return st;
#if QUARRY_HAS_XLSX
    return extract_ods_content(zip, out);
#else
    return error{error_code::unsupported_format, error::no_offset,
                 "OpenDocument spreadsheets are read by the spreadsheet extractor, which is not in this build"};
#endif
  }

  const zip_entry* content = zip.find("content.xml");
  if (!content) return error{error_code::corrupt, error::no_offset, "the package has no content.xml"};
  bool crc_ok = true;
  if (status st = zip.read(*content, p.content, &crc_ok); !st.ok()) return st;
  if (!crc_ok) out.warn("crc_mismatch", "content.xml fails its CRC check");
  if (status st = read_optional(zip, "styles.xml", p.styles, out); !st.ok()) return st;
  if (status st = read_optional(zip, "meta.xml", p.meta, out); !st.ok()) return st;
  status rendered = odf::render_package(p, out);
#if QUARRY_HAS_XLSX
  // A package whose label was missing or wrong but whose content is a spreadsheet.
  if (!rendered.ok() && rendered.err().code == error_code::unsupported_format && k != odf::kind::spreadsheet) {
    if (status st = odf::read_odf_metadata(zip, out); !st.ok()) return st;
    return extract_ods_content(zip, out);
  }
#endif
  return rendered;
}

}  // namespace quarry::detail
