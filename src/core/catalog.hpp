// Every format Quarry knows, compiled in or not: names, MIME types, extensions, and the smallest
// WebAssembly variant that has it. detect_mime() and the registry both read this one table, so a
// format missing from a build is reported as FORMAT_NOT_LOADED rather than unknown.
#pragma once

#include <string_view>

#include "quarry/quarry.hpp"

namespace quarry::catalog {

using sv = std::string_view;

#define QUARRY_FORMAT(id, desc, grp, mimes_init, exts_init)             \
  inline constexpr sv id##_mimes[] = mimes_init;                        \
  inline constexpr sv id##_exts[] = exts_init;                          \
  inline constexpr format_info id{#id, desc, id##_mimes, id##_exts, grp};
#define QUARRY_LIST(...) {__VA_ARGS__}

QUARRY_FORMAT(text, "Plain text (UTF-8, UTF-16, Windows-1252)", "core",
              QUARRY_LIST("text/plain"), QUARRY_LIST("txt", "text", "log", "ini", "cfg", "conf"))
QUARRY_FORMAT(html, "HTML and XHTML", "core",
              QUARRY_LIST("text/html", "application/xhtml+xml"), QUARRY_LIST("html", "htm", "xhtml", "xht"))
QUARRY_FORMAT(markdown, "Markdown (CommonMark + GFM tables)", "core",
              QUARRY_LIST("text/markdown", "text/x-markdown"), QUARRY_LIST("md", "markdown", "mdown", "mkd"))
QUARRY_FORMAT(csv, "CSV and TSV", "core",
              QUARRY_LIST("text/csv", "text/tab-separated-values"), QUARRY_LIST("csv", "tsv", "tab"))
QUARRY_FORMAT(json, "JSON", "core",
              QUARRY_LIST("application/json", "text/json"), QUARRY_LIST("json"))
QUARRY_FORMAT(xml, "XML", "core",
              QUARRY_LIST("application/xml", "text/xml"), QUARRY_LIST("xml", "xsd", "rss", "atom", "svg"))
QUARRY_FORMAT(yaml, "YAML", "core",
              QUARRY_LIST("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"),
              QUARRY_LIST("yaml", "yml"))
QUARRY_FORMAT(toml, "TOML", "core",
              QUARRY_LIST("application/toml", "text/x-toml"), QUARRY_LIST("toml"))
QUARRY_FORMAT(pdf, "PDF", "pdf", QUARRY_LIST("application/pdf"), QUARRY_LIST("pdf"))
QUARRY_FORMAT(docx, "Word (DOCX)", "office",
              QUARRY_LIST("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
              QUARRY_LIST("docx", "docm", "dotx"))
QUARRY_FORMAT(xlsx, "Excel (XLSX)", "office",
              QUARRY_LIST("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              QUARRY_LIST("xlsx", "xlsm", "xltx"))
QUARRY_FORMAT(pptx, "PowerPoint (PPTX)", "office",
              QUARRY_LIST("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
              QUARRY_LIST("pptx", "pptm", "potx"))
QUARRY_FORMAT(odt, "OpenDocument text", "office",
              QUARRY_LIST("application/vnd.oasis.opendocument.text"), QUARRY_LIST("odt"))
QUARRY_FORMAT(ods, "OpenDocument spreadsheet", "office",
              QUARRY_LIST("application/vnd.oasis.opendocument.spreadsheet"), QUARRY_LIST("ods"))
QUARRY_FORMAT(odp, "OpenDocument presentation", "office",
              QUARRY_LIST("application/vnd.oasis.opendocument.presentation"), QUARRY_LIST("odp"))
QUARRY_FORMAT(epub, "EPUB 2 and 3", "office", QUARRY_LIST("application/epub+zip"), QUARRY_LIST("epub"))
QUARRY_FORMAT(rtf, "Rich Text Format", "office",
              QUARRY_LIST("application/rtf", "text/rtf"), QUARRY_LIST("rtf"))
QUARRY_FORMAT(eml, "Email (RFC 5322 / MIME)", "office", QUARRY_LIST("message/rfc822"), QUARRY_LIST("eml"))

#undef QUARRY_LIST
#undef QUARRY_FORMAT

/// All known formats, in a fixed order.
inline constexpr const format_info* all[] = {&text, &html,  &markdown, &csv, &json, &xml,
                                             &yaml, &toml,  &pdf,      &docx, &xlsx, &pptx,
                                             &odt,  &ods,   &odp,      &epub, &rtf,  &eml};

}  // namespace quarry::catalog
