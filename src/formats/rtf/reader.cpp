#include "formats/rtf/reader.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/utf8.hpp"
#include "formats/rtf/field.hpp"

namespace quarry::detail::rtf {

namespace {

// Caps on what one destination may collect: a field instruction is a line, a list marker a few
// characters, a font name a word; metadata is bounded too, so hostile input cannot make us hold
// a copy of itself in any of them.
constexpr std::size_t max_field_instruction = 2048;
constexpr std::size_t max_info_text = 64 * 1024;
constexpr std::size_t max_list_marker = 64;
constexpr std::size_t max_font_name = 64;
constexpr std::size_t max_author = 256;
// No writer puts more than a few bytes in a \uN fallback; a larger \ucN would swallow real text.
constexpr std::int32_t max_unicode_skip = 16;

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// Bytes copied through as they are: printable ASCII and tabs.
bool is_plain(unsigned char b) noexcept { return (b >= 0x20 && b < 0x7F) || b == '\t'; }

bool switched_on(const token& t) noexcept { return !t.has_param || t.param != 0; }

// Appends what fits under `cap`, never cutting a UTF-8 sequence in two.
void append_clipped(std::string& to, std::string_view s, std::size_t cap) {
  if (to.size() >= cap) return;
  to.append(s.substr(0, utf8_boundary(s, std::min(s.size(), cap - to.size()))));
}

bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lx = static_cast<char>((x >= 'A' && x <= 'Z') ? x + 32 : x);
           const auto ly = static_cast<char>((y >= 'A' && y <= 'Z') ? y + 32 : y);
           return lx == ly;
         });
}

// A note's text without the spacing around it (pandoc opens footnotes with "\chftn\~").
std::string_view trim_note(std::string_view s) noexcept {
  while (true) {
    const std::size_t before = s.size();
    while (!s.empty() && (is_blank(s.front()) || s.front() == '\n')) s.remove_prefix(1);
    if (s.starts_with("\xC2\xA0")) s.remove_prefix(2);
    if (s.size() == before) break;
  }
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string_view trim_space(std::string_view s) noexcept {
  while (!s.empty() && (is_blank(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace

reader::reader(std::string_view rtf, writer& out)
    : lex_(rtf), out_(out), markdown_(out.markdown()), max_groups_(out.limits().max_depth) {
  stack_.reserve(32);
  stack_.emplace_back();
}

// ---- the token loop ---------------------------------------------------------------------------

status reader::run() {
  while (!done_ && !out_.stopped()) {
    const token t = lex_.next();
    if (t.kind == token_kind::end) break;
    if (t.kind != token_kind::text && t.kind != token_kind::hex) settle_bytes();
    const bool starred = star_;
    star_ = false;
    switch (t.kind) {
      case token_kind::group_open: open_group(); break;
      case token_kind::group_close: close_group(); break;
      case token_kind::word: on_word(t, starred); break;
      case token_kind::symbol: on_symbol(t.sym); break;
      case token_kind::text: on_text(t.text); break;
      case token_kind::hex: on_hex(t.byte); break;
      case token_kind::binary:
        if (skip_ > 0) --skip_;  // the data is one "character" of a \uN fallback
        break;
      case token_kind::end: break;
    }
  }
  finish();
  return std::monostate{};
}

void reader::open_group() {
  skip_ = 0;
  group_state& current = top();
  if (current.skip_next_group) {
    current.skip_next_group = false;
    flush_run();
    (void)lex_.skip_group();  // an unfinished document is reported by finish()
    return;
  }
  if (stack_.size() <= max_groups_) {
    stack_.push_back(current);
    group_state& s = stack_.back();
    s.owner = false;
    s.field_owner = false;
    s.skip_next_group = false;
    return;
  }
  // Deeper than limits.max_depth: the group is read as part of the deepest one we hold (its
  // formatting leaks out of it; destinations inside it are skipped), so the text survives and
  // memory stays bounded.
  ++flat_;
  if (!depth_warned_) {
    depth_warned_ = true;
    out_.warn("rtf_depth", "groups nested deeper than limits.max_depth (" + std::to_string(max_groups_) +
                               ") were read as one group");
  }
}

void reader::close_group() {
  skip_ = 0;
  flush_run();
  if (flat_ > 0) {
    --flat_;
    return;
  }
  if (stack_.size() == 1) {
    done_ = true;  // a '}' with no group open: the document is over
    return;
  }
  pop_group();
}

void reader::pop_group() {
  const group_state closed = stack_.back();
  stack_.pop_back();
  ended(closed);
  if (stack_.size() == 1) done_ = true;  // the \rtf group closed: what follows is not the document
}

void reader::ended(const group_state& closed) {
  const group_state& parent = top();
  if (closed.where == destination::font_table &&
      (closed.owner || (parent.where == destination::font_table && parent.owner))) {
    commit_font();  // the end of a font's own group (or of the table) ends its entry
  }
  if (closed.owner) {
    switch (closed.where) {
      case destination::font_table:
        finish_font_table();
        break;
      case destination::info_text:
        write_info_text(static_cast<info_field>(closed.info), info_text_, out_);
        info_text_.clear();
        break;
      case destination::info_date:
        write_info_date(static_cast<info_field>(closed.info), date_, out_);
        break;
      default:
        break;
    }
  }
  if (closed.field_owner && closed.field >= 0 && static_cast<std::size_t>(closed.field) < fields_.size()) {
    fields_.resize(static_cast<std::size_t>(closed.field));
  }
}

void reader::on_word(const token& t, bool starred) {
  if (skip_ > 0) {  // a control word in a \uN fallback counts as one character
    --skip_;
    return;
  }
  const keyword* k = find_keyword(t.text);
  if (starred && (k == nullptr || !is_destination(k->act))) {
    skip_rest_of_group();  // "\*\unknown": a destination we may ignore whole
    return;
  }
  if (k == nullptr) return;
  if (k->act != action::character && k->act != action::unicode && k->act != action::tab) flush_run();
  group_state& st = top();
  switch (k->act) {
    case action::skip: skip_rest_of_group(); break;
    case action::header_footer:
      if (out_.opts().include_headers_footers) start_note(note_kind::header_footer);
      else skip_rest_of_group();
      break;
    case action::annotation:
      if (out_.opts().include_comments) start_note(note_kind::comment);
      else skip_rest_of_group();
      break;
    case action::annotation_author:
      if (!out_.opts().include_comments) skip_rest_of_group();
      else if (begin_destination(destination::note_author)) author_.clear();
      break;
    case action::font_table: (void)begin_destination(destination::font_table); break;
    case action::info: (void)begin_destination(destination::drop); break;
    case action::info_text:
      if (begin_destination(destination::info_text)) {
        top().info = static_cast<std::uint8_t>(k->arg);
        info_text_.clear();
      }
      break;
    case action::info_date:
      if (begin_destination(destination::info_date)) {
        top().info = static_cast<std::uint8_t>(k->arg);
        date_ = {};
      }
      break;
    case action::footnote: start_note(note_kind::footnote); break;
    case action::field: start_field(); break;
    case action::field_inst:
      (void)begin_destination(st.field >= 0 ? destination::field_inst : destination::drop);
      break;
    case action::field_result: start_field_result(); break;
    case action::list_text:
      if (begin_destination(destination::list_text)) list_marker_.clear();
      break;
    case action::unicode_pair: st.skip_next_group = true; break;
    case action::transparent: break;
    case action::drop: (void)begin_destination(destination::drop); break;

    case action::par:
    case action::page: paragraph_end(); break;
    case action::line: line_end(); break;
    case action::tab: put_text("\t"); break;
    case action::cell: cell_end(); break;
    case action::row: row_end(); break;
    case action::nest_cell:
      if (st.where == destination::body) table_.nested_cell();
      else if (st.where == destination::note) put_text("\t");
      break;
    case action::nest_row:
      if (st.where == destination::body || st.where == destination::drop) table_.nested_row();
      break;
    case action::character: put_code_point(k->arg); break;
    case action::footnote_mark: footnote_mark(); break;
    case action::unicode: on_unicode(t); break;
    case action::unicode_skip:
      st.uc = static_cast<std::uint8_t>(t.has_param ? std::clamp(t.param, 0, max_unicode_skip) : 1);
      break;

    case action::bold: st.bold = switched_on(t); break;
    case action::italic: st.italic = switched_on(t); break;
    case action::strike: st.strike = switched_on(t); break;
    case action::hidden: st.hidden = switched_on(t); break;
    case action::deleted: st.deleted = switched_on(t); break;
    case action::plain:
      st.bold = st.italic = st.strike = st.hidden = st.deleted = false;
      st.font = -1;
      break;
    case action::font:
      if (st.where == destination::font_table) start_font(t.has_param ? t.param : 0);
      else st.font = t.has_param ? t.param : -1;
      break;

    case action::pard:
      st.intbl = false;
      st.outline = -1;
      break;
    case action::in_table: st.intbl = switched_on(t); break;
    case action::table_level:
      // \itap1 and deeper are table cells; \itap0 (main text) is left to \pard, since writers
      // differ in whether they put it beside \intbl.
      if (t.has_param && t.param > 0) st.intbl = true;
      break;
    case action::outline_level:
      st.outline = static_cast<std::int8_t>(t.has_param && t.param >= 0 && t.param <= 8 ? t.param : -1);
      break;

    case action::default_font: default_font_ = t.has_param ? t.param : -1; break;
    case action::codepage_name:
      doc_codepage_ = k->arg;
      decoder_valid_ = false;
      break;
    case action::ansi_codepage:
      if (t.has_param && t.param > 0) {
        doc_codepage_ = static_cast<unsigned>(t.param);
        decoder_valid_ = false;
      }
      break;
    case action::font_charset:
      if (st.where == destination::font_table && font_.active) font_.charset = t.has_param ? t.param : -1;
      break;
    case action::font_codepage:
      if (st.where == destination::font_table && font_.active && t.has_param) font_.codepage = t.param;
      break;

    case action::info_number:
      if (t.has_param) write_info_number(static_cast<info_number>(k->arg), t.param, out_);
      break;
    case action::date_part:
      if (st.where == destination::info_date && t.has_param) date_[k->arg] = t.param;
      break;
  }
}

void reader::on_symbol(char c) {
  if (skip_ > 0) {
    --skip_;
    return;
  }
  switch (c) {
    case '*': star_ = true; break;
    case '\\':
    case '{':
    case '}': put_bytes(std::string_view(&c, 1)); break;
    case '~': put_code_point(0x00A0); break;  // non-breaking space
    case '_': put_text("-"); break;           // non-breaking hyphen: searchable as a hyphen
    case '\t': put_text("\t"); break;
    case '\n':                                // a backslash before a line end is \par
      flush_run();
      paragraph_end();
      break;
    default: break;  // \- optional hyphen, \| \: formula and index marks, stray symbols
  }
}

void reader::on_text(std::string_view bytes) {
  if (skip_ > 0) {
    const auto n = std::min(bytes.size(), static_cast<std::size_t>(skip_));
    bytes.remove_prefix(n);
    skip_ -= static_cast<std::int32_t>(n);
  }
  if (!bytes.empty()) put_bytes(bytes);
}

void reader::on_hex(unsigned char byte) {
  if (skip_ > 0) {
    --skip_;
    return;
  }
  const char c = static_cast<char>(byte);
  put_bytes(std::string_view(&c, 1));
}

void reader::on_unicode(const token& t) {
  if (!t.has_param) return;
  // Parameters are signed 16-bit: characters above U+7FFF arrive negative.
  const std::int64_t v = t.param < 0 ? std::int64_t{t.param} + 65536 : t.param;
  put_code_point(v >= 0 ? static_cast<char32_t>(v) : replacement_char);
  skip_ = top().uc;
}

// ---- destinations -----------------------------------------------------------------------------

bool reader::begin_destination(destination d) {
  if (flat_ > 0) {
    skip_rest_of_group();
    return false;
  }
  if (stack_.size() == 1) return false;
  group_state& s = top();
  s.where = d;
  s.owner = true;
  return true;
}

void reader::skip_rest_of_group() {
  flush_run();
  skip_ = 0;
  (void)lex_.skip_group();  // an unfinished document is reported by finish()
  if (flat_ > 0) {
    --flat_;
  } else if (stack_.size() > 1) {
    pop_group();
  } else {
    done_ = true;
  }
}

void reader::start_note(note_kind kind) {
  if (!begin_destination(destination::note)) return;
  if (!count_entry()) return;
  note& n = notes_.emplace_back();
  n.kind = kind;
  if (kind == note_kind::footnote) n.number = ++footnote_count_;
  if (kind == note_kind::comment) n.author = std::move(author_);
  author_.clear();
}

void reader::start_field() {
  if (flat_ > 0) {
    skip_rest_of_group();
    return;
  }
  if (stack_.size() == 1) return;
  group_state& st = top();
  if (st.field_owner && st.field >= 0 && static_cast<std::size_t>(st.field) < fields_.size()) {
    fields_[static_cast<std::size_t>(st.field)] = {};  // a second \field in the same group
    return;
  }
  st.field = static_cast<std::int32_t>(fields_.size());
  st.field_owner = true;
  fields_.emplace_back();
}

void reader::start_field_result() {
  group_state& st = top();
  if (st.field < 0 || static_cast<std::size_t>(st.field) >= fields_.size()) return;
  field_frame& f = fields_[static_cast<std::size_t>(st.field)];
  if (markdown_) f.href = hyperlink_target(f.instruction);
  if (!f.href.empty()) st.link_field = st.field;
}

void reader::footnote_mark() {
  const group_state& st = top();
  if (st.where == destination::note) {
    // The note's own copy of its number.
    if (!notes_.empty() && notes_.back().kind == note_kind::footnote) notes_.back().numbered = true;
    return;
  }
  if (st.where != destination::body || st.hidden || st.deleted) return;
  // The reference to the footnote that follows.
  const std::string mark = (markdown_ ? "[^" : "[") + std::to_string(footnote_count_ + 1) + "]";
  if (st.intbl) {
    table_.text(mark);
    return;
  }
  if (table_.active()) finish_table();
  start_paragraph();
  sync_spans_to_state();
  out_.raw(mark);
}

// ---- text ---------------------------------------------------------------------------------------

const byte_decoder& reader::decoder() {
  const std::int32_t font = top().font >= 0 ? top().font : default_font_;
  if (decoder_valid_ && decoder_font_ == font) return decoder_;
  decoder_valid_ = true;
  decoder_font_ = font;
  unsigned codepage = doc_codepage_;
  if (const font_entry* f = find_font(font)) {
    if (f->symbol) {
      decoder_ = byte_decoder{};
      decoder_.how = f->symbol_font ? byte_decoder::kind::symbol : byte_decoder::kind::pictographs;
      return decoder_;
    }
    if (f->codepage != 0) codepage = f->codepage;
  }
  decoder_ = decoder_for_codepage(codepage);
  if (decoder_.how == byte_decoder::kind::unsupported || decoder_.how == byte_decoder::kind::double_byte) {
    warn_codepage(codepage, decoder_.how == byte_decoder::kind::double_byte);
  }
  return decoder_;
}

void reader::warn_codepage(unsigned codepage, bool double_byte) {
  if (codepage_warned_) return;
  codepage_warned_ = true;
  out_.warn("rtf_codepage", "code page " + std::to_string(codepage) + (double_byte ? " (double-byte)" : "") +
                                " is not decoded; its non-ASCII characters became U+FFFD");
}

void reader::put_bytes(std::string_view bytes) {
  if (high_surrogate_ != 0) {
    high_surrogate_ = 0;
    put_code_point(replacement_char);
  }
  const destination where = top().where;
  if (where == destination::drop || where == destination::info_date) return;
  if (where == destination::font_table) {
    put_font_name(bytes);
    return;
  }
  const byte_decoder& d = decoder();
  if (d.how == byte_decoder::kind::utf8 || d.how == byte_decoder::kind::double_byte) {
    if (!pending_bytes_.empty() && pending_decoder_.codepage != d.codepage) settle_bytes();
    pending_decoder_ = d;
    pending_bytes_.append(bytes);
    return;
  }
  const bool in_list = where == destination::list_text;
  const bool ascii_runs = d.how == byte_decoder::kind::single || d.how == byte_decoder::kind::unsupported;
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t j = i;
    if (ascii_runs) {
      while (j < bytes.size() && is_plain(static_cast<unsigned char>(bytes[j]))) ++j;
      if (j > i) put_text(bytes.substr(i, j - i));
    }
    // Decode up to the next run of plain ASCII (the whole rest, for the symbol fonts).
    scratch_.clear();
    for (; j < bytes.size(); ++j) {
      const auto b = static_cast<unsigned char>(bytes[j]);
      if (b < 0x80 && ascii_runs) {
        if (is_plain(b)) break;
        continue;  // control bytes are not text
      }
      if ((b < 0x20 && b != '\t') || b == 0x7F) continue;
      switch (d.how) {
        case byte_decoder::kind::single:
          append_utf8(single_byte(d.enc, b), scratch_);
          break;
        case byte_decoder::kind::symbol:
          append_utf8(symbol_char(b), scratch_);
          break;
        case byte_decoder::kind::pictographs:
          // Word gives these fonts' characters private-use code points (U+F020-U+F0FF); as a list
          // marker any of them is a bullet.
          if (b == ' ' || b == '\t') scratch_ += static_cast<char>(b);
          else append_utf8(in_list ? char32_t{0x2022} : char32_t{0xF000} + b, scratch_);
          break;
        default:  // unsupported
          append_utf8(replacement_char, scratch_);
          break;
      }
    }
    put_text(scratch_);
    i = j;
  }
}

void reader::settle_bytes() {
  if (pending_bytes_.empty()) return;
  std::string bytes = std::move(pending_bytes_);
  pending_bytes_.clear();
  scratch_.clear();
  if (pending_decoder_.how == byte_decoder::kind::utf8) {
    std::string decoded;
    (void)append_utf8_sanitized(bytes, decoded);
    for (const char c : decoded) {
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') scratch_ += c;
    }
  } else {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const auto b = static_cast<unsigned char>(bytes[i]);
      if (b < 0x80) {
        if (b >= 0x20 || b == '\t') scratch_ += static_cast<char>(b);
        continue;
      }
      if (is_lead_byte(pending_decoder_.codepage, b) && i + 1 < bytes.size()) ++i;
      append_utf8(replacement_char, scratch_);
    }
  }
  put_text(scratch_);
  pending_bytes_.swap(bytes);  // keep the capacity
  pending_bytes_.clear();
}

void reader::put_code_point(char32_t cp) {
  if (high_surrogate_ != 0) {
    const char32_t high = high_surrogate_;
    high_surrogate_ = 0;
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = 0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00);
    } else {
      put_code_point(replacement_char);
    }
  }
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    high_surrogate_ = cp;
    return;
  }
  if (cp >= 0xDC00 && cp <= 0xDFFF) cp = replacement_char;
  if ((cp < 0x20 && cp != '\t') || cp == 0x7F) return;
  if (cp >= 0xF020 && cp <= 0xF0FF) {
    // A symbol font's character given as Unicode (Word writes \u-3913 for the Symbol bullet).
    const byte_decoder& d = decoder();
    if (d.how == byte_decoder::kind::symbol) cp = symbol_char(static_cast<unsigned char>(cp & 0xFF));
    else if (d.how == byte_decoder::kind::pictographs && top().where == destination::list_text) cp = 0x2022;
  }
  std::string utf8;  // at most four bytes: no allocation
  append_utf8(cp, utf8);
  put_text(utf8);
}

void reader::put_text(std::string_view s) {
  if (s.empty()) return;
  const group_state& st = top();
  switch (st.where) {
    case destination::body:
      if (st.hidden || st.deleted) return;
      if (st.intbl) {
        if (!list_marker_.empty()) {
          table_.text(trim_space(list_marker_));
          table_.text(" ");
          list_marker_.clear();
        }
        table_.text(s);
        return;
      }
      run_.append(s);
      return;
    case destination::note:
      if (st.hidden || st.deleted || notes_.empty()) return;
      if (note_bytes_ + s.size() > out_.limits().max_output_bytes) {
        // Notes are written at the end; held beyond the output limit they could never be.
        out_.fail({error_code::limit_exceeded, lex_.offset(),
                   "notes exceed limits.max_output_bytes (" + std::to_string(out_.limits().max_output_bytes) + ")"});
        return;
      }
      note_bytes_ += s.size();
      notes_.back().text.append(s);
      return;
    case destination::note_author:
      append_clipped(author_, s, max_author);
      return;
    case destination::field_inst:
      if (st.field >= 0 && static_cast<std::size_t>(st.field) < fields_.size()) {
        append_clipped(fields_[static_cast<std::size_t>(st.field)].instruction, s, max_field_instruction);
      }
      return;
    case destination::info_text:
      append_clipped(info_text_, s, max_info_text);
      return;
    case destination::list_text:
      if (st.hidden || st.deleted) return;
      if (list_marker_.size() < max_list_marker) {
        const std::size_t from = list_marker_.size();
        append_clipped(list_marker_, s, max_list_marker);
        std::replace(list_marker_.begin() + static_cast<std::ptrdiff_t>(from), list_marker_.end(), '\t', ' ');
      }
      return;
    case destination::font_table:
      put_font_name(s);
      return;
    case destination::drop:
    case destination::info_date:
      return;
  }
}

void reader::put_font_name(std::string_view bytes) {
  if (!font_.active || font_.name_done) return;
  for (const char c : bytes) {
    if (c == ';') {
      font_.name_done = true;
      return;
    }
    if (is_plain(static_cast<unsigned char>(c)) && font_.name.size() < max_font_name) font_.name += c;
  }
}

void reader::flush_run() {
  if (run_.empty()) return;
  std::string_view text = run_;
  if (!para_started_) {
    // Spaces before a paragraph's first word are control-word delimiters and indentation.
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    if (text.empty()) {
      run_.clear();
      return;
    }
  }
  if (table_.active()) finish_table();
  start_paragraph();
  sync_spans_to_state();
  out_.text(text);
  run_.clear();
}

void reader::start_paragraph() {
  if (para_started_) return;
  para_started_ = true;
  const group_state& st = top();
  if (st.outline >= 0) {
    out_.begin_heading(st.outline + 1);
    heading_open_ = true;
  }
  if (!list_marker_.empty()) {
    const std::string marker(trim_space(list_marker_));
    list_marker_.clear();
    if (!marker.empty()) {
      sync_spans(false, false, false, {});
      out_.text(marker);
      out_.text(" ");
    }
  }
}

void reader::close_body_paragraph() {
  sync_spans(false, false, false, {});
  if (heading_open_) {
    out_.end_heading();
    heading_open_ = false;
  } else if (para_started_) {
    out_.paragraph();
  }
  para_started_ = false;
}

void reader::sync_spans_to_state() {
  if (!markdown_) return;
  const group_state& st = top();
  std::string_view href;
  if (st.link_field >= 0 && static_cast<std::size_t>(st.link_field) < fields_.size()) {
    href = fields_[static_cast<std::size_t>(st.link_field)].href;
  }
  // A heading is bold already.
  sync_spans(st.bold && !heading_open_, st.italic, st.strike, href);
}

void reader::sync_spans(bool strong, bool emphasis, bool strike, std::string_view href) {
  if (!markdown_) return;
  const auto wanted = [&](const mirror_span& s) {
    switch (s.kind) {
      case span_kind::strong: return strong;
      case span_kind::emphasis: return emphasis;
      case span_kind::strike: return strike;
      case span_kind::link: return !href.empty() && s.href == href;
      default: return false;
    }
  };
  std::size_t keep = 0;
  while (keep < spans_.size() && wanted(spans_[keep])) ++keep;
  if (keep < spans_.size()) {
    out_.end_span(spans_[keep].kind);  // closes the spans inside it too
    spans_.resize(keep);
  }
  const auto open = [&](span_kind kind, bool want, std::string_view target) {
    if (!want) return;
    for (const auto& s : spans_) {
      if (s.kind == kind) return;
    }
    out_.begin_span(kind, target);
    spans_.push_back({kind, std::string(target)});
  };
  open(span_kind::link, !href.empty(), href);
  open(span_kind::strong, strong, {});
  open(span_kind::emphasis, emphasis, {});
  open(span_kind::strike, strike, {});
}

// ---- breaks and tables --------------------------------------------------------------------------

void reader::paragraph_end() {
  const group_state& st = top();
  if (st.where == destination::note) {
    if (!st.hidden && !st.deleted) put_text("\n");
    return;
  }
  if (st.where != destination::body || st.hidden || st.deleted) return;  // a hidden paragraph mark
  if (st.intbl) {
    list_marker_.clear();
    table_.paragraph_break();
    return;
  }
  if (table_.active()) finish_table();
  if (!para_started_ && !list_marker_.empty()) start_paragraph();  // an empty list item
  close_body_paragraph();
}

void reader::line_end() {
  const group_state& st = top();
  if (st.where == destination::note) {
    put_text("\n");
    return;
  }
  if (st.where != destination::body || st.hidden || st.deleted) return;
  if (st.intbl) {
    table_.paragraph_break();
  } else if (para_started_) {
    out_.line_break();
  }
}

void reader::cell_end() {
  const group_state& st = top();
  if (st.where == destination::note) {
    put_text("\t");
    return;
  }
  if (st.where != destination::body) return;
  if (para_started_ || heading_open_) close_body_paragraph();  // text before a cell without \intbl
  list_marker_.clear();
  if (!count_entry()) return;
  table_.end_cell(out_);
}

void reader::row_end() {
  const group_state& st = top();
  if (st.where == destination::note) {
    put_text("\n");
    return;
  }
  if (st.where != destination::body) return;
  if (para_started_ || heading_open_) close_body_paragraph();
  if (!table_.active()) return;
  sync_spans(false, false, false, {});
  if (!count_entry()) return;
  (void)table_.end_row(out_);
}

void reader::finish_table() {
  sync_spans(false, false, false, {});
  table_.finish(out_);
  para_started_ = false;
}

// ---- fonts --------------------------------------------------------------------------------------

void reader::start_font(std::int32_t number) {
  commit_font();
  font_ = pending_font{};
  font_.active = true;
  font_.number = number;
}

void reader::commit_font() {
  if (!font_.active) return;
  font_.active = false;
  if (!count_entry()) return;
  font_entry f;
  f.number = font_.number;
  if (font_.charset == symbol_charset) {
    f.symbol = true;
    std::string_view name = font_.name;
    while (!name.empty() && is_blank(name.back())) name.remove_suffix(1);
    while (!name.empty() && is_blank(name.front())) name.remove_prefix(1);
    f.symbol_font = iequals_ascii(name, "Symbol");
  } else if (font_.codepage > 0 && font_.codepage <= 0xFFFF) {
    f.codepage = static_cast<std::uint16_t>(font_.codepage);
  } else if (font_.charset >= 0) {
    f.codepage = static_cast<std::uint16_t>(codepage_of_charset(font_.charset));
  }
  fonts_.push_back(f);
}

void reader::finish_font_table() {
  // The first definition of a number wins.
  std::stable_sort(fonts_.begin(), fonts_.end(),
                   [](const font_entry& a, const font_entry& b) { return a.number < b.number; });
  fonts_.erase(std::unique(fonts_.begin(), fonts_.end(),
                           [](const font_entry& a, const font_entry& b) { return a.number == b.number; }),
               fonts_.end());
  decoder_valid_ = false;
}

const reader::font_entry* reader::find_font(std::int32_t number) const noexcept {
  const auto it = std::lower_bound(fonts_.begin(), fonts_.end(), number,
                                   [](const font_entry& f, std::int32_t n) { return f.number < n; });
  return it != fonts_.end() && it->number == number ? &*it : nullptr;
}

// ---- the end ------------------------------------------------------------------------------------

bool reader::count_entry() {
  if (++entries_ <= out_.limits().max_entries) return true;
  out_.fail({error_code::limit_exceeded, lex_.offset(),
             "the document has more fonts, table cells and notes than limits.max_entries (" +
                 std::to_string(out_.limits().max_entries) + ")"});
  return false;
}

void reader::finish() {
  if (out_.stopped()) return;
  settle_bytes();
  if (high_surrogate_ != 0) {
    high_surrogate_ = 0;
    put_code_point(replacement_char);
  }
  flush_run();
  if (table_.active()) finish_table();
  close_body_paragraph();
  write_notes();
  if (!done_ || lex_.binary_truncated()) {
    out_.warn("rtf_truncated", "the document ends early (an unclosed group or a cut-off \\bin); what it holds was read");
  }
}

void reader::write_notes() {
  // Footnotes (and endnotes) first, numbered as in the text; then headers and footers, each
  // distinct one once (every section repeats them); then comments with their authors.
  for (const note_kind kind : {note_kind::footnote, note_kind::header_footer, note_kind::comment}) {
    std::unordered_set<std::string_view> seen;
    for (const note& n : notes_) {
      if (out_.stopped()) return;
      if (n.kind != kind) continue;
      const std::string_view text = trim_note(n.text);
      if (text.empty() && !n.numbered) continue;
      if (kind == note_kind::header_footer) {
        if (!seen.insert(text).second) continue;
      }
      out_.paragraph();
      if (n.numbered) {
        const std::string number = std::to_string(n.number);
        if (markdown_) out_.raw("[^" + number + "]: ");
        else out_.text("[" + number + "] ");
      }
      if (kind == note_kind::comment && !trim_space(n.author).empty()) {
        out_.text(trim_space(n.author));
        out_.text(": ");
      }
      out_.text(text);
    }
  }
}

}  // namespace quarry::detail::rtf
