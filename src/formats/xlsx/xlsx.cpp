// XLSX (Office Open XML spreadsheets, also .xlsm/.xltx): every sheet in workbook order under its
// name as a heading, its cells as one table drawn as the cells show them (number formats, dates,
// shared strings), one page per sheet; comments behind options::include_comments; the package's
// document properties plus sheetCount, sheetNames and hiddenSheets as metadata.
//
// Limits: rows with a value count against limits.max_entries for the whole workbook; XML nesting
// against limits.max_depth; inflated bytes against the ZIP reader's budget. Sheets are read one at
// a time, each in one streaming pass, so memory holds one sheet's cells and the shared strings.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/zip.hpp"
#include "formats/extractors.hpp"
#include "formats/office/opc.hpp"
#include "formats/xlsx/part_reader.hpp"
#include "formats/xlsx/xlsx_drawing.hpp"
#include "formats/xlsx/sheet_grid.hpp"
#include "formats/xlsx/xlsx_sheet.hpp"
#include "formats/xlsx/xlsx_strings.hpp"
#include "formats/xlsx/xlsx_styles.hpp"
#include "formats/xlsx/xlsx_workbook.hpp"

namespace quarry::detail {

namespace {

// Reads an optional part that the workbook points to. Only limit errors stop the extraction;
// a damaged part is a warning and counts as missing.
status read_optional(zip_archive& zip, const std::string& name, std::string& xml, bool& found, writer& out) {
  found = false;
  if (name.empty() || !zip.find(name)) return std::monostate{};
  status st = read_xml_part(zip, name, xml, out);
  if (!st.ok()) {
    if (st.err().code == error_code::limit_exceeded) return st;
    out.warn("damaged_part", "the part " + name + " cannot be read (" + st.err().detail + ")");
    return std::monostate{};
  }
  found = true;
  return std::monostate{};
}

// The part a workbook relationship of this type points to; without one, the part of the usual
// name beside the workbook (packages whose relationships were lost still read).
std::string target_of(const std::vector<office::relationship>& rels, std::string_view type_suffix,
                      const std::string& workbook_part, std::string_view usual_name) {
  const office::relationship* r = office::find_by_type(rels, type_suffix);
  if (r) return r->external ? std::string() : r->target;
  return office::resolve_part(workbook_part, usual_name);
}

// The comments of one sheet, through the sheet's relationships. Threaded comments (Excel 365)
// come with a legacy copy for older readers, which says "[Threaded comment] Your version of
// Excel allows you to read this..." around the text: where a cell has threaded comments, its
// legacy comment is left out.
status read_sheet_comments(zip_archive& zip, const std::vector<office::relationship>& rels,
                           const std::unordered_map<std::string, std::string>& persons,
                           std::vector<sheet_comment>& comments, writer& out) {
  comments.clear();
  std::string xml;
  bool found = false;
  for (const auto& r : rels) {
    if (r.external || !r.type.ends_with("/threadedComment")) continue;
    if (status st = read_optional(zip, r.target, xml, found, out); !st.ok()) return st;
    if (!found) continue;
    if (status st = read_threaded_comments(xml, persons, comments, out); !st.ok()) return st;
  }
  const std::size_t threaded = comments.size();
  for (const auto& r : rels) {
    if (r.external || !r.type.ends_with("/comments")) continue;
    if (status st = read_optional(zip, r.target, xml, found, out); !st.ok()) return st;
    if (!found) continue;
    std::vector<sheet_comment> legacy;
    if (status st = read_comments(xml, legacy, out); !st.ok()) return st;
    for (auto& c : legacy) {
      const bool covered = std::any_of(comments.begin(), comments.begin() + static_cast<std::ptrdiff_t>(threaded),
                                       [&](const sheet_comment& t) { return t.row == c.row && t.col == c.col; });
      if (!covered) comments.push_back(std::move(c));
    }
  }
  return std::monostate{};
}

// The text of the shapes drawn on a sheet (text boxes), after its table.
status read_sheet_drawings(zip_archive& zip, const std::vector<office::relationship>& rels, writer& out) {
  std::string xml;
  bool found = false;
  for (const auto& r : rels) {
    if (r.external || !r.type.ends_with("/drawing")) continue;
    if (status st = read_optional(zip, r.target, xml, found, out); !st.ok()) return st;
    if (!found) continue;
    if (status st = read_drawing_text(xml, out); !st.ok()) return st;
  }
  return std::monostate{};
}

}  // namespace

status extract_xlsx(std::span<const std::byte> bytes, writer& out) {
  auto opened = zip_archive::open(bytes, out.limits());
  if (!opened.ok()) return opened.err();
  zip_archive& zip = opened.value();

  const std::string workbook_part = office::main_document(zip, "xl/workbook.xml", out);
  std::string xml;
  if (status st = read_xml_part(zip, workbook_part, xml, out); !st.ok()) {
    if (st.err().code == error_code::corrupt && !zip.find(workbook_part)) {
      return error{error_code::corrupt, error::no_offset, "not a spreadsheet: the workbook part is missing"};
    }
    return st;
  }
  xlsx_workbook wb;
  if (status st = read_workbook(xml, wb, out); !st.ok()) return st;
  const auto rels = office::read_relationships(zip, workbook_part, out);

  shared_strings strings;
  xlsx_styles styles;
  bool found = false;
  if (status st = read_optional(zip, target_of(rels, "/sharedStrings", workbook_part, "sharedStrings.xml"), xml, found, out);
      !st.ok()) {
    return st;
  }
  if (found) {
    if (status st = strings.read(xml, out); !st.ok()) return st;
  }
  if (status st = read_optional(zip, target_of(rels, "/styles", workbook_part, "styles.xml"), xml, found, out); !st.ok()) {
    return st;
  }
  if (found) {
    if (status st = styles.read(xml, out); !st.ok()) return st;
  }

  office::read_document_properties(zip, out);
  value names = value::array();
  value hidden = value::array();
  for (const auto& s : wb.sheets) {
    names.push_back(value(s.name));
    if (s.hidden) hidden.push_back(value(s.name));
  }
  out.metadata("sheetCount", value(wb.sheets.size()));
  out.metadata("sheetNames", std::move(names));
  if (hidden.size() > 0) out.metadata("hiddenSheets", std::move(hidden));

  // The people behind threaded comments, read only when comments are wanted.
  std::unordered_map<std::string, std::string> persons;
  if (out.opts().include_comments) {
    if (const office::relationship* r = office::find_by_type(rels, "/person"); r && !r->external) {
      if (status st = read_optional(zip, r->target, xml, found, out); !st.ok()) return st;
      if (found) {
        if (status st = read_persons(xml, persons, out); !st.ok()) return st;
      }
    }
  }

  xlsx_context ctx;
  ctx.strings = &strings;
  ctx.styles = &styles;
  ctx.dates = wb.dates;
  sheet_grid grid;
  std::vector<sheet_comment> comments;
  std::size_t repaired = 0;
  std::uint32_t page = 0;
  for (const auto& sheet : wb.sheets) {
    if (out.stopped()) break;
    out.begin_heading(2);
    out.text_collapsed(sheet.name);
    out.end_heading();
    const office::relationship* rel = office::find_by_id(rels, sheet.rel_id);
    std::string part;
    bool cells = false;  // chart sheets and dialog sheets have none
    if (rel && !rel->external) {
      part = rel->target;
      cells = rel->type.ends_with("/worksheet");
    } else if (!rel) {
      // Relationships lost: the usual name of the sheet at this position, if there is one.
      part = office::resolve_part(workbook_part, "worksheets/sheet" + std::to_string(page + 1) + ".xml");
      cells = zip.find(part) != nullptr;
      if (!cells) out.warn("missing_sheet", "the sheet \"" + sheet.name + "\" points to no part");
    }
    if (cells) {
      if (status st = read_optional(zip, part, xml, found, out); !st.ok()) return st;
      if (!found) {
        out.warn("missing_sheet", "the part of sheet \"" + sheet.name + "\" (" + part + ") is missing or unreadable");
      } else {
        grid.clear();
        if (status st = read_worksheet(xml, part, ctx, grid, out); !st.ok()) return st;
        xml.clear();
        xml.shrink_to_fit();  // a large sheet's text is not kept while the next one is read
        repaired += grid.repaired();
        grid.render(out);
        const auto sheet_rels = office::read_relationships(zip, part, out);
        if (status st = read_sheet_drawings(zip, sheet_rels, out); !st.ok()) return st;
        if (out.opts().include_comments) {
          if (status st = read_sheet_comments(zip, sheet_rels, persons, comments, out); !st.ok()) return st;
          render_sheet_comments(comments, out);
        }
      }
    }
    // Chart sheets and dialog sheets have no cells: their page holds the name only.
    out.end_page(++page);
  }
  if (repaired > 0) {
    out.warn("invalid_utf8", std::to_string(repaired) + " cell(s) held invalid UTF-8, replaced by U+FFFD");
  }
  return std::monostate{};
}

}  // namespace quarry::detail
