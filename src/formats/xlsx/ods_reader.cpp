#include "formats/xlsx/ods_reader.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "formats/xlsx/part_reader.hpp"
#include "formats/xlsx/sheet_grid.hpp"
#include "formats/xlsx/sheet_numfmt.hpp"
#include "formats/xlsx/xml_pull.hpp"

namespace quarry::detail {

namespace {

// Spaces a <text:s text:c="N"/> may stand for: more is hostile, not layout.
constexpr std::uint32_t max_spaces = 1000;

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Appends character data as ODF paragraphs read it: runs of whitespace are one space.
void append_collapsed(std::string_view s, std::string& out) {
  for (char c : s) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    } else {
      out += c;
    }
  }
}

void trim(std::string& s) {
  std::size_t b = 0;
  while (b < s.size() && is_space(s[b])) ++b;
  s.erase(0, b);
  while (!s.empty() && is_space(s.back())) s.pop_back();
}

std::uint32_t repeat_count(const std::string_view* raw) {
  std::uint32_t n = 1;
  if (!raw) return 1;
  std::uint64_t v = 0;
  for (char c : *raw) {
    if (c < '0' || c > '9') return 1;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > UINT32_MAX) return UINT32_MAX;
  }
  n = static_cast<std::uint32_t>(v);
  return n == 0 ? 1 : n;
}

// "PT12H30M05S" / "P1DT2H" (an ODF time value) as h:mm:ss, hours counted past a day.
std::string duration_text(std::string_view d) {
  double days = 0, hours = 0, minutes = 0, seconds = 0;
  double number = 0, scale = 0;
  bool any = false;
  for (char c : d) {
    if (c >= '0' && c <= '9') {
      if (scale > 0) {
        number += (c - '0') * scale;
        scale /= 10;
      } else {
        number = number * 10 + (c - '0');
      }
      any = true;
    } else if (c == '.' || c == ',') {
      scale = 0.1;
    } else {
      if (c == 'D') days = number;
      else if (c == 'H') hours = number;
      else if (c == 'M') minutes = number;
      else if (c == 'S') seconds = number;
      number = 0;
      scale = 0;
    }
  }
  if (!any) return std::string(d);
  std::string out;
  number_format("[h]:mm:ss").format((days * 86400 + hours * 3600 + minutes * 60 + seconds) / 86400, date_system::d1900, out);
  return out;
}

// What a cell shows when it carries a typed value but no text (files not written by an office
// suite): the value in a plain form.
std::string value_text(const xml_pull& x) {
  const std::string type = x.attribute_value("value-type");
  std::string out;
  double v = 0;
  if (type == "float" || type == "currency" || type == "percentage") {
    if (!parse_number(x.attribute_value("value"), v)) return {};
    format_general(type == "percentage" ? v * 100 : v, out);
    if (type == "percentage") out += '%';
  } else if (type == "date") {
    out = x.attribute_value("date-value");
  } else if (type == "time") {
    out = duration_text(x.attribute_value("time-value"));
  } else if (type == "boolean") {
    const std::string b = x.attribute_value("boolean-value");
    out = (b == "true" || b == "1") ? "TRUE" : "FALSE";
  } else if (type == "string") {
    out = x.attribute_value("string-value");
  }
  return out;
}

// The reader of one content.xml.
class ods_reader {
 public:
  ods_reader(std::string_view xml, writer& out) : x_(xml, out.limits().max_depth), out_(out) {}

  status run() {
    for (;;) {
      const xml_event e = x_.next();
      if (e == xml_event::eof) break;
      if (e == xml_event::error) {
        if (x_.depth_exceeded()) return error{error_code::limit_exceeded, x_.offset(), "content.xml: " + std::string(x_.error_message())};
        out_.warn("damaged_part", "content.xml is damaged (" + std::string(x_.error_message()) + "); what follows byte " +
                                      std::to_string(x_.offset()) + " is missing");
        break;
      }
      if (out_.stopped()) break;
      if (e == xml_event::text) {
        std::string* target = nullptr;
        if (in_creator_ > 0) target = &note_author_;
        else if (in_p_ > 0) target = in_annotation_ > 0 ? &note_text_ : &cell_text_;
        if (target) {
          decoded_.clear();
          x_.append_text(decoded_);
          append_collapsed(decoded_, *target);
        }
        continue;
      }
      const std::string_view n = x_.local_name();
      if (e == xml_event::start) {
        if (status st = start(n); !st.ok()) return st;
      } else {
        if (status st = end(n); !st.ok()) return st;
      }
    }
    // A part that ends inside a sheet (truncated) still shows what it had.
    if (in_table_ && !out_.stopped()) finish_table();
    value names = value::array();
    value hidden = value::array();
    for (std::size_t i = 0; i < names_.size(); ++i) {
      names.push_back(value(names_[i]));
      if (hidden_[i]) hidden.push_back(value(names_[i]));
    }
    out_.metadata("sheetCount", value(names_.size()));
    out_.metadata("sheetNames", std::move(names));
    if (hidden.size() > 0) out_.metadata("hiddenSheets", std::move(hidden));
    if (repaired_ > 0) out_.warn("invalid_utf8", std::to_string(repaired_) + " cell(s) held invalid UTF-8, replaced by U+FFFD");
    return std::monostate{};
  }

 private:
  status start(std::string_view n) {
    // Table styles come first: those with table:display="false" hide their sheets.
    if (n == "style" && !in_table_) {
      style_name_ = x_.attribute_value("name");
      return std::monostate{};
    }
    if (n == "table-properties" && !in_table_) {
      if (x_.attribute_value("display") == "false") hidden_styles_.insert(style_name_);
      return std::monostate{};
    }
    if (n == "table") {
      if (in_table_) {
        (void)x_.skip_element();  // a table inside a table (not ODS): its text is not a sheet's
        return std::monostate{};
      }
      in_table_ = true;
      names_.push_back(x_.attribute_value("name"));
      hidden_.push_back(hidden_styles_.count(x_.attribute_value("style-name")) != 0);
      grid_.clear();
      comments_.clear();
      row_ = 0;
      return std::monostate{};
    }
    if (!in_table_) return std::monostate{};
    if (in_cell_) {
      if (n == "p" || n == "h") {
        // Paragraphs of one cell are its lines.
        std::string& target = in_annotation_ > 0 ? note_text_ : cell_text_;
        if (!target.empty()) target += '\n';
        ++in_p_;
      } else if (n == "s" && in_p_ > 0) {
        const std::uint32_t c = std::min(repeat_count(x_.attribute("c")), max_spaces);
        (in_annotation_ > 0 ? note_text_ : cell_text_).append(c, ' ');
      } else if (n == "tab" && in_p_ > 0) {
        (in_annotation_ > 0 ? note_text_ : cell_text_) += '\t';
      } else if (n == "line-break" && in_p_ > 0) {
        (in_annotation_ > 0 ? note_text_ : cell_text_) += '\n';
      } else if (n == "annotation") {
        if (!out_.opts().include_comments) {
          (void)x_.skip_element();
        } else {
          ++in_annotation_;
          note_text_.clear();
          note_author_.clear();
        }
      } else if (n == "creator" && in_annotation_ > 0) {
        ++in_creator_;
      } else if (n == "frame" || n == "custom-shape" || n == "g" || n == "object" || (n == "date" && in_annotation_ > 0)) {
        // Drawings anchored in a cell, and an annotation's date, are not the cell's text.
        (void)x_.skip_element();
      }
      return std::monostate{};
    }
    if (n == "table-row") {
      row_repeat_ = repeat_count(x_.attribute("number-rows-repeated"));
      col_ = 0;
      row_cells_.clear();
      row_text_.clear();
      row_notes_.clear();
    } else if (n == "table-cell" || n == "covered-table-cell") {
      cell_repeat_ = repeat_count(x_.attribute("number-columns-repeated"));
      covered_ = n == "covered-table-cell";
      in_cell_ = true;
      cell_text_.clear();
      fallback_.clear();
      if (!covered_ && x_.attribute("value-type")) fallback_ = value_text(x_);
    } else if (n == "shapes" || n == "table-column" || n == "table-columns" || n == "table-header-columns" ||
               n == "forms" || n == "named-expressions" || n == "scenario" || n == "table-source") {
      (void)x_.skip_element();
    }
    return std::monostate{};
  }

  status end(std::string_view n) {
    if (!in_table_) return std::monostate{};
    if (in_cell_) {
      if (n == "p" || n == "h") {
        if (in_p_ > 0) --in_p_;
      } else if (n == "creator") {
        if (in_creator_ > 0) --in_creator_;
      } else if (n == "annotation") {
        if (in_annotation_ > 0 && --in_annotation_ == 0) {
          trim(note_text_);
          trim(note_author_);
          if (!note_text_.empty()) row_notes_.push_back({col_, std::move(note_author_), std::move(note_text_)});
          note_text_.clear();
          note_author_.clear();
        }
      } else if (n == "table-cell" || n == "covered-table-cell") {
        in_cell_ = false;
        in_p_ = in_annotation_ = in_creator_ = 0;
        return finish_cell();
      }
      return std::monostate{};
    }
    if (n == "table-row") return finish_row();
    if (n == "table") finish_table();
    return std::monostate{};
  }

  status finish_cell() {
    std::string& text = cell_text_;
    trim(text);
    if (text.empty()) text = std::move(fallback_);
    const std::uint32_t count = cell_repeat_;
    // Covered cells belong to a merged range: they show nothing.
    if (!covered_ && !text.empty() && col_ <= max_sheet_col) {
      const std::uint32_t room = max_sheet_col - col_ + 1;
      const std::uint32_t n = std::min(count, room);
      for (std::uint32_t i = 0; i < n; ++i) {
        // Copies made by repetition count; the cell as written is bounded by the part's size.
        if (i > 0 && ++entries_ > out_.limits().max_entries) return too_many();
        row_cells_.push_back({col_ + i, static_cast<std::uint32_t>(row_text_.size()), static_cast<std::uint32_t>(text.size())});
      }
      row_text_ += text;
    }
    col_ = count > max_sheet_col + 1 - std::min(col_, max_sheet_col + 1) ? max_sheet_col + 1 : col_ + count;
    return std::monostate{};
  }

  status finish_row() {
    const std::uint32_t count = row_repeat_;
    if (!row_cells_.empty() && row_ <= max_sheet_row) {
      const std::uint32_t n = std::min(count, max_sheet_row - row_ + 1);
      for (std::uint32_t r = 0; r < n; ++r) {
        // A row is a record; each repeated copy also counts the cells it makes.
        entries_ += 1 + (r > 0 ? row_cells_.size() : 0);
        if (entries_ > out_.limits().max_entries) return too_many();
        for (const auto& c : row_cells_) {
          grid_.add(row_ + r, c.col, std::string_view(row_text_).substr(c.offset, c.length));
        }
        if (out_.stopped()) break;
      }
    }
    for (auto& note : row_notes_) {
      if (comments_.size() < out_.limits().max_entries) comments_.push_back({row_, note.col, std::move(note.author), std::move(note.text)});
    }
    row_notes_.clear();
    row_ = count > max_sheet_row + 1 - std::min(row_, max_sheet_row + 1) ? max_sheet_row + 1 : row_ + count;
    return std::monostate{};
  }

  void finish_table() {
    in_table_ = false;
    in_cell_ = false;
    out_.begin_heading(2);
    out_.text_collapsed(names_.back());
    out_.end_heading();
    repaired_ += grid_.repaired();
    grid_.render(out_);
    render_sheet_comments(comments_, out_);
    out_.end_page(static_cast<std::uint32_t>(names_.size()));
    grid_.clear();
  }

  status too_many() {
    return error{error_code::limit_exceeded, x_.offset(),
                 "the spreadsheet has more than limits.max_entries (" + std::to_string(out_.limits().max_entries) +
                     ") rows and repeated cells"};
  }

  struct row_cell {
    std::uint32_t col;
    std::uint32_t offset;  // into row_text_
    std::uint32_t length;
  };
  struct row_note {
    std::uint32_t col;
    std::string author;
    std::string text;
  };

  xml_pull x_;
  writer& out_;
  std::string decoded_;
  std::string style_name_;
  std::unordered_set<std::string> hidden_styles_;
  std::vector<std::string> names_;
  std::vector<bool> hidden_;
  sheet_grid grid_;
  std::vector<sheet_comment> comments_;
  bool in_table_ = false;
  bool in_cell_ = false;
  bool covered_ = false;
  int in_p_ = 0, in_annotation_ = 0, in_creator_ = 0;
  std::uint32_t row_ = 0, col_ = 0;
  std::uint32_t row_repeat_ = 1, cell_repeat_ = 1;
  std::uint64_t entries_ = 0;
  std::size_t repaired_ = 0;
  std::string cell_text_, fallback_, note_text_, note_author_;
  std::vector<row_cell> row_cells_;
  std::string row_text_;
  std::vector<row_note> row_notes_;
};

}  // namespace

status read_ods_content(std::string_view xml, writer& out) {
  ods_reader reader(xml, out);
  return reader.run();
}

status extract_ods_content(zip_archive& zip, writer& out) {
  std::string xml;
  if (status st = read_xml_part(zip, "content.xml", xml, out); !st.ok()) {
    if (st.err().code == error_code::corrupt && !zip.find("content.xml")) {
      return error{error_code::corrupt, error::no_offset, "the spreadsheet has no content.xml"};
    }
    return st;
  }
  return read_ods_content(xml, out);
}

}  // namespace quarry::detail
