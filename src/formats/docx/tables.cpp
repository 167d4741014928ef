// Tables: w:tbl/w:tr/w:tc with w:gridSpan and w:gridBefore padded to the grid (so columns stay
// aligned) and w:vMerge continuation cells left empty (the merged text appears once). A top-level
// table streams its rows to the writer; a nested one is kept until it ends, then its text joins
// the enclosing cell and it is reported on its own.
#include <algorithm>

#include "formats/docx/walker.hpp"
#include "formats/docx/xml_part.hpp"

namespace quarry::detail::docx {

namespace {

// Word allows 63 columns; a larger span or gridBefore is hostile and is cut here.
constexpr std::int64_t max_span = 64;

std::uint32_t span_value(pugi::xml_node props, std::string_view name) {
  const pugi::xml_node n = child(props, name);
  if (!n) return 0;
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(parse_int(attr_value(n, "val"), 1), 0, max_span));
}

}  // namespace

void walker::cell_append(std::string_view s) {
  if (tables_.empty() || s.empty()) return;
  // Cell text is held until its row (or, nested, its table) is complete, and a nested table's
  // text is copied into the enclosing cell: all of it counts against the output limit.
  cell_bytes_ += s.size();
  if (cell_bytes_ > out_.limits().max_output_bytes) {
    fail({error_code::limit_exceeded, error::no_offset, "DOCX table text exceeds limits.max_output_bytes"});
    return;
  }
  tables_.back().cell.append(s);
}

void walker::begin_table(pugi::xml_node tbl) {
  table_state t;
  t.nested = !tables_.empty();
  join_next_ = false;
  if (!t.nested) {
    close_format();
    if (label_pending_) {  // a note that starts with a table: its label comes first
      label_pending_ = false;
      close_blocks();
      out_.paragraph();
      out_.text(label_);
    }
    if (role_ == part_role::body || role_ == part_role::header_footer) {
      if (kind_ == para_kind::heading && para_depth_ > 0) {
        out_.end_heading();
        kind_ = para_kind::normal;
      }
      close_blocks();
    }
  }
  for (pugi::xml_node c = child(tbl, "tblGrid").first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == "gridCol") ++t.columns;
  }
  t.columns = std::min<std::size_t>(t.columns, max_span);
  tables_.push_back(std::move(t));
}

void walker::begin_row(pugi::xml_node tr) {
  if (tables_.empty()) return;
  table_state& t = tables_.back();
  t.row.clear();
  t.cell.clear();
  const std::uint32_t before = span_value(child(tr, "trPr"), "gridBefore");
  for (std::uint32_t i = 0; i < before && !failed_; ++i) {
    if (++entries_ > out_.limits().max_entries) {
      fail({error_code::limit_exceeded, error::no_offset, "DOCX has more cells than limits.max_entries"});
      return;
    }
    t.row.emplace_back();
  }
}

void walker::begin_cell(pugi::xml_node tc) {
  if (tables_.empty()) return;
  if (++entries_ > out_.limits().max_entries) {
    fail({error_code::limit_exceeded, error::no_offset,
          "DOCX has more paragraphs and cells than limits.max_entries (" + std::to_string(out_.limits().max_entries) + ")"});
    return;
  }
  table_state& t = tables_.back();
  t.cell.clear();
  t.span = std::max<std::uint32_t>(1, span_value(child(tc, "tcPr"), "gridSpan"));
}

void walker::end_cell() {
  if (tables_.empty()) return;
  table_state& t = tables_.back();
  t.row.push_back(std::move(t.cell));
  t.cell.clear();
  // A cell spanning columns is followed by empty ones, so the next cell lands in its column.
  for (std::uint32_t i = 1; i < t.span && !failed_; ++i) {
    if (++entries_ > out_.limits().max_entries) {
      fail({error_code::limit_exceeded, error::no_offset, "DOCX has more cells than limits.max_entries"});
      return;
    }
    t.row.emplace_back();
  }
  t.span = 1;
}

void walker::end_row() {
  if (tables_.empty()) return;
  table_state& t = tables_.back();
  if (t.row.empty()) return;
  if (t.nested) {
    t.rows.push_back(std::move(t.row));
  } else {
    if (!t.started) {
      out_.begin_table(t.columns);
      t.started = true;
    }
    row_views_.assign(t.row.begin(), t.row.end());
    out_.table_row(row_views_);
  }
  t.row.clear();
  t.cell.clear();
}

void walker::end_table() {
  if (tables_.empty()) return;
  table_state t = std::move(tables_.back());
  tables_.pop_back();
  if (!t.nested) {
    if (t.started) out_.end_table();
    return;
  }
  if (t.rows.empty()) return;
  // The nested table's text, one row a line, becomes part of the enclosing cell.
  std::string joined;
  for (const auto& row : t.rows) {
    bool first = true;
    if (!joined.empty()) joined += '\n';
    for (const std::string& c : row) {
      if (c.empty()) continue;
      if (!first) joined += ' ';
      joined += c;
      first = false;
    }
  }
  if (!tables_.empty() && !tables_.back().cell.empty()) cell_append("\n");
  cell_append(joined);
  out_.add_table(std::move(t.rows), false);
}

}  // namespace quarry::detail::docx
