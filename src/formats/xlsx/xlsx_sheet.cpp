#include "formats/xlsx/xlsx_sheet.hpp"

#include <string>

#include "formats/xlsx/xml_pull.hpp"

namespace quarry::detail {

namespace {

// The cell being read.
struct cell_state {
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  std::uint32_t style = 0;
  bool valid = true;     // its reference is inside the sheet
  bool has_value = false;
  std::string type;      // t="s", "str", "inlineStr", "b", "e", "n", "d"
  std::string value;     // <v>
  std::string inline_text;
};

// "A1:C3" into two corners; a single cell ("B2") is a range of one.
bool parse_range(std::string_view ref, std::uint32_t& r0, std::uint32_t& c0, std::uint32_t& r1, std::uint32_t& c1) {
  const std::size_t colon = ref.find(':');
  if (!parse_cell_reference(ref.substr(0, colon), r0, c0)) return false;
  if (colon == std::string_view::npos) {
    r1 = r0;
    c1 = c0;
    return true;
  }
  return parse_cell_reference(ref.substr(colon + 1), r1, c1);
}

// Appends the text a cell shows.
void draw_cell(cell_state& c, xlsx_context& ctx, std::string& text, bool& bad_string) {
  text.clear();
  const std::string_view t = c.type;
  if (t == "s") {
    std::uint32_t index = 0;
    const std::string_view* s = parse_u32(c.value, index) ? ctx.strings->get(index) : nullptr;
    if (!s) {
      bad_string = true;
      return;
    }
    text.append(*s);
  } else if (t == "inlineStr") {
    decode_ooxml_escapes(c.inline_text);
    text.append(c.inline_text);
  } else if (t == "str" || t == "e") {
    decode_ooxml_escapes(c.value);
    text.append(c.value);
    return;  // a formula's text result or an error code ("#N/A") shows as it is
  } else if (t == "b") {
    text.append(c.value == "1" || c.value == "true" ? "TRUE" : "FALSE");
    return;
  } else if (t == "d") {
    double serial = 0;
    const number_format& f = ctx.styles->format_of(c.style);
    if (f.is_date_time() && parse_iso_datetime(c.value, ctx.dates, serial)) f.format(serial, ctx.dates, text);
    else text.append(c.value);
    return;
  } else {
    double v = 0;
    if (!parse_number(c.value, v)) {
      text.append(c.value);  // not a number after all: its text is all there is to show
      return;
    }
    if (ctx.styles->is_general(c.style)) format_general(v, text, c.value);
    else ctx.styles->format_of(c.style).format(v, ctx.dates, text, c.value);
    return;
  }
  // Strings through a format with a text section ("@ kg"): rare, so checked only here.
  if (!ctx.styles->is_general(c.style)) {
    const number_format& f = ctx.styles->format_of(c.style);
    if (f.has_text_section()) {
      std::string shown;
      f.format_text(text, shown);
      text = std::move(shown);
    }
  }
}

}  // namespace

status read_worksheet(std::string_view xml, std::string_view part_name, xlsx_context& ctx, sheet_grid& grid,
                      writer& out) {
  xml_pull x(xml, out.limits().max_depth);
  bool in_data = false;
  bool in_cell = false;
  int in_v = 0, in_is = 0, in_t = 0, in_phonetic = 0;
  std::uint32_t row = 0;       // the current row (0-based)
  std::uint32_t next_row = 0;  // for rows without r=
  std::uint32_t next_col = 0;  // for cells without r=
  bool bad_ref = false, bad_string = false;
  cell_state c;
  std::string text;
  const std::uint64_t max_rows = out.limits().max_entries;
  bool row_counted = false;
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) {
        return error{error_code::limit_exceeded, x.offset(), std::string(part_name) + ": " + std::string(x.error_message())};
      }
      out.warn("damaged_part", std::string(part_name) + " is damaged (" + std::string(x.error_message()) +
                                   "); its cells after byte " + std::to_string(x.offset()) + " are missing");
      break;
    }
    if (e == xml_event::text) {
      if (in_v > 0) x.append_text(c.value);
      else if (in_t > 0 && in_phonetic == 0) x.append_text(c.inline_text);
      continue;
    }
    const std::string_view n = x.local_name();
    if (e == xml_event::start) {
      if (!in_data) {
        if (n == "sheetData") {
          in_data = true;
        } else if (n == "mergeCell") {
          std::uint32_t r0 = 0, c0 = 0, r1 = 0, c1 = 0;
          if (const auto* ref = x.attribute("ref"); ref && parse_range(*ref, r0, c0, r1, c1)) {
            grid.add_merge(r0, c0, r1, c1);
          }
        }
        continue;
      }
      if (n == "row") {
        std::uint32_t r = 0;
        const auto* rv = x.attribute("r");
        row = (rv && parse_u32(*rv, r) && r >= 1) ? r - 1 : next_row;
        next_row = row < max_sheet_row ? row + 1 : row;
        next_col = 0;
        row_counted = false;
      } else if (n == "c") {
        in_cell = true;
        c.has_value = false;
        c.valid = true;
        c.value.clear();
        c.inline_text.clear();
        c.type.clear();
        c.style = 0;
        c.row = row;
        c.col = next_col;
        if (const auto* ref = x.attribute("r")) {
          std::uint32_t rr = row, cc = next_col;
          bool has_row = false, has_col = false;
          if (parse_cell_reference(*ref, rr, cc, &has_row, &has_col)) {
            c.row = rr;
            c.col = cc;
          } else {
            c.valid = false;
            bad_ref = true;
          }
        }
        if (c.col > max_sheet_col) c.valid = false;
        next_col = c.col < max_sheet_col ? c.col + 1 : c.col;
        if (const auto* s = x.attribute("s")) (void)parse_u32(*s, c.style);
        if (const auto* t = x.attribute("t")) append_xml_decoded(*t, c.type);
      } else if (in_cell) {
        if (n == "v") {
          ++in_v;
          c.has_value = true;
        } else if (n == "is") {
          ++in_is;
          c.has_value = true;
        } else if (n == "rPh") {
          ++in_phonetic;
        } else if (n == "t" && in_is > 0) {
          ++in_t;
        } else if (n == "f" || n == "extLst") {
          // The formula's source and extensions are not shown: skipped whole.
          if (!x.skip_element()) continue;
        }
      }
      continue;
    }
    // An end tag.
    if (n == "sheetData") {
      in_data = false;
    } else if (!in_cell) {
      continue;
    } else if (n == "v") {
      if (in_v > 0) --in_v;
    } else if (n == "t") {
      if (in_t > 0) --in_t;
    } else if (n == "rPh") {
      if (in_phonetic > 0) --in_phonetic;
    } else if (n == "is") {
      if (in_is > 0) --in_is;
    } else if (n == "c") {
      in_cell = false;
      in_v = in_is = in_t = in_phonetic = 0;
      if (!c.has_value || !c.valid) continue;
      draw_cell(c, ctx, text, bad_string);
      if (text.empty()) continue;
      if (!row_counted) {
        row_counted = true;
        if (++ctx.rows > max_rows) {
          return error{error_code::limit_exceeded, x.offset(),
                       "the workbook has more than limits.max_entries (" + std::to_string(max_rows) + ") rows"};
        }
      }
      grid.add(c.row, c.col, text);
    }
  }
  if (bad_ref) out.warn("bad_cell_reference", std::string(part_name) + ": cells with unreadable references were left out");
  if (bad_string) out.warn("bad_shared_string", std::string(part_name) + ": cells refer to shared strings that do not exist");
  return std::monostate{};
}

status read_comments(std::string_view xml, std::vector<sheet_comment>& comments, writer& out) {
  xml_pull x(xml, out.limits().max_depth);
  std::vector<std::string> authors;
  bool in_author = false;
  bool in_comment = false;
  int in_t = 0, in_phonetic = 0;
  std::uint32_t author_id = UINT32_MAX;
  sheet_comment current;
  std::string author;
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) return error{error_code::limit_exceeded, x.offset(), "comments: " + std::string(x.error_message())};
      out.warn("damaged_part", "a comments part is damaged (" + std::string(x.error_message()) + ")");
      break;
    }
    if (e == xml_event::text) {
      if (in_author) x.append_text(author);
      else if (in_comment && in_t > 0 && in_phonetic == 0) x.append_text(current.text);
      continue;
    }
    const std::string_view n = x.local_name();
    if (e == xml_event::start) {
      if (n == "author") {
        in_author = true;
        author.clear();
      } else if (n == "comment") {
        in_comment = true;
        current = {};
        author_id = UINT32_MAX;
        const auto* ref = x.attribute("ref");
        if (!ref || !parse_cell_reference(*ref, current.row, current.col)) in_comment = false;
        if (const auto* a = x.attribute("authorId")) (void)parse_u32(*a, author_id);
      } else if (n == "t") {
        ++in_t;
      } else if (n == "rPh") {
        ++in_phonetic;
      }
      continue;
    }
    if (n == "author") {
      in_author = false;
      if (authors.size() < out.limits().max_entries) authors.push_back(author);
    } else if (n == "t") {
      if (in_t > 0) --in_t;
    } else if (n == "rPh") {
      if (in_phonetic > 0) --in_phonetic;
    } else if (n == "comment" && in_comment) {
      in_comment = false;
      if (author_id < authors.size()) current.author = authors[author_id];
      decode_ooxml_escapes(current.text);
      if (comments.size() < out.limits().max_entries) comments.push_back(std::move(current));
    }
  }
  return std::monostate{};
}

status read_persons(std::string_view xml, std::unordered_map<std::string, std::string>& persons, writer& out) {
  xml_pull x(xml, out.limits().max_depth);
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) return error{error_code::limit_exceeded, x.offset(), "persons: " + std::string(x.error_message())};
      out.warn("damaged_part", "the persons part is damaged (" + std::string(x.error_message()) + ")");
      break;
    }
    if (e == xml_event::start && x.local_name() == "person" && persons.size() < out.limits().max_entries) {
      persons[x.attribute_value("id")] = x.attribute_value("displayName");
    }
  }
  return std::monostate{};
}

status read_threaded_comments(std::string_view xml, const std::unordered_map<std::string, std::string>& persons,
                              std::vector<sheet_comment>& comments, writer& out) {
  xml_pull x(xml, out.limits().max_depth);
  bool in_comment = false;
  int in_text = 0;
  sheet_comment current;
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) return error{error_code::limit_exceeded, x.offset(), "threaded comments: " + std::string(x.error_message())};
      out.warn("damaged_part", "a threaded comments part is damaged (" + std::string(x.error_message()) + ")");
      break;
    }
    if (e == xml_event::text) {
      if (in_comment && in_text > 0) x.append_text(current.text);
      continue;
    }
    const std::string_view n = x.local_name();
    if (e == xml_event::start) {
      if (n == "threadedComment") {
        current = {};
        const auto* ref = x.attribute("ref");
        in_comment = ref && parse_cell_reference(*ref, current.row, current.col);
        if (auto it = persons.find(x.attribute_value("personId")); it != persons.end()) current.author = it->second;
      } else if (n == "text") {
        ++in_text;
      }
      continue;
    }
    if (n == "text") {
      if (in_text > 0) --in_text;
    } else if (n == "threadedComment" && in_comment) {
      in_comment = false;
      if (comments.size() < out.limits().max_entries) comments.push_back(std::move(current));
    }
  }
  return std::monostate{};
}

}  // namespace quarry::detail
