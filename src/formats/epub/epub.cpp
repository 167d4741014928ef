// EPUB 2 and 3: the ZIP container, META-INF/container.xml → the package document (OPF) → the
// manifest and spine; each spine document goes through the HTML extractor into the same writer,
// one page per document (a reading system paginates by screen, so the spine's documents —
// chapters, mostly — are the units a user can address). Metadata comes from the OPF's Dublin
// Core elements.
//
// Reading order: the linear spine documents in spine order, then the linear="no" ones (notes,
// answer keys, pop-ups: content that is not in the main flow but is still the book's text), except
// a non-linear cover page (the EPUB 2 guide's "cover"), which only shows the cover picture that a
// reading system presents outside the text. The EPUB 3 navigation document, the NCX and the EPUB 2
// guide's "toc" page are tables of contents that repeat the headings: never read as text.
//
// Encryption: META-INF/encryption.xml may obfuscate fonts (harmless); a content document
// encrypted any other way (DRM), or a ZIP-encrypted one, is skipped with a warning, and a book
// whose every document is encrypted is ENCRYPTED.
//
// Hostile books: the spine and manifest are bounded by limits.max_entries, inflated bytes by the
// ZIP reader's budget, HTML elements (counted across all documents) by max_entries and their
// nesting by max_depth; each document is read once however often the spine names it; fallback
// chains are followed a bounded number of hops; references leaving the archive are skipped.
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "core/zip.hpp"
#include "formats/epub/encryption.hpp"
#include "formats/epub/metadata.hpp"
#include "formats/epub/package.hpp"
#include "formats/epub/paths.hpp"
#include "formats/extractors.hpp"
#include "formats/xml/xml_load.hpp"

namespace quarry::detail {

namespace {

// Manifest fallback chains longer than this are broken (or cyclic); real books use one hop.
constexpr int max_fallback_hops = 16;

// Reads `entry` into `buf` (replacing it); a CRC mismatch is a warning.
status read_entry(zip_archive& zip, const zip_entry& entry, std::string& buf, writer& out) {
  buf.clear();
  bool crc_ok = true;
  status st = zip.read(entry, buf, &crc_ok);
  if (st.ok() && !crc_ok) out.warn("crc_mismatch", entry.name + " is damaged (CRC mismatch); its text may be wrong");
  return st;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) noexcept {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if ((s[s.size() - suffix.size() + i] | 0x20) != suffix[i]) return false;
  }
  return true;
}

// Documents the HTML extractor reads: XHTML (EPUB 2 and 3), HTML and OEB 1 documents. EPUB 3's
// SVG content documents (fixed-layout pages) are not: the HTML extractor leaves SVG out, so they
// are skipped with a warning unless their fallback is readable.
bool is_readable(const epub::manifest_item& item) noexcept {
  const std::string_view t = item.media_type;
  if (t == "application/xhtml+xml" || t == "text/html" || t == "text/x-oeb1-document") return true;
  if (!t.empty()) return false;
  return ends_with_ci(item.path, ".xhtml") || ends_with_ci(item.path, ".html") || ends_with_ci(item.path, ".htm");
}

// The encoding a chapter's XML declaration names, when that settles it: XHTML's declaration plays
// the part of HTML's <meta charset>, so a stray bad byte in a UTF-8 chapter is one U+FFFD rather
// than the whole chapter read as Windows-1252. A byte order mark wins (and then detection reads
// it), and a UTF-16 label is ignored: a declaration readable as ASCII is not in UTF-16.
std::optional<encoding> declared_encoding(std::string_view doc) {
  encoding enc = encoding::utf8;
  if (detect_bom(doc, enc) != 0) return std::nullopt;
  const std::string_view label = xml_declared_encoding(doc.substr(0, 1024));
  if (label.empty() || !encoding_from_label(label, enc) || enc == encoding::utf16le || enc == encoding::utf16be)
    return std::nullopt;
  if (enc == encoding::latin1) enc = encoding::windows1252;  // as browsers read it
  return enc;
}

void check_mimetype(zip_archive& zip, std::string& buf, writer& out) {
  const zip_entry* e = zip.find("mimetype");
  if (e == nullptr) {
    out.warn("mimetype", "the archive has no mimetype entry (application/epub+zip expected); read as EPUB anyway");
    return;
  }
  // A mimetype entry is 20 bytes; reading a huge one would waste the inflate budget.
  if (e->uncompressed_size > 256 || !read_entry(zip, *e, buf, out).ok()) {
    out.warn("mimetype", "the mimetype entry is unreadable; read as EPUB anyway");
    return;
  }
  std::string_view m = buf;
  while (!m.empty() && (m.back() == '\n' || m.back() == '\r' || m.back() == ' ')) m.remove_suffix(1);
  if (m != "application/epub+zip") {
    out.warn("mimetype", "the mimetype entry says \"" + std::string(m.substr(0, 64)) +
                             "\", not application/epub+zip; read as EPUB anyway");
  }
}

// The package document's entry: container.xml's rootfile, else the archive's only-or-first .opf.
result<const zip_entry*> find_package(zip_archive& zip, std::string& buf, writer& out) {
  std::string why;
  if (const zip_entry* c = zip.find("META-INF/container.xml"); c == nullptr) {
    why = "the archive has no META-INF/container.xml";
  } else if (status st = read_entry(zip, *c, buf, out); !st.ok()) {
    if (st.err().code == error_code::limit_exceeded) return st.err();
    why = "META-INF/container.xml is unreadable (" + st.err().detail + ")";
  } else {
    const std::string full_path = epub::rootfile_path(buf);
    std::string path;
    if (full_path.empty()) {
      why = "META-INF/container.xml names no package document";
    } else if (!epub::resolve_href({}, full_path, path, false)) {
      why = "META-INF/container.xml names a package document outside the archive";
    } else if (const zip_entry* opf = zip.find(path); opf != nullptr) {
      return opf;
    } else {
      why = "the package document " + path + " named by META-INF/container.xml is missing";
    }
  }
  for (const zip_entry& e : zip.entries()) {
    if (!e.is_directory() && ends_with_ci(e.name, ".opf")) {
      out.warn("missing_container", why + "; read " + e.name + " instead");
      return &e;
    }
  }
  return error{error_code::corrupt, error::no_offset, why + ", and no .opf package document was found"};
}

// The readable document for spine item `i`, following fallbacks; SIZE_MAX when there is none.
std::size_t readable_item(const epub::package& pkg, std::size_t i) {
  for (int hop = 0; hop <= max_fallback_hops; ++hop) {
    const epub::manifest_item& item = pkg.manifest[i];
    if (is_readable(item)) return i;
    if (item.fallback == SIZE_MAX) break;
    i = item.fallback;
  }
  return SIZE_MAX;
}

// A document to read, in reading order.
struct chapter {
  const epub::manifest_item* item;
  const zip_entry* entry;
};

// Orders the spine (linear first) and keeps what can be read, with a warning for each kind of
// skipped document. `base` is the package document's folder. `drm` counts the documents skipped
// because they are encrypted.
std::vector<chapter> plan_reading(const epub::package& pkg, std::string_view base, zip_archive& zip,
                                  const std::vector<epub::encrypted_part>& encrypted, std::size_t& drm, writer& out) {
  std::vector<epub::spine_ref> order;
  order.reserve(pkg.spine.size());
  for (const auto& ref : pkg.spine)
    if (ref.linear) order.push_back(ref);
  for (const auto& ref : pkg.spine) {
    if (!ref.linear && (pkg.cover_page.empty() || pkg.manifest[ref.item].path != pkg.cover_page)) order.push_back(ref);
  }
  if (order.empty() && pkg.spine.empty()) {
    // No spine at all: a damaged book; its manifest's documents in manifest order are the best guess.
    for (std::size_t i = 0; i < pkg.manifest.size(); ++i) {
      if (!pkg.manifest[i].nav && is_readable(pkg.manifest[i])) order.push_back({i, true});
    }
    if (!order.empty()) out.warn("no_spine", "the package has no spine; its documents are read in manifest order");
  }
  std::vector<chapter> plan;
  plan.reserve(order.size());
  // Each entry is read once, even when two items or a fallback lead to it again.
  std::vector<bool> planned(zip.entries().size(), false);
  // Entries encrypted by something other than font obfuscation.
  std::vector<bool> drm_entry(zip.entries().size(), false);
  for (const auto& part : encrypted) {
    const zip_entry* e = part.obfuscation ? nullptr : zip.find(part.path);
    if (e != nullptr) drm_entry[static_cast<std::size_t>(e - zip.entries().data())] = true;
  }
  std::size_t outside = 0;
  std::size_t missing = 0;
  std::size_t unsupported = 0;
  for (const auto& ref : order) {
    const epub::manifest_item& listed = pkg.manifest[ref.item];
    if (listed.nav || ref.item == pkg.ncx || (!pkg.toc_page.empty() && listed.path == pkg.toc_page)) continue;
    const std::size_t i = readable_item(pkg, ref.item);
    if (i == SIZE_MAX) {
      ++unsupported;
      continue;
    }
    const epub::manifest_item& item = pkg.manifest[i];
    if (item.nav) continue;
    if (item.path.empty()) {
      ++outside;
      continue;
    }
    const zip_entry* entry = zip.find(item.path);
    if (entry == nullptr && item.href.find('%') != std::string::npos) {
      // Some producers put a literal '%' in entry names; try the href undecoded.
      std::string path;
      if (epub::resolve_href(base, item.href, path, false)) entry = zip.find(path);
    }
    if (entry == nullptr) {
      ++missing;
      continue;
    }
    const auto index = static_cast<std::size_t>(entry - zip.entries().data());
    if (planned[index]) continue;
    planned[index] = true;
    if (drm_entry[index] || (entry->flags & 1u) != 0) {
      ++drm;
      out.warn("encrypted", entry->name + " is encrypted (DRM); skipped");
      continue;
    }
    plan.push_back({&item, entry});
  }
  if (outside != 0)
    out.warn("outside_archive", std::to_string(outside) + " spine document(s) point outside the archive or to a remote address; skipped");
  if (missing != 0)
    out.warn("missing_document", std::to_string(missing) + " spine document(s) are missing from the archive; skipped");
  if (unsupported != 0)
    out.warn("unsupported_document", std::to_string(unsupported) + " spine document(s) are not XHTML (or HTML) and have no XHTML fallback; skipped");
  return plan;
}

// With options::extract_images: the manifest's images that the archive holds (format from the
// media type, the entry name; their sizes would cost inflating them, so they stay unknown).
void list_images(const epub::package& pkg, const zip_archive& zip, writer& out) {
  for (const epub::manifest_item& item : pkg.manifest) {
    const std::string_view type = item.media_type;
    if (!type.starts_with("image/") || item.path.empty() || zip.find(item.path) == nullptr) continue;
    image_info image;
    const std::string_view subtype = type.substr(6);
    image.format = subtype == "svg+xml" ? "svg" : subtype == "jpg" ? "jpeg" : std::string(subtype);
    image.name = item.path;
    out.add_image(std::move(image));
  }
}

}  // namespace

status extract_epub(std::span<const std::byte> bytes, writer& out) {
  auto opened = zip_archive::open(bytes, out.limits());
  if (!opened.ok()) return opened.err();
  zip_archive& zip = opened.value();
  std::string buf;
  check_mimetype(zip, buf, out);

  auto opf = find_package(zip, buf, out);
  if (!opf.ok()) return opf.err();
  const zip_entry& opf_entry = *opf.value();
  if (status st = read_entry(zip, opf_entry, buf, out); !st.ok()) return st;
  auto read = epub::read_package(buf, opf_entry.name, out);
  if (!read.ok()) return read.err();
  const epub::package& pkg = read.value();

  std::vector<epub::encrypted_part> encrypted;
  if (const zip_entry* e = zip.find("META-INF/encryption.xml"); e != nullptr) {
    if (status st = read_entry(zip, *e, buf, out); st.ok()) {
      encrypted = epub::read_encryption(buf, static_cast<std::size_t>(std::min<std::uint64_t>(out.limits().max_entries, SIZE_MAX)));
    } else if (st.err().code == error_code::limit_exceeded) {
      return st;
    } else {
      out.warn("damaged_part", "META-INF/encryption.xml is unreadable (" + st.err().detail + ")");
    }
  }
  std::size_t drm = 0;
  const std::vector<chapter> plan = plan_reading(pkg, epub::folder_of(opf_entry.name), zip, encrypted, drm, out);
  if (plan.empty() && drm != 0) {
    return error{error_code::encrypted, error::no_offset,
                 "every content document of the book is encrypted (DRM): " + std::to_string(drm) + " document(s)"};
  }
  epub::emit_metadata(pkg.info, out);
  if (out.opts().extract_images) list_images(pkg, zip, out);

  html_embedding how;
  how.xml_syntax = true;
  std::uint64_t elements = 0;
  how.element_count = &elements;
  std::uint32_t page = 0;
  for (const chapter& c : plan) {
    if (out.stopped()) break;
    if (status st = read_entry(zip, *c.entry, buf, out); !st.ok()) {
      if (st.err().code == error_code::limit_exceeded) return st;
      out.warn("damaged_document", c.entry->name + " is unreadable (" + st.err().detail + "); skipped");
      continue;
    }
    if (status st = extract_html_embedded(buf, declared_encoding(buf), out, how); !st.ok()) return st;
    out.end_page(++page);
  }
  return std::monostate{};
}

}  // namespace quarry::detail
