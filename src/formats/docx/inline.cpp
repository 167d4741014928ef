// Runs and what they hold: text with its whitespace rules, tabs and breaks, bold/italic/strike/code
// spans (kept open across runs of the same formatting, so Markdown stays clean), links, fields,
// note references and pictures.
#include <algorithm>

#include "formats/docx/walker.hpp"
#include "formats/docx/xml_part.hpp"

namespace quarry::detail::docx {

namespace {

// A field code longer than this is not a link we could use; the rest is ignored.
constexpr std::size_t max_field_code = 2048;

// Fields nest (a PAGE inside an IF...); deeper nesting is counted but not tracked.
constexpr std::size_t max_fields = 64;

bool is_xml_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool all_space(std::string_view s) noexcept { return std::all_of(s.begin(), s.end(), is_xml_space); }

// The next token of a field instruction: a quoted string (quotes removed) or a word.
std::string_view next_token(std::string_view& s) {
  while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
  if (s.empty()) return {};
  if (s.front() == '"') {
    const std::size_t close = s.find('"', 1);
    const std::string_view tok = s.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    s.remove_prefix(close == std::string_view::npos ? s.size() : close + 1);
    return tok;
  }
  std::size_t end = 0;
  while (end < s.size() && !is_xml_space(s[end])) ++end;
  const std::string_view tok = s.substr(0, end);
  s.remove_prefix(end);
  return tok;
}

}  // namespace

std::string image_format(std::string_view part) {
  const std::size_t dot = part.rfind('.');
  if (dot == std::string_view::npos || part.find('/', dot) != std::string_view::npos) return {};
  std::string ext;
  for (char c : part.substr(dot + 1, 8)) ext += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (ext == "jpg" || ext == "jpe" || ext == "jfif") return "jpeg";
  if (ext == "tif") return "tiff";
  return ext;
}

std::string hyperlink_target(std::string_view instruction) {
  std::string_view s = instruction;
  if (!iequals(next_token(s), "HYPERLINK")) return {};
  std::string url;
  std::string_view anchor;
  for (std::string_view tok = next_token(s); !tok.empty(); tok = next_token(s)) {
    if (tok == "\\l") {
      anchor = next_token(s);
    } else if (tok.size() == 2 && tok[0] == '\\') {
      if (tok == "\\o" || tok == "\\t") next_token(s);  // a tooltip or a target frame
    } else if (url.empty()) {
      url = tok;
    }
  }
  // Word's hidden bookmarks (_Toc..., _Ref...) are places the output has no anchor for.
  if (!anchor.empty() && anchor.front() != '_') {
    url += '#';
    url += anchor;
  }
  return url;
}

void walker::read_run(pugi::xml_node r) {
  run_ = {};
  int bold = -1;
  int italic = -1;
  int strike = -1;
  int hidden = -1;
  std::string_view char_style;
  for (pugi::xml_node c = child(r, "rPr").first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c.name());
    const std::string_view v = attr_value(c, "val");
    const int on = (v == "0" || v == "false" || v == "off" || v == "none") ? 0 : 1;
    if (name == "b") bold = on;
    else if (name == "i") italic = on;
    else if (name == "strike" || name == "dstrike") strike = std::max(strike, on);
    else if (name == "vanish") hidden = on;
    else if (name == "rStyle") char_style = v;
  }
  if (!char_style.empty() || bold < 0 || italic < 0) {
    const style_info cs = styles_.character(char_style);
    if (bold < 0) bold = cs.bold;
    if (italic < 0) italic = cs.italic;
    if (strike < 0) strike = cs.strike;
    if (hidden < 0) hidden = cs.hidden;
    run_.code = cs.code;
  }
  run_.strong = bold > 0;
  run_.emphasis = italic > 0;
  run_.strike = strike > 0;
  run_.hidden = hidden > 0;
}

void walker::text(std::string_view s) {
  if (s.empty() || suppressed()) return;
  if (in_cell()) {
    cell_append(s);
    return;
  }
  if (kind_ == para_kind::code) {
    out_.text(s);
    para_text_ = true;
    return;
  }
  // Whitespace keeps the formatting it finds, so "**a b**" is one span, not "**a** **b**".
  if (!all_space(s)) {
    sync_format();
    para_text_ = true;
  }
  out_.text_collapsed(s);
}

void walker::text_element(pugi::xml_node t) {
  if (suppressed()) return;
  // Without xml:space="preserve", Word ignores the spaces around a w:t's text.
  const bool preserve = std::string_view(t.attribute("xml:space").value()) == "preserve";
  for (pugi::xml_node c = t.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
    std::string_view s = c.value();
    if (!preserve) {
      while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
      while (!s.empty() && is_xml_space(s.back())) s.remove_suffix(1);
    }
    if (std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 && !is_xml_space(ch); })) {
      // Control characters (character references XML 1.0 does not allow) are not text.
      std::string clean(s);
      for (char& ch : clean) {
        if (static_cast<unsigned char>(ch) < 0x20 && !is_xml_space(ch)) ch = ' ';
      }
      text(clean);
      continue;
    }
    text(s);
  }
}

void walker::tab() {
  if (suppressed()) return;
  if (in_cell()) {
    cell_append("\t");
    return;
  }
  if (kind_ == para_kind::code) {
    out_.text("\t");
    return;
  }
  // A tab that indents the start of a paragraph is layout, not text.
  if (para_text_) out_.text("\t");
}

void walker::line_break() {
  if (suppressed()) return;
  if (in_cell()) {
    cell_append("\n");
    return;
  }
  if (kind_ == para_kind::code) {
    out_.text("\n");
    return;
  }
  // A heading is one line in Markdown; a break inside it is a space.
  if (kind_ == para_kind::heading) {
    out_.space();
    return;
  }
  out_.line_break();
}

void walker::marker(std::string_view plain, std::string_view markdown) {
  if (in_cell()) {
    cell_append(out_.markdown() ? markdown : plain);
    return;
  }
  if (out_.markdown()) out_.raw(markdown);
  else out_.text(plain);
}

void walker::sync_format() {
  if (!out_.markdown() || kind_ == para_kind::code) return;
  run_format want = run_;
  if (kind_ == para_kind::heading) want.strong = false;  // headings are bold already
  auto wanted = [&](span_kind k) {
    switch (k) {
      case span_kind::strike: return want.strike;
      case span_kind::strong: return want.strong;
      case span_kind::emphasis: return want.emphasis;
      case span_kind::code: return want.code;
      case span_kind::link: return true;
    }
    return false;
  };
  // Keep the outer spans that are still wanted; close the rest (innermost first)...
  std::size_t keep = 0;
  while (keep < open_format_.size() && wanted(open_format_[keep])) ++keep;
  while (open_format_.size() > keep) {
    out_.end_span(open_format_.back());
    open_format_.pop_back();
  }
  // ...and open what is missing, code innermost (Markdown shows nothing inside a code span).
  for (const span_kind k : {span_kind::strike, span_kind::strong, span_kind::emphasis, span_kind::code}) {
    if (wanted(k) && std::find(open_format_.begin(), open_format_.end(), k) == open_format_.end()) {
      out_.begin_span(k);
      open_format_.push_back(k);
    }
  }
}

void walker::close_format() {
  while (!open_format_.empty()) {
    out_.end_span(open_format_.back());
    open_format_.pop_back();
  }
}

void walker::begin_link(std::string_view href) {
  close_format();  // formatting nests inside the link, never across its ends
  out_.begin_span(span_kind::link, href);
  ++link_spans_;
}

void walker::end_link() {
  if (link_spans_ == 0) return;
  close_format();
  out_.end_span(span_kind::link);
  --link_spans_;
}

void walker::field_char(pugi::xml_node n) {
  const std::string_view type = attr_value(n, "fldCharType");
  if (type == "begin") {
    if (fields_.size() >= max_fields) {
      ++field_overflow_;
      return;
    }
    fields_.push_back({true, false, {}});
    ++instruction_fields_;
  } else if (type == "separate") {
    if (field_overflow_ > 0 || fields_.empty()) return;
    field_state& f = fields_.back();
    if (!f.instruction) return;
    f.instruction = false;
    --instruction_fields_;
    // The result follows: for a HYPERLINK field it is the link's text.
    const std::string target = hyperlink_target(f.code);
    if (!target.empty() && can_link()) {
      begin_link(target);
      f.link = true;
    }
  } else if (type == "end") {
    if (field_overflow_ > 0) {
      --field_overflow_;
      return;
    }
    if (fields_.empty()) return;
    const field_state& f = fields_.back();
    if (f.instruction) --instruction_fields_;
    if (f.link) end_link();
    fields_.pop_back();
  }
}

void walker::field_code(std::string_view s) {
  if (fields_.empty()) return;
  std::string& code = fields_.back().code;
  if (code.size() < max_field_code) code.append(s.substr(0, max_field_code - code.size()));
}

void walker::note_reference(pugi::xml_node n, bool endnote) {
  if (suppressed()) return;
  const std::string_view id = attr_value(n, "id");
  if (id.empty()) return;
  // Numbered in order of first reference; a note referenced twice keeps its number.
  std::string key(endnote ? "e" : "f");
  key += id;
  int number = 0;
  if (const auto it = note_numbers_.find(key); it != note_numbers_.end()) {
    number = it->second;
  } else {
    if (notes_.size() >= out_.limits().max_entries) return;
    number = static_cast<int>(notes_.size()) + 1;
    notes_.push_back({endnote, std::string(id), number});
    note_numbers_.emplace(std::move(key), number);
  }
  const std::string digits = std::to_string(number);
  marker("[" + digits + "]", "[^" + digits + "]");
}

void walker::end_drawing() {
  if (drawings_.empty()) return;
  const drawing_state d = drawings_.back();
  drawings_.pop_back();
  if (!d.picture || suppressed()) return;
  if (out_.opts().extract_images && !d.src.empty()) {
    image_info im;
    im.format = image_format(d.src);
    im.name = d.src;
    if (out_.opts().pages && role_ == part_role::body) im.page_number = pages_ended_ + 1;
    out_.add_image(std::move(im));
  }
  if (in_cell()) {
    if (!d.alt.empty()) {
      cell_append(" ");
      cell_append(d.alt);
      cell_append(" ");
    }
    return;
  }
  if (kind_ == para_kind::code) return;
  close_format();
  out_.image(d.alt, d.src);
  if (!d.alt.empty() || out_.markdown()) para_text_ = true;
}

}  // namespace quarry::detail::docx
