// The walk itself: element classification, the iterative traversal, and the enter/leave dispatch.
#include "formats/docx/walker.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "formats/docx/symbols.hpp"
#include "formats/docx/xml_part.hpp"

namespace quarry::detail::docx {

namespace {

struct name_entry {
  std::string_view name;
  std::uint8_t kind;  // a walker::el, stored as its value (the enum is private)
};

}  // namespace

void link_index::add(std::string id, std::string target) { links_.emplace_back(std::move(id), std::move(target)); }

void link_index::sort() {
  std::stable_sort(links_.begin(), links_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::string_view link_index::find(std::string_view id) const noexcept {
  auto it = std::lower_bound(links_.begin(), links_.end(), id, [](const auto& e, std::string_view k) { return e.first < k; });
  return it != links_.end() && it->first == id ? std::string_view(it->second) : std::string_view();
}

walker::walker(writer& out, const style_table& styles, const numbering_table& numbering)
    : out_(out), styles_(styles), numbering_(numbering) {}

walker::el walker::classify(pugi::xml_node n) const noexcept {
  const std::string_view name = local_name(n.name());
  if (!drawings_.empty()) {
    // Inside a drawing only its description, its picture and its text boxes matter: DrawingML's
    // own a:p/a:r/a:t (shapes, charts) are not WordprocessingML paragraphs.
    if (name == "docPr") return el::doc_pr;
    if (name == "blip") return el::blip;
    if (name == "txbxContent") return el::txbx_content;
    if (name == "imagedata") return el::imagedata;
    if (name == "shape") return el::vshape;
    if (name == "AlternateContent") return el::alternate;
    if (name == "Choice") return el::choice;
    if (name == "Fallback") return el::fallback;
    return el::other;
  }
  // Sorted by name (checked below) for a binary search.
  static constexpr name_entry names[] = {
      {"AlternateContent", static_cast<std::uint8_t>(el::alternate)},
      {"Choice", static_cast<std::uint8_t>(el::choice)},
      {"Fallback", static_cast<std::uint8_t>(el::fallback)},
      {"altChunk", static_cast<std::uint8_t>(el::alt_chunk)},
      {"annotationRef", static_cast<std::uint8_t>(el::skip)},
      {"br", static_cast<std::uint8_t>(el::br)},
      {"commentReference", static_cast<std::uint8_t>(el::skip)},
      {"continuationSeparator", static_cast<std::uint8_t>(el::skip)},
      {"cr", static_cast<std::uint8_t>(el::cr)},
      {"d", static_cast<std::uint8_t>(el::m_d)},
      {"deg", static_cast<std::uint8_t>(el::skip)},
      {"del", static_cast<std::uint8_t>(el::skip)},
      {"delInstrText", static_cast<std::uint8_t>(el::skip)},
      {"delText", static_cast<std::uint8_t>(el::skip)},
      {"den", static_cast<std::uint8_t>(el::m_den)},
      {"drawing", static_cast<std::uint8_t>(el::drawing)},
      {"e", static_cast<std::uint8_t>(el::m_e)},
      {"endnoteRef", static_cast<std::uint8_t>(el::skip)},
      {"endnoteReference", static_cast<std::uint8_t>(el::endnote_ref)},
      {"f", static_cast<std::uint8_t>(el::m_f)},
      {"ffData", static_cast<std::uint8_t>(el::skip)},
      {"fldChar", static_cast<std::uint8_t>(el::fld_char)},
      {"fldData", static_cast<std::uint8_t>(el::skip)},
      {"fldSimple", static_cast<std::uint8_t>(el::fld_simple)},
      {"footnoteRef", static_cast<std::uint8_t>(el::skip)},
      {"footnoteReference", static_cast<std::uint8_t>(el::footnote_ref)},
      {"func", static_cast<std::uint8_t>(el::m_func)},
      {"hyperlink", static_cast<std::uint8_t>(el::hyperlink)},
      {"instrText", static_cast<std::uint8_t>(el::instr_text)},
      {"moveFrom", static_cast<std::uint8_t>(el::skip)},
      {"nary", static_cast<std::uint8_t>(el::m_nary)},
      {"noBreakHyphen", static_cast<std::uint8_t>(el::no_break_hyphen)},
      {"num", static_cast<std::uint8_t>(el::m_num)},
      {"object", static_cast<std::uint8_t>(el::skip)},
      {"p", static_cast<std::uint8_t>(el::p)},
      {"pict", static_cast<std::uint8_t>(el::pict)},
      {"ptab", static_cast<std::uint8_t>(el::tab)},
      {"r", static_cast<std::uint8_t>(el::r)},
      {"rad", static_cast<std::uint8_t>(el::m_rad)},
      {"rt", static_cast<std::uint8_t>(el::skip)},
      {"sSub", static_cast<std::uint8_t>(el::m_ssub)},
      {"sSubSup", static_cast<std::uint8_t>(el::m_ssubsup)},
      {"sSup", static_cast<std::uint8_t>(el::m_ssup)},
      {"sdt", static_cast<std::uint8_t>(el::sdt)},
      {"sectPr", static_cast<std::uint8_t>(el::sect_pr)},
      {"separator", static_cast<std::uint8_t>(el::skip)},
      {"softHyphen", static_cast<std::uint8_t>(el::soft_hyphen)},
      {"sub", static_cast<std::uint8_t>(el::m_sub)},
      {"sup", static_cast<std::uint8_t>(el::m_sup)},
      {"sym", static_cast<std::uint8_t>(el::sym)},
      {"t", static_cast<std::uint8_t>(el::t)},
      {"tab", static_cast<std::uint8_t>(el::tab)},
      {"tbl", static_cast<std::uint8_t>(el::tbl)},
      {"tc", static_cast<std::uint8_t>(el::tc)},
      {"tr", static_cast<std::uint8_t>(el::tr)},
      {"txbxContent", static_cast<std::uint8_t>(el::txbx_content)},
  };
  static_assert(std::is_sorted(std::begin(names), std::end(names),
                               [](const name_entry& a, const name_entry& b) { return a.name < b.name; }));
  const auto* it = std::lower_bound(std::begin(names), std::end(names), name,
                                    [](const name_entry& e, std::string_view k) { return e.name < k; });
  if (it != std::end(names) && it->name == name) return static_cast<el>(it->kind);
  // Property elements (w:rPr, w:tblPr, m:sSupPr, w:tblPrEx, w:rPrChange...) hold no content.
  if (name.ends_with("Pr") || name.ends_with("PrEx") || name.ends_with("PrChange")) return el::skip;
  return el::other;
}

void walker::fail(error e) {
  if (!failed_) {
    failed_ = true;
    error_ = std::move(e);
  }
}

status walker::walk(pugi::xml_node root, const link_index& links, part_role role, std::string_view label) {
  links_ = &links;
  role_ = role;
  label_ = label;
  label_pending_ = !label.empty();
  fields_.clear();
  instruction_fields_ = 0;
  const std::uint64_t max_depth = out_.limits().max_depth;
  frames_.push_back({root, root.first_child(), 1, false});
  while (!frames_.empty() && !failed_ && !out_.stopped()) {
    frame& f = frames_.back();
    if (!f.finished) {
      const pugi::xml_node n = f.cur;
      if (!n) {  // a root without children
        frames_.pop_back();
        continue;
      }
      if (n.type() != pugi::node_element) {
        f.finished = true;
        continue;
      }
      const el k = classify(n);
      const std::uint32_t depth = f.depth;
      if (!enter(n, k, depth)) {
        f.finished = true;
        continue;
      }
      if (const pugi::xml_node c = n.first_child()) {
        if (depth + 1 > max_depth) {
          fail({error_code::limit_exceeded, error::no_offset,
                "DOCX elements nest deeper than limits.max_depth (" + std::to_string(max_depth) + ")"});
          break;
        }
        open_.push_back(k);
        f.cur = c;
        f.depth = depth + 1;
        continue;
      }
      f.finished = true;
      leave(n, k);  // may push frames: `f` is not used after this
      continue;
    }
    if (const pugi::xml_node next = f.cur.next_sibling()) {
      f.cur = next;
      f.finished = false;
      continue;
    }
    const pugi::xml_node parent = f.cur.parent();
    if (!parent || parent == f.root) {
      frames_.pop_back();
      // Text boxes outside any paragraph wait for the end of the walk that found them.
      if (frames_.empty()) walk_deferred();
      continue;
    }
    f.cur = parent;
    f.depth -= 1;
    const el k = open_.back();
    open_.pop_back();
    leave(parent, k);
  }
  // A walk cut short (a limit, the sink stopped) leaves its stacks to be dropped.
  frames_.clear();
  open_.clear();
  deferred_.clear();
  while (para_depth_ > 0) end_paragraph();
  while (!tables_.empty() && !failed_) end_table();
  tables_.clear();
  close_format();
  while (link_spans_ > 0) end_link();
  hyperlinks_.clear();
  alternates_.clear();
  drawings_.clear();
  math_.clear();
  math_parens_.clear();
  fields_.clear();
  instruction_fields_ = 0;
  run_ = {};
  if (failed_) return error_;
  return std::monostate{};
}

void walker::walk_deferred() {
  // Last found, first pushed: the text boxes are walked in document order.
  for (std::size_t i = deferred_.size(); i-- > 0;) {
    const auto& [box, depth] = deferred_[i];
    if (depth + 1 > out_.limits().max_depth) {
      fail({error_code::limit_exceeded, error::no_offset, "DOCX elements nest deeper than limits.max_depth"});
      break;
    }
    frames_.push_back({box, box.first_child(), depth + 1, false});
  }
  deferred_.clear();
}

void walker::enter_break(pugi::xml_node n) {
  const std::string_view type = attr_value(n, "type");
  if (type == "page") page_break();
  else if (type == "column") text(" ");
  else line_break();
}

void walker::enter_symbol(pugi::xml_node n) {
  const char32_t c = symbol_char(attr_value(n, "font"), attr_value(n, "char"));
  if (!c) return;
  std::string s;
  append_utf8(c, s);
  text(s);
}

void walker::enter_simple_field(pugi::xml_node n) {
  fields_.push_back({false, false, {}});
  const std::string target = hyperlink_target(attr_value(n, "instr"));
  if (!target.empty() && can_link()) {
    begin_link(target);
    fields_.back().link = true;
  }
}

void walker::enter_hyperlink(pugi::xml_node n) {
  std::string_view href;
  if (const pugi::xml_attribute id = attr(n, "id")) href = links_->find(id.value());
  std::string anchored;
  std::string_view anchor = attr_value(n, "anchor");
  // Word's hidden bookmarks (_Toc..., _Ref..., _Hlk...) name places the output has no anchors
  // for: a table of contents stays text instead of becoming links to nowhere.
  if (anchor.starts_with("_")) anchor = {};
  const bool open = (!href.empty() || !anchor.empty()) && can_link();
  if (open) {
    if (href.empty()) {
      anchored = "#";
      anchored += anchor;
      href = anchored;
    }
    begin_link(href);
  }
  hyperlinks_.push_back(open);
}

void walker::enter_picture_part(pugi::xml_node n, el k) {
  drawing_state& d = drawings_.back();
  if (k == el::doc_pr) {
    d.alt = attr_value(n, "descr");
    if (d.alt.empty()) d.alt = attr_value(n, "title");
    return;
  }
  if (d.picture) return;  // a drawing shows one picture here (the first of a group)
  d.picture = true;
  std::string_view id = attr_value(n, k == el::blip ? "embed" : "id");
  if (id.empty() && k == el::blip) id = attr_value(n, "link");
  d.src = links_->find(id);
  if (k == el::imagedata && d.alt.empty()) d.alt = attr_value(n, "title");
}

bool walker::enter(pugi::xml_node n, el k, std::uint32_t depth) {
  switch (k) {
    case el::other:
      return true;
    case el::skip:
      return false;
    case el::p:
      begin_paragraph(n);
      return true;
    case el::r:
      read_run(n);
      return true;
    case el::t:
      text_element(n);
      return false;
    case el::tab:
      tab();
      return false;
    case el::br:
      enter_break(n);
      return false;
    case el::cr:
      line_break();
      return false;
    case el::soft_hyphen:
      return false;  // an optional hyphen, only drawn at a line end
    case el::no_break_hyphen:
      text("-");
      return false;
    case el::sym:
      enter_symbol(n);
      return false;
    case el::instr_text:
      if (!fields_.empty() && fields_.back().instruction) {
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) field_code(c.value());
      }
      return false;
    case el::fld_char:
      field_char(n);
      return false;
    case el::fld_simple:
      enter_simple_field(n);
      return true;
    case el::hyperlink:
      enter_hyperlink(n);
      return true;
    case el::tbl:
      begin_table(n);
      return true;
    case el::tr:
      begin_row(n);
      return true;
    case el::tc:
      begin_cell(n);
      return true;
    case el::sdt:
      // Placeholder text ("Click or tap here to enter text.") is not the document's content.
      return !child(child(n, "sdtPr"), "showingPlcHdr");
    case el::alternate:
      alternates_.push_back(false);
      return true;
    case el::choice:
    case el::fallback:
      // One branch of mc:AlternateContent: the first Choice, else the Fallback — never both,
      // or a text box would be read twice.
      if (alternates_.empty()) return true;
      if (alternates_.back()) return false;
      alternates_.back() = true;
      return true;
    case el::txbx_content:
      if (para_depth_ > 0 || !drawings_.empty()) {
        // A text box's paragraphs cannot sit inside the paragraph that anchors it: they follow it.
        deferred_.emplace_back(n, depth);
        return false;
      }
      return true;
    case el::drawing:
    case el::pict:
      drawings_.push_back({});
      return true;
    case el::doc_pr:
    case el::blip:
    case el::imagedata:
      enter_picture_part(n, k);
      return false;
    case el::vshape:
      if (drawings_.back().alt.empty()) drawings_.back().alt = attr_value(n, "alt");
      return true;
    case el::alt_chunk:
      // Imported content (HTML, RTF, another DOCX) kept in a part of its own; not read.
      if (!alt_chunk_warned_) {
        alt_chunk_warned_ = true;
        out_.warn("unsupported_content", "imported w:altChunk content (HTML, RTF or DOCX parts) is not read");
      }
      return false;
    case el::footnote_ref:
      note_reference(n, false);
      return false;
    case el::endnote_ref:
      note_reference(n, true);
      return false;
    case el::sect_pr:
      read_section(n);
      return false;
    case el::m_f: case el::m_num: case el::m_den: case el::m_ssup: case el::m_ssub: case el::m_ssubsup:
    case el::m_sup: case el::m_sub: case el::m_rad: case el::m_e: case el::m_d: case el::m_nary: case el::m_func:
      return math_enter(n, k);
  }
  return true;
}

void walker::leave(pugi::xml_node n, el k) {
  (void)n;
  switch (k) {
    case el::p:
      end_paragraph();
      break;
    case el::r:
      run_ = {};
      break;
    case el::fld_simple:
      if (!fields_.empty()) {
        if (fields_.back().link) end_link();
        fields_.pop_back();
      }
      break;
    case el::hyperlink:
      if (!hyperlinks_.empty()) {
        if (hyperlinks_.back()) end_link();
        hyperlinks_.pop_back();
      }
      break;
    case el::tc:
      end_cell();
      break;
    case el::tr:
      end_row();
      break;
    case el::tbl:
      end_table();
      break;
    case el::alternate:
      if (!alternates_.empty()) alternates_.pop_back();
      break;
    case el::drawing:
    case el::pict:
      end_drawing();
      break;
    case el::m_f: case el::m_num: case el::m_den: case el::m_ssup: case el::m_ssub: case el::m_ssubsup:
    case el::m_sup: case el::m_sub: case el::m_rad: case el::m_e: case el::m_d: case el::m_nary: case el::m_func:
      math_leave(k);
      break;
    default:
      break;
  }
}

}  // namespace quarry::detail::docx
