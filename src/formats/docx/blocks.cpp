// Paragraphs and what they belong to: headings, list items (with Word's numbering continued across
// interruptions), quotes, code blocks, notes; explicit page breaks; section properties.
#include <algorithm>

#include "formats/docx/walker.hpp"
#include "formats/docx/xml_part.hpp"

namespace quarry::detail::docx {

namespace {

// What a paragraph's w:pPr says directly.
struct para_props {
  std::string_view style;
  std::int64_t num_id = -1;  // -1: not given
  int ilvl = -1;
  int outline = -1;          // w:outlineLvl, -1 not given
  bool page_break_before = false;
  bool drop_cap = false;     // w:framePr w:dropCap: a large initial letter framed on its own
};

para_props read_props(pugi::xml_node p) {
  para_props pp;
  const pugi::xml_node ppr = child(p, "pPr");
  for (pugi::xml_node c = ppr.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c.name());
    if (name == "pStyle") {
      pp.style = attr_value(c, "val");
    } else if (name == "numPr") {
      if (const pugi::xml_node id = child(c, "numId")) pp.num_id = parse_int(attr_value(id, "val"), -1);
      if (const pugi::xml_node lv = child(c, "ilvl")) {
        pp.ilvl = static_cast<int>(std::clamp<std::int64_t>(parse_int(attr_value(lv, "val"), 0), 0, 8));
      }
    } else if (name == "outlineLvl") {
      pp.outline = static_cast<int>(std::clamp<std::int64_t>(parse_int(attr_value(c, "val"), 9), 0, 9));
    } else if (name == "pageBreakBefore") {
      pp.page_break_before = on_off(ppr, "pageBreakBefore") > 0;
    } else if (name == "framePr") {
      const std::string_view d = attr_value(c, "dropCap");
      pp.drop_cap = !d.empty() && d != "none";
    }
  }
  return pp;
}

}  // namespace

void walker::begin_paragraph(pugi::xml_node p) {
  if (++para_depth_ > 1) {
    // A paragraph inside a paragraph (malformed, or a text box Word did not wrap): a line break.
    if (in_cell()) cell_append("\n");
    else out_.new_line();
    return;
  }
  if (++entries_ > out_.limits().max_entries) {
    fail({error_code::limit_exceeded, error::no_offset,
          "DOCX has more paragraphs and cells than limits.max_entries (" + std::to_string(out_.limits().max_entries) + ")"});
    return;
  }
  para_text_ = false;
  kind_ = para_kind::normal;
  const para_props pp = read_props(p);
  const style_info style = styles_.paragraph(pp.style);

  int heading = style.heading;
  if (pp.outline >= 0) heading = pp.outline <= 8 ? pp.outline + 1 : 0;
  const std::int64_t num_id = pp.num_id >= 0 ? pp.num_id : style.num_id;
  const int ilvl = pp.ilvl >= 0 ? pp.ilvl : (style.ilvl >= 0 ? style.ilvl : 0);
  list_ref ref;
  bool listed = heading == 0 && num_id > 0 && numbering_.resolve(num_id, ilvl, styles_, ref) && !ref.level.unnumbered;
  // A list paragraph whose marker is blank continues the open item (pandoc writes a list item's
  // later paragraphs so).
  const bool continuation = listed && ref.level.blank;
  if (continuation) listed = false;

  if (in_cell()) {
    // Cell text is plain: paragraphs are lines, list items keep their markers.
    if (!tables_.back().cell.empty()) cell_append("\n");
    if (listed) {
      const std::int64_t n = next_list_number(ref, num_id, ilvl);
      if (ref.level.ordered) {
        cell_append(std::to_string(n));
        cell_append(". ");
      } else {
        cell_append("- ");
      }
    }
    return;
  }
  if (role_ == part_role::note || role_ == part_role::comment) {
    // A note is one block: its first paragraph follows the label, the others follow line breaks.
    if (label_pending_) {
      label_pending_ = false;
      close_blocks();
      out_.paragraph();
      if (role_ == part_role::note && out_.markdown()) out_.raw(label_);
      else out_.text(label_);
    } else {
      out_.line_break();
    }
    return;
  }
  if (pp.page_break_before) page_break();

  if (heading > 0) {
    close_blocks();
    kind_ = para_kind::heading;
    out_.begin_heading(heading);
    // A numbered heading ("2.1 Scope") keeps its number: it is how the document refers to it.
    list_ref numbered;
    if (num_id > 0 && numbering_.resolve(num_id, ilvl, styles_, numbered) && numbered.level.ordered && !numbered.level.blank) {
      const std::string label = level_label(numbered, num_id, ilvl, next_list_number(numbered, num_id, ilvl));
      if (!label.empty()) {
        out_.text_collapsed(label);
        out_.space();
      }
    }
  } else if (listed) {
    close_quote_and_code();
    kind_ = para_kind::item;
    open_list_item(ref, next_list_number(ref, num_id, ilvl), ilvl);
  } else if (continuation && !lists_.empty()) {
    close_quote_and_code();
    kind_ = para_kind::item;
    out_.paragraph();
  } else if (style.role == block_role::quote) {
    close_lists();
    if (code_open_) {
      out_.end_code_block();
      code_open_ = false;
    }
    kind_ = para_kind::quote;
    if (!quote_open_) {
      out_.begin_quote();
      quote_open_ = true;
    } else {
      out_.paragraph();
    }
  } else if (style.role == block_role::code) {
    close_lists();
    if (quote_open_) {
      out_.end_quote();
      quote_open_ = false;
    }
    kind_ = para_kind::code;
    if (!code_open_) {
      out_.begin_code_block();
      code_open_ = true;
    } else {
      out_.text("\n");
    }
  } else {
    close_blocks();
    // After a drop cap ("T" framed large), the paragraph goes on with "he rest": one word.
    if (!join_next_) out_.paragraph();
  }
  join_next_ = pp.drop_cap && kind_ == para_kind::normal;
}

void walker::end_paragraph() {
  if (para_depth_ == 0) return;
  if (--para_depth_ > 0) return;
  close_format();
  // A HYPERLINK field's link does not outlive its paragraph (the writer's spans would), nor does a
  // field instruction (results may span paragraphs, as a TOC's does; codes never do): a field left
  // without its separator would otherwise hide the rest of the document.
  for (field_state& f : fields_) {
    if (f.link) {
      end_link();
      f.link = false;
    }
    if (f.instruction) {
      f.instruction = false;
      --instruction_fields_;
    }
  }
  if (!in_cell() && kind_ == para_kind::heading) out_.end_heading();
  kind_ = para_kind::normal;
  walk_deferred();  // the text boxes anchored in this paragraph come next
}

std::int64_t walker::next_list_number(const list_ref& ref, std::int64_t num_id, int ilvl) {
  // Word counts per list definition: a list interrupted by other paragraphs, or continued under
  // another w:num of the same definition, goes on counting; w:startOverride restarts it once.
  list_counters& c = counters_[ref.abstract_id];
  const auto k = static_cast<std::size_t>(std::clamp(ilvl, 0, 8));
  bool restart = !c.started[k];
  if (ref.restart) {
    const std::int64_t key = num_id * 16 + static_cast<std::int64_t>(k);
    if (restarted_.emplace(key, true).second) restart = true;
  }
  if (restart) {
    c.value[k] = ref.level.start;
    c.started[k] = true;
  } else if (c.value[k] < INT64_MAX / 2) {
    ++c.value[k];
  }
  for (std::size_t d = k + 1; d < c.started.size(); ++d) c.started[d] = false;  // deeper levels restart
  return c.value[k];
}

std::string walker::level_label(const list_ref& ref, std::int64_t num_id, int ilvl, std::int64_t number) const {
  // w:lvlText with %1..%9 standing for the current numbers of levels 1..9 ("%1.%2." -> "2.1.").
  const auto counters = counters_.find(ref.abstract_id);
  std::string label;
  const std::string_view text = ref.level.text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 1 >= text.size() || text[i + 1] < '1' || text[i + 1] > '9') {
      label += text[i];
      continue;
    }
    const int k = text[++i] - '1';
    if (k == ilvl) {
      label += format_number(number, ref.level.format);
      continue;
    }
    list_ref other;
    if (!numbering_.resolve(num_id, k, styles_, other)) continue;
    std::int64_t n = other.level.start;
    const auto kk = static_cast<std::size_t>(k);
    if (k < ilvl && counters != counters_.end() && counters->second.started[kk]) n = counters->second.value[kk];
    label += format_number(n, other.level.format);
  }
  return label;
}

void walker::open_list_item(const list_ref& ref, std::int64_t number, int ilvl) {
  while (!lists_.empty() && lists_.back().ilvl > ilvl) {
    out_.end_list();
    lists_.pop_back();
  }
  // Another list, or the same one renumbered (a restart): the writer numbers a list from its
  // start, so a new one begins.
  if (!lists_.empty() && lists_.back().ilvl == ilvl &&
      (lists_.back().abstract_id != ref.abstract_id || lists_.back().ordered != ref.level.ordered ||
       (ref.level.ordered && lists_.back().next != number))) {
    out_.end_list();
    lists_.pop_back();
  }
  if (lists_.empty() || lists_.back().ilvl < ilvl) {
    out_.begin_list(ref.level.ordered, number);
    lists_.push_back({ilvl, ref.abstract_id, ref.level.ordered, number});
  }
  lists_.back().next = number + 1;
  out_.begin_item();
}

void walker::close_lists() {
  while (!lists_.empty()) {
    out_.end_list();
    lists_.pop_back();
  }
}

void walker::close_quote_and_code() {
  if (quote_open_) {
    out_.end_quote();
    quote_open_ = false;
  }
  if (code_open_) {
    out_.end_code_block();
    code_open_ = false;
  }
}

void walker::close_blocks() {
  close_lists();
  close_quote_and_code();
}

void walker::page_break() {
  // Pages are the body's explicit breaks; elsewhere (cells, notes, text boxes) a break is a
  // paragraph boundary.
  const bool paged = out_.opts().pages && role_ == part_role::body && !in_cell() && frames_.size() <= 1;
  if (in_cell()) {
    cell_append("\n");
    return;
  }
  if (!paged) {
    if (kind_ == para_kind::heading || kind_ == para_kind::code) text(" ");
    else out_.paragraph();
    return;
  }
  close_format();
  while (link_spans_ > 0) end_link();
  for (field_state& f : fields_) f.link = false;
  std::fill(hyperlinks_.begin(), hyperlinks_.end(), false);
  if (kind_ == para_kind::heading) out_.end_heading();
  kind_ = para_kind::normal;
  close_blocks();
  out_.end_page(++pages_ended_);
}

void walker::read_section(pugi::xml_node sect) {
  if (role_ != part_role::body) return;
  for (pugi::xml_node c = sect.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c.name());
    std::vector<std::string>* ids = name == "headerReference" ? &header_ids_ : name == "footerReference" ? &footer_ids_ : nullptr;
    if (!ids) continue;
    const std::string_view id = attr_value(c, "id");
    // A document has a handful of sections; the bound keeps a hostile one from growing this.
    if (id.empty() || ids->size() >= 64 || std::find(ids->begin(), ids->end(), id) != ids->end()) continue;
    ids->emplace_back(id);
  }
}

}  // namespace quarry::detail::docx
