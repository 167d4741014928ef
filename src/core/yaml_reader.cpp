#include "core/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Warnings past this many say nothing new about a damaged file.
constexpr int max_warnings = 50;

bool is_ws(char c) noexcept { return c == ' ' || c == '\t'; }

bool is_flow_indicator(char c) noexcept { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One line of the input.
struct line_info {
  std::size_t begin = 0;    // first byte
  std::size_t end = 0;      // end of the content, before "\r\n" or "\n"
  std::size_t next = 0;     // first byte of the next line
  std::size_t content = 0;  // first byte that is not a space or tab (== end on a blank line)
  bool tab_in_indent = false;

  [[nodiscard]] std::int64_t indent() const noexcept { return static_cast<std::int64_t>(content - begin); }
  [[nodiscard]] bool blank() const noexcept { return content == end; }
};

class reader {
 public:
  reader(std::string_view src, yaml_handler& handler, const yaml_limits& limits)
      : src_(src), h_(handler), lim_(limits) {}

  status run();

 private:
  // The state of a block collection: which node it expects next.
  enum class phase : std::uint8_t { item_pending, item_done, key_expected, value_expected };
  struct block {
    bool seq;
    std::int64_t indent;
    phase state;
  };
  // Flow collections: a single-pair mapping inside a sequence ("[a: 1]") is its own frame.
  enum class fstate : std::uint8_t { start, key_done, value, after };
  struct flow_frame {
    bool map;
    bool pair;
    fstate st;
  };
  enum class root_state : std::uint8_t { none, pending, filled };

  // ---- input ------------------------------------------------------------------------------------
  [[nodiscard]] line_info read_line(std::size_t p) const noexcept;
  [[nodiscard]] bool is_marker(const line_info& l, char c) const noexcept;
  [[nodiscard]] bool indicator_at(const line_info& l, std::size_t i) const noexcept;
  [[nodiscard]] std::size_t skip_ws(const line_info& l, std::size_t i) const noexcept;
  [[nodiscard]] std::size_t skip_properties(const line_info& l, std::size_t i) const noexcept;
  [[nodiscard]] std::size_t find_key_indicator(const line_info& l, std::size_t c) const noexcept;
  [[nodiscard]] std::size_t plain_end(const line_info& l, std::size_t c, bool& comment) const noexcept;
  [[nodiscard]] std::size_t line_number(std::size_t offset);

  // ---- output -----------------------------------------------------------------------------------
  [[nodiscard]] bool halted() const noexcept { return stopped_ || failed_; }
  void emit(yaml_event kind, std::string_view text, std::size_t at, yaml_style style = yaml_style::plain,
            bool flow = false);
  bool count_node(std::size_t at);
  void warn(std::string_view code, std::size_t at, std::string_view what);
  void fail_depth(std::size_t at);

  // ---- block structure --------------------------------------------------------------------------
  void begin_document();
  void end_document();
  void fill_slot();
  void emit_scalar(std::string_view text, std::size_t at, yaml_style style);
  bool push_block(bool seq, std::int64_t col, std::size_t at);
  void pop_block();
  void close_blocks(std::int64_t indent, bool dash);
  bool enter_map(std::int64_t col, std::size_t at);
  bool enter_seq(std::int64_t col, std::size_t at);
  void block_line(const line_info& l);
  void node(line_info l, std::size_t c, std::int64_t parent, bool in_line, std::int64_t forced_col = -2);
  void finish_line(const line_info& l, std::size_t i);

  // ---- scalars ----------------------------------------------------------------------------------
  void plain_scalar(const line_info& l, std::size_t c, std::int64_t parent);
  // Reads a quoted scalar into scratch_; on success `l`/`end` are the line and position just
  // past the closing quote.
  bool read_quoted(line_info& l, std::size_t c, std::size_t& end, bool& multi_line);
  bool read_escape(const line_info& l, std::size_t& i);
  void block_scalar(const line_info& l, std::size_t c, std::int64_t parent);
  [[nodiscard]] std::size_t alias_end(const line_info& l, std::size_t i, bool in_flow) const noexcept;

  // ---- flow collections -------------------------------------------------------------------------
  void flow(const line_info& l, std::size_t c);
  bool flow_skip_space();
  void flow_before_node(bool key_follows, std::size_t at);
  void flow_after_node();
  void flow_null(std::size_t at);
  void flow_close_pair(std::size_t at);
  void flow_plain(std::size_t at);

  std::string_view src_;
  yaml_handler& h_;
  yaml_limits lim_;
  std::size_t pos_ = 0;  // start of the next unread line
  std::vector<block> blocks_;
  std::vector<flow_frame> flow_;
  line_info fl_;         // the flow reader's current line
  std::size_t fi_ = 0;   // and position in it
  bool flow_eof_ = false;
  root_state root_ = root_state::none;
  bool doc_open_ = false;
  bool stopped_ = false;
  bool failed_ = false;
  error err_;
  std::uint64_t nodes_ = 0;
  int warnings_ = 0;
  bool tab_warned_ = false;
  bool explicit_key_ = false;  // the node follows "? ": a key without ':' is expected
  std::string scratch_;
  // A quoted scalar that found no closing quote scanned up to here: later ones that start before
  // this point cannot find one either (keeps many unterminated quotes linear).
  std::size_t no_close_until_[2] = {0, 0};
  std::size_t line_pos_ = 0;   // line_number() walks forward from here
  std::size_t line_no_ = 1;
};

// ---- input --------------------------------------------------------------------------------------

line_info reader::read_line(std::size_t p) const noexcept {
  line_info l;
  l.begin = p;
  const std::size_t nl = src_.find('\n', p);
  if (nl == npos) {
    l.end = l.next = src_.size();
  } else {
    l.end = nl;
    l.next = nl + 1;
  }
  if (l.end > p && src_[l.end - 1] == '\r') --l.end;
  std::size_t c = p;
  while (c < l.end && is_ws(src_[c])) {
    if (src_[c] == '\t') l.tab_in_indent = true;
    ++c;
  }
  l.content = c;
  return l;
}

bool reader::is_marker(const line_info& l, char c) const noexcept {
  if (l.end - l.begin < 3) return false;
  if (src_[l.begin] != c || src_[l.begin + 1] != c || src_[l.begin + 2] != c) return false;
  return l.begin + 3 == l.end || is_ws(src_[l.begin + 3]);
}

// An indicator character ("-", "?", ":") counts only when followed by a space or the line end.
bool reader::indicator_at(const line_info& l, std::size_t i) const noexcept {
  return i + 1 >= l.end || is_ws(src_[i + 1]);
}

std::size_t reader::skip_ws(const line_info& l, std::size_t i) const noexcept {
  while (i < l.end && is_ws(src_[i])) ++i;
  return i;
}

// Anchors ("&name") and tags ("!tag", "!!str", "!<...>") say nothing a reader of the text needs.
std::size_t reader::skip_properties(const line_info& l, std::size_t i) const noexcept {
  i = skip_ws(l, i);
  while (i < l.end && (src_[i] == '&' || src_[i] == '!')) {
    while (i < l.end && !is_ws(src_[i])) ++i;
    i = skip_ws(l, i);
  }
  return i;
}

// The ':' that makes the plain text starting at `c` a mapping key, or npos.
std::size_t reader::find_key_indicator(const line_info& l, std::size_t c) const noexcept {
  for (std::size_t i = c; i < l.end; ++i) {
    const char ch = src_[i];
    if (ch == ':' && indicator_at(l, i)) return i;
    if (ch == '#' && i > c && is_ws(src_[i - 1])) return npos;
  }
  return npos;
}

// Where plain text starting at `c` ends on its line: before a comment, trailing spaces trimmed.
std::size_t reader::plain_end(const line_info& l, std::size_t c, bool& comment) const noexcept {
  comment = false;
  std::size_t e = l.end;
  for (std::size_t i = c; i < l.end; ++i) {
    if (src_[i] == '#' && i > c && is_ws(src_[i - 1])) {
      comment = true;
      e = i;
      break;
    }
  }
  while (e > c && is_ws(src_[e - 1])) --e;
  return e;
}

std::size_t reader::line_number(std::size_t offset) {
  if (offset < line_pos_) {
    line_pos_ = 0;
    line_no_ = 1;
  }
  offset = std::min(offset, src_.size());
  line_no_ += static_cast<std::size_t>(std::count(src_.begin() + static_cast<std::ptrdiff_t>(line_pos_),
                                                  src_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  line_pos_ = offset;
  return line_no_;
}

// ---- output -------------------------------------------------------------------------------------

void reader::emit(yaml_event kind, std::string_view text, std::size_t at, yaml_style style, bool flow) {
  if (halted()) return;
  yaml_token t;
  t.text = text;
  t.style = style;
  t.flow = flow;
  t.offset = at;
  if (!h_.on_event(kind, t)) stopped_ = true;
}

bool reader::count_node(std::size_t at) {
  if (++nodes_ <= lim_.max_nodes) return true;
  if (!failed_) {
    failed_ = true;
    err_ = error{error_code::limit_exceeded, at,
                 "YAML has more than limits.max_entries (" + std::to_string(lim_.max_nodes) + ") nodes"};
  }
  return false;
}

void reader::warn(std::string_view code, std::size_t at, std::string_view what) {
  if (++warnings_ > max_warnings) return;
  h_.on_warning(code, "line " + std::to_string(line_number(at)) + ": " + std::string(what));
}

void reader::fail_depth(std::size_t at) {
  if (failed_) return;
  failed_ = true;
  err_ = error{error_code::limit_exceeded, at,
               "YAML nesting deeper than limits.max_depth (" + std::to_string(lim_.max_depth) + ")"};
}

// ---- block structure ----------------------------------------------------------------------------

void reader::begin_document() {
  emit(yaml_event::document_start, {}, pos_);
  doc_open_ = true;
  root_ = root_state::pending;
}

void reader::end_document() {
  if (!doc_open_) return;
  while (!blocks_.empty() && !halted()) pop_block();
  if (root_ == root_state::pending) emit_scalar({}, pos_, yaml_style::plain);  // "---" with nothing after
  emit(yaml_event::document_end, {}, pos_);
  doc_open_ = false;
  root_ = root_state::none;
}

// A node (scalar, alias or the start of a collection) took the slot the innermost block offers.
void reader::fill_slot() {
  explicit_key_ = false;
  if (blocks_.empty()) {
    root_ = root_state::filled;
    return;
  }
  block& b = blocks_.back();
  switch (b.state) {
    case phase::item_pending: b.state = phase::item_done; break;
    case phase::item_done: break;
    case phase::key_expected: b.state = phase::value_expected; break;
    case phase::value_expected: b.state = phase::key_expected; break;
  }
}

void reader::emit_scalar(std::string_view text, std::size_t at, yaml_style style) {
  if (!count_node(at)) return;
  fill_slot();
  emit(yaml_event::scalar, text, at, style);
}

bool reader::push_block(bool seq, std::int64_t col, std::size_t at) {
  if (blocks_.size() + 1 > lim_.max_depth) {
    fail_depth(at);
    return false;
  }
  if (!count_node(at)) return false;
  fill_slot();
  emit(seq ? yaml_event::sequence_start : yaml_event::mapping_start, {}, at);
  blocks_.push_back({seq, col, seq ? phase::item_pending : phase::key_expected});
  return !halted();
}

void reader::pop_block() {
  const block b = blocks_.back();
  if (b.state == phase::item_pending || b.state == phase::value_expected) emit_scalar({}, pos_, yaml_style::plain);
  blocks_.pop_back();
  emit(b.seq ? yaml_event::sequence_end : yaml_event::mapping_end, {}, pos_);
}

// Closes the collections a line at `indent` ends. A sequence at its parent key's own indentation
// ("key:\n- a") ends at the first line there that is not an entry.
void reader::close_blocks(std::int64_t indent, bool dash) {
  while (!blocks_.empty() && !halted()) {
    const block& b = blocks_.back();
    if (b.indent > indent || (b.indent == indent && b.seq && !dash)) {
      pop_block();
      continue;
    }
    break;
  }
}

bool reader::enter_map(std::int64_t col, std::size_t at) {
  if (!blocks_.empty() && !blocks_.back().seq && blocks_.back().indent == col) {
    if (blocks_.back().state == phase::value_expected) emit_scalar({}, at, yaml_style::plain);
    return !halted();
  }
  return push_block(false, col, at);
}

bool reader::enter_seq(std::int64_t col, std::size_t at) {
  if (!blocks_.empty() && blocks_.back().seq && blocks_.back().indent == col) {
    if (blocks_.back().state == phase::item_pending) emit_scalar({}, at, yaml_style::plain);
    blocks_.back().state = phase::item_pending;
    return !halted();
  }
  return push_block(true, col, at);
}

void reader::block_line(const line_info& l) {
  const std::int64_t ind = l.indent();
  const std::size_t c = l.content;
  const bool dash = src_[c] == '-' && indicator_at(l, c);
  close_blocks(ind, dash);
  if (halted()) return;
  if (!doc_open_) begin_document();
  if (blocks_.empty()) {
    if (root_ == root_state::filled) {
      warn("yaml_syntax", c, "more than one node at the top level; read as a new document");
      end_document();
      begin_document();
    }
    node(l, c, -1, false);
    return;
  }
  block& b = blocks_.back();
  if (b.indent == ind) {
    if (!b.seq && dash && b.state != phase::value_expected) {
      warn("yaml_indentation", c, "a sequence entry where a mapping key was expected");
      emit_scalar({}, c, yaml_style::plain);  // an empty key; the sequence becomes its value
    }
    if (!b.seq && !dash && src_[c] == ':' && indicator_at(l, c) && b.state == phase::value_expected) {
      node(l, skip_ws(l, c + 1), b.indent, false);  // the value of an explicit "? key"
      return;
    }
    node(l, c, b.indent, false);
    return;
  }
  // A line indented deeper than the innermost collection: the node its open slot waits for.
  if (b.state == phase::value_expected || b.state == phase::item_pending) {
    node(l, c, b.indent, false);
    return;
  }
  warn("yaml_indentation", c, "unexpected indentation");
  if (b.seq) {
    b.state = phase::item_pending;
    node(l, c, b.indent, false);
  } else {
    node(l, c, b.indent, false, b.indent);  // read as a key of the mapping it is inside
  }
}

// Reads the node that starts at `c` into the open slot. `parent` is the indentation of the
// enclosing block collection (-1 at the top). `in_line`: the node follows a key on the same line,
// where block collections cannot start. A loop, not recursion: "- - - a" nests without a call.
void reader::node(line_info l, std::size_t c, std::int64_t parent, bool in_line, std::int64_t forced_col) {
  for (bool first = true;; first = false) {
    if (halted()) return;
    // A node begins at its properties: "!!int '6': v" is a key at the column of its tag.
    const std::size_t node_begin = skip_ws(l, c);
    c = skip_properties(l, c);
    if (c >= l.end || src_[c] == '#') {  // the node is on the following lines, or is empty
      pos_ = l.next;
      return;
    }
    const char ch = src_[c];
    const std::int64_t col = first && forced_col != -2 ? forced_col : static_cast<std::int64_t>(node_begin - l.begin);
    if (!in_line && ch == '-' && indicator_at(l, c)) {
      if (!enter_seq(col, c)) return;
      c = c + 1;
      parent = col;
      continue;
    }
    if (!in_line && ch == '?' && indicator_at(l, c)) {
      if (!enter_map(col, c)) return;
      explicit_key_ = true;
      c = c + 1;
      parent = col;
      continue;
    }
    if (!in_line && ch == ':' && indicator_at(l, c)) {  // a value with an empty key
      if (!enter_map(col, c)) return;
      emit_scalar({}, c, yaml_style::plain);
      c = c + 1;
      parent = col;
      in_line = true;
      continue;
    }
    if (ch == '|' || ch == '>') {
      block_scalar(l, c, parent);
      return;
    }
    if (ch == '[' || ch == '{') {
      fill_slot();
      flow(l, c);
      return;
    }
    if (ch == '*') {
      const std::size_t e = alias_end(l, c + 1, false);
      const std::size_t after = skip_ws(l, e);
      if (!in_line && after < l.end && src_[after] == ':' && indicator_at(l, after)) {  // "*a : value"
        if (!enter_map(col, c) || !count_node(c)) return;
        fill_slot();
        emit(yaml_event::alias, src_.substr(c + 1, e - c - 1), c);
        c = after + 1;
        parent = col;
        in_line = true;
        continue;
      }
      if (!count_node(c)) return;
      fill_slot();
      emit(yaml_event::alias, src_.substr(c + 1, e - c - 1), c);
      finish_line(l, e);
      return;
    }
    if (ch == '"' || ch == '\'') {
      line_info end_line = l;
      std::size_t end = 0;
      bool multi = false;
      const yaml_style style = ch == '"' ? yaml_style::double_quoted : yaml_style::single_quoted;
      if (!read_quoted(end_line, c, end, multi)) {
        warn("yaml_unterminated_quote", c, "a quoted scalar has no closing quote; read to the line end");
        std::string_view rest = src_.substr(c + 1, l.end - c - 1);
        while (!rest.empty() && is_ws(rest.back())) rest.remove_suffix(1);
        emit_scalar(rest, c, style);
        pos_ = l.next;
        return;
      }
      const std::size_t after = skip_ws(end_line, end);
      if (!in_line && !multi && after < end_line.end && src_[after] == ':' &&
          (indicator_at(end_line, after) || after == end)) {  // a quoted key
        if (!enter_map(col, c)) return;
        emit_scalar(scratch_, c, style);
        c = after + 1;
        parent = col;
        in_line = true;
        continue;
      }
      emit_scalar(scratch_, c, style);
      finish_line(end_line, end);
      return;
    }
    if (!in_line) {
      const std::size_t k = find_key_indicator(l, c);
      if (k != npos) {
        if (!enter_map(col, c)) return;
        std::size_t ke = k;
        while (ke > c && is_ws(src_[ke - 1])) --ke;
        emit_scalar(src_.substr(c, ke - c), c, yaml_style::plain);
        c = k + 1;
        parent = col;
        in_line = true;
        continue;
      }
    }
    plain_scalar(l, c, parent);
    return;
  }
}

// After a node: the rest of its line may only hold a comment.
void reader::finish_line(const line_info& l, std::size_t i) {
  i = skip_ws(l, i);
  if (i < l.end && src_[i] != '#') warn("yaml_syntax", i, "text after a value was skipped");
  pos_ = l.next;
}

// ---- scalars ------------------------------------------------------------------------------------

void reader::plain_scalar(const line_info& l, std::size_t c, std::int64_t parent) {
  if (!blocks_.empty() && blocks_.back().state == phase::key_expected && !explicit_key_) {
    warn("yaml_syntax", c, "a mapping key without ':'");
  }
  explicit_key_ = false;
  bool comment = false;
  const std::size_t e = plain_end(l, c, comment);
  const std::string_view first = src_.substr(c, e - c);
  std::size_t p = l.next;
  bool folded = false;
  if (!comment) {
    // Continuation lines, indented deeper than the parent, fold into one line.
    std::size_t blanks = 0;
    std::size_t q = p;
    while (q < src_.size()) {
      const line_info m = read_line(q);
      if (m.blank()) {
        ++blanks;
        q = m.next;
        continue;
      }
      if (m.indent() <= parent || src_[m.content] == '#' || is_marker(m, '-') || is_marker(m, '.')) break;
      if (parent < 0 && ((src_[m.content] == '-' && indicator_at(m, m.content)) ||
                         find_key_indicator(m, m.content) != npos)) {
        break;  // at the top, a key or entry line is the next document's content, not more text
      }
      if (!folded) {
        scratch_.assign(first);
        folded = true;
      }
      if (blanks == 0) scratch_ += ' ';
      else scratch_.append(blanks, '\n');
      blanks = 0;
      bool c2 = false;
      const std::size_t me = plain_end(m, m.content, c2);
      scratch_.append(src_.substr(m.content, me - m.content));
      p = q = m.next;
      if (c2) break;
    }
  }
  emit_scalar(folded ? std::string_view(scratch_) : first, c, yaml_style::plain);
  pos_ = p;
}

std::size_t reader::alias_end(const line_info& l, std::size_t i, bool in_flow) const noexcept {
  while (i < l.end && !is_ws(src_[i]) && !(in_flow && is_flow_indicator(src_[i]))) ++i;
  return i;
}

// One escape after a backslash at src_[i]; advances i past it. False for an escaped line break.
bool reader::read_escape(const line_info& l, std::size_t& i) {
  ++i;  // the backslash
  if (i >= l.end) return false;
  const char e = src_[i++];
  int digits = 0;
  switch (e) {
    case '0': append_utf8(replacement_char, scratch_); return true;  // NUL has no place in text
    case 'a': scratch_ += '\a'; return true;
    case 'b': scratch_ += '\b'; return true;
    case 't': case '\t': scratch_ += '\t'; return true;
    case 'n': scratch_ += '\n'; return true;
    case 'v': scratch_ += '\v'; return true;
    case 'f': scratch_ += '\f'; return true;
    case 'r': scratch_ += '\r'; return true;
    case 'e': scratch_ += '\x1b'; return true;
    case ' ': case '"': case '/': case '\\': case '\'': scratch_ += e; return true;
    case 'N': append_utf8(0x85, scratch_); return true;
    case '_': append_utf8(0xA0, scratch_); return true;
    case 'L': append_utf8(0x2028, scratch_); return true;
    case 'P': append_utf8(0x2029, scratch_); return true;
    case 'x': digits = 2; break;
    case 'u': digits = 4; break;
    case 'U': digits = 8; break;
    default:
      warn("yaml_escape", i - 2, "unknown escape sequence kept as written");
      scratch_ += '\\';
      scratch_ += e;
      return true;
  }
  char32_t cp = 0;
  int n = 0;
  for (; n < digits && i < l.end && hex_digit(src_[i]) >= 0; ++n, ++i) {
    cp = (cp << 4) | static_cast<char32_t>(hex_digit(src_[i]));
  }
  if (n < digits) {
    warn("yaml_escape", i, "a truncated \\x, \\u or \\U escape");
    append_utf8(replacement_char, scratch_);
    return true;
  }
  // A UTF-16 surrogate pair written as two \u escapes.
  if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= l.end && src_[i] == '\\' && src_[i + 1] == 'u') {
    char32_t lo = 0;
    bool ok = true;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
      const int d = hex_digit(src_[k]);
      if (d < 0) ok = false;
      else lo = (lo << 4) | static_cast<char32_t>(d);
    }
    if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      i += 6;
    }
  }
  append_utf8(cp == 0 ? replacement_char : cp, scratch_);
  return true;
}

bool reader::read_quoted(line_info& l, std::size_t c, std::size_t& end, bool& multi_line) {
  const char q = src_[c];
  const int which = q == '"' ? 0 : 1;
  multi_line = false;
  scratch_.clear();
  if (c < no_close_until_[which]) return false;
  std::size_t i = c + 1;
  for (;;) {
    // Within a line. `ws_from`: where a run of literal (unescaped) spaces began in scratch_; such
    // a run is dropped at a line break.
    std::size_t ws_from = npos;
    bool escaped_break = false;
    while (i < l.end) {
      const char ch = src_[i];
      if (ch == q) {
        if (q == '\'' && i + 1 < l.end && src_[i + 1] == '\'') {
          scratch_ += '\'';
          ws_from = npos;
          i += 2;
          continue;
        }
        end = i + 1;
        return true;
      }
      if (q == '"' && ch == '\\') {
        if (!read_escape(l, i)) {
          escaped_break = true;
          break;
        }
        ws_from = npos;
        continue;
      }
      if (is_ws(ch)) {
        if (ws_from == npos) ws_from = scratch_.size();
      } else {
        ws_from = npos;
      }
      scratch_ += ch;
      ++i;
    }
    if (ws_from != npos && !escaped_break) scratch_.resize(ws_from);
    // A line break inside the quotes: one folds to a space, n blank lines to n newlines.
    std::size_t blanks = 0;
    std::size_t p = l.next;
    for (;;) {
      if (p >= src_.size() || l.next == l.end) {
        no_close_until_[which] = src_.size();
        return false;
      }
      l = read_line(p);
      if (is_marker(l, '-') || is_marker(l, '.')) {
        no_close_until_[which] = l.begin;
        return false;
      }
      if (!l.blank()) break;
      ++blanks;
      p = l.next;
    }
    multi_line = true;
    if (blanks > 0) scratch_.append(blanks, '\n');
    else if (!escaped_break) scratch_ += ' ';
    i = l.content;
  }
}

void reader::block_scalar(const line_info& l, std::size_t c, std::int64_t parent) {
  const bool folded = src_[c] == '>';
  char chomp = 'c';
  std::int64_t explicit_indent = 0;
  std::size_t i = c + 1;
  for (int k = 0; k < 2 && i < l.end; ++k) {
    if (src_[i] == '+' || src_[i] == '-') chomp = src_[i++];
    else if (src_[i] >= '1' && src_[i] <= '9') explicit_indent = src_[i++] - '0';
  }
  const std::size_t r = skip_ws(l, i);
  if (r < l.end && (src_[r] != '#' || r == i)) {  // ">text" is not a block scalar: read it as text
    warn("yaml_syntax", c, "text after a block scalar indicator");
    plain_scalar(l, c, parent);
    return;
  }
  // The content's indentation: given, or that of the first non-blank line.
  std::int64_t indent = 0;
  if (explicit_indent > 0) {
    indent = std::max<std::int64_t>(parent, 0) + explicit_indent;
  } else {
    indent = parent + 1;
    for (std::size_t q = l.next; q < src_.size();) {
      const line_info m = read_line(q);
      if (!m.blank()) {
        std::int64_t spaces = 0;
        while (m.begin + static_cast<std::size_t>(spaces) < m.end && src_[m.begin + static_cast<std::size_t>(spaces)] == ' ') ++spaces;
        indent = std::max(indent, spaces);
        break;
      }
      q = m.next;
    }
  }
  scratch_.clear();
  std::size_t q = l.next;
  std::size_t blanks = 0;       // empty lines since the last content line
  bool any = false;             // a content line was read
  bool prev_more = false;       // the previous content line was more indented (folding keeps its break)
  while (q < src_.size()) {
    const line_info m = read_line(q);
    if (is_marker(m, '-') || is_marker(m, '.')) break;
    // A blank line is empty unless it has white space past the indentation: that is content.
    if (m.blank() && m.end - m.begin <= static_cast<std::size_t>(indent)) {
      ++blanks;
      q = m.next;
      continue;
    }
    std::int64_t spaces = 0;
    while (m.begin + static_cast<std::size_t>(spaces) < m.end && src_[m.begin + static_cast<std::size_t>(spaces)] == ' ' &&
           spaces < indent) {
      ++spaces;
    }
    if (spaces < indent) {
      if (!m.blank()) break;
      ++blanks;  // white space only, with a tab inside the indentation
      q = m.next;
      continue;
    }
    const std::string_view text = src_.substr(m.begin + static_cast<std::size_t>(indent),
                                              m.end - m.begin - static_cast<std::size_t>(indent));
    const bool more = !text.empty() && is_ws(text.front());
    if (!any) {
      scratch_.append(blanks, '\n');
    } else if (!folded) {
      scratch_.append(blanks + 1, '\n');
    } else if (!more && !prev_more) {
      if (blanks == 0) scratch_ += ' ';
      else scratch_.append(blanks, '\n');
    } else {
      scratch_.append(blanks + 1, '\n');
    }
    scratch_.append(text);
    any = true;
    prev_more = more;
    blanks = 0;
    q = m.next;
  }
  if (chomp == '+') scratch_.append(blanks + (any ? 1 : 0), '\n');
  else if (chomp == 'c' && any) scratch_ += '\n';
  emit_scalar(scratch_, c, folded ? yaml_style::folded : yaml_style::literal);
  pos_ = q;
}

// ---- flow collections ---------------------------------------------------------------------------

// Skips spaces, comments and line breaks inside a flow collection; false at the end of the input
// or at a document marker (the collection is unterminated).
bool reader::flow_skip_space() {
  for (;;) {
    while (fi_ < fl_.end) {
      const char ch = src_[fi_];
      if (is_ws(ch)) {
        ++fi_;
      } else if (ch == '#' && (fi_ == fl_.begin || is_ws(src_[fi_ - 1]))) {
        fi_ = fl_.end;
      } else {
        return true;
      }
    }
    if (fl_.next >= src_.size() || fl_.next == fl_.end) {
      flow_eof_ = true;
      return false;
    }
    const line_info m = read_line(fl_.next);
    if (is_marker(m, '-') || is_marker(m, '.')) return false;
    fl_ = m;
    fi_ = m.begin;
  }
}

void reader::flow_null(std::size_t at) {
  if (!count_node(at)) return;
  emit(yaml_event::scalar, {}, at);
}

void reader::flow_close_pair(std::size_t at) {
  flow_frame& f = flow_.back();
  if (f.st == fstate::key_done || f.st == fstate::value) flow_null(at);
  flow_.pop_back();
  emit(yaml_event::mapping_end, {}, at, yaml_style::plain, true);
}

// Moves the innermost flow collection past the node about to be emitted at `at`.
void reader::flow_before_node(bool key_follows, std::size_t at) {
  flow_frame& f = flow_.back();
  if (f.map) {
    switch (f.st) {
      case fstate::start: f.st = fstate::key_done; break;
      case fstate::value: f.st = fstate::after; break;
      case fstate::key_done:
        warn("yaml_syntax", at, "a flow mapping key without ':'");
        flow_null(at);
        break;  // the node is the next key; st stays key_done
      case fstate::after:
        warn("yaml_syntax", at, "a missing ',' in a flow collection");
        f.st = fstate::key_done;
        break;
    }
    return;
  }
  if (f.st == fstate::after) warn("yaml_syntax", at, "a missing ',' in a flow collection");
  f.st = fstate::after;
  if (key_follows) {  // "[a: 1]": a mapping of one pair
    if (flow_.size() + blocks_.size() + 1 > lim_.max_depth) {
      fail_depth(at);
      return;
    }
    if (!count_node(at)) return;
    emit(yaml_event::mapping_start, {}, at, yaml_style::plain, true);
    flow_.push_back({true, true, fstate::key_done});
  }
}

// A node finished: a single pair whose value it was is complete.
void reader::flow_after_node() {
  if (!flow_.empty() && flow_.back().pair && flow_.back().st == fstate::after) {
    flow_.pop_back();
    emit(yaml_event::mapping_end, {}, fi_, yaml_style::plain, true);
  }
}

// A plain scalar in a flow collection; may continue on following lines.
void reader::flow_plain(std::size_t at) {
  scratch_.clear();
  bool folded = false;
  std::string_view first;
  for (;;) {
    const std::size_t s = fi_;
    while (fi_ < fl_.end) {
      const char ch = src_[fi_];
      if (is_flow_indicator(ch)) break;
      if (ch == ':' && (fi_ + 1 >= fl_.end || is_ws(src_[fi_ + 1]) || is_flow_indicator(src_[fi_ + 1]))) break;
      if (ch == '#' && fi_ > s && is_ws(src_[fi_ - 1])) break;
      ++fi_;
    }
    std::size_t e = fi_;
    while (e > s && is_ws(src_[e - 1])) --e;
    if (!folded && first.empty() && scratch_.empty()) first = src_.substr(s, e - s);
    else scratch_.append(src_.substr(s, e - s));
    if (fi_ < fl_.end) break;
    // The line ended inside the scalar: it goes on if the next line starts with more text.
    std::size_t q = fl_.next;
    std::size_t blanks = 0;
    line_info m;
    bool more = false;
    while (q < src_.size() && fl_.next != fl_.end) {
      m = read_line(q);
      if (m.blank()) {
        ++blanks;
        q = m.next;
        continue;
      }
      const char ch = src_[m.content];
      more = !is_marker(m, '-') && !is_marker(m, '.') && !is_flow_indicator(ch) && ch != '#' &&
             !(ch == ':' && indicator_at(m, m.content));
      break;
    }
    if (!more) break;
    if (!folded) {
      scratch_.assign(first);
      folded = true;
    }
    if (blanks == 0) scratch_ += ' ';
    else scratch_.append(blanks, '\n');
    fl_ = m;
    fi_ = m.content;
  }
  const std::string_view text = folded ? std::string_view(scratch_) : first;
  // "key: value" inside a sequence makes a one-pair mapping.
  const bool key_follows = fi_ < fl_.end && src_[fi_] == ':';
  flow_before_node(key_follows, at);
  if (halted() || !count_node(at)) return;
  emit(yaml_event::scalar, text, at);
  flow_after_node();
}

void reader::flow(const line_info& l, std::size_t c) {
  flow_.clear();
  fl_ = l;
  fi_ = c;
  flow_eof_ = false;
  bool mismatch_warned = false;
  for (;;) {
    if (halted()) return;
    if (!flow_.empty() && !flow_skip_space()) {
      warn("yaml_unterminated_flow", c, "a flow collection has no closing bracket");
      while (!flow_.empty() && !halted()) {
        if (flow_.back().pair) {
          flow_close_pair(fi_);
          continue;
        }
        const flow_frame f = flow_.back();
        if (f.map && (f.st == fstate::key_done || f.st == fstate::value)) flow_null(fi_);
        flow_.pop_back();
        emit(f.map ? yaml_event::mapping_end : yaml_event::sequence_end, {}, fi_, yaml_style::plain, true);
      }
      pos_ = flow_eof_ ? src_.size() : fl_.next;
      if (!flow_eof_) {
        // Stopped at a document marker: let the main loop read it.
        const line_info m = read_line(fl_.next);
        if (is_marker(m, '-') || is_marker(m, '.')) pos_ = m.begin;
      }
      return;
    }
    const std::size_t at = fi_;
    const char ch = src_[fi_];
    if (ch == '[' || ch == '{') {
      if (!flow_.empty()) flow_before_node(false, at);
      if (halted()) return;
      if (flow_.size() + blocks_.size() + 1 > lim_.max_depth) {
        fail_depth(at);
        return;
      }
      if (!count_node(at)) return;
      emit(ch == '[' ? yaml_event::sequence_start : yaml_event::mapping_start, {}, at, yaml_style::plain, true);
      flow_.push_back({ch == '{', false, fstate::start});
      ++fi_;
      continue;
    }
    if (ch == ']' || ch == '}') {
      ++fi_;
      if (flow_.back().pair) flow_close_pair(at);
      flow_frame f = flow_.back();
      if (f.map != (ch == '}') && !mismatch_warned) {
        warn("yaml_syntax", at, "a flow collection closed with the wrong bracket");
        mismatch_warned = true;
      }
      if (f.map && (f.st == fstate::key_done || f.st == fstate::value)) flow_null(at);
      flow_.pop_back();
      emit(f.map ? yaml_event::mapping_end : yaml_event::sequence_end, {}, at, yaml_style::plain, true);
      if (flow_.empty()) break;
      flow_after_node();
      continue;
    }
    flow_frame& f = flow_.back();
    if (ch == ',') {
      ++fi_;
      if (f.pair) {
        flow_close_pair(at);
        flow_.back().st = fstate::start;
        continue;
      }
      if (f.map && (f.st == fstate::key_done || f.st == fstate::value)) flow_null(at);
      f.st = fstate::start;
      continue;
    }
    if (ch == ':' && (fi_ + 1 >= fl_.end || is_ws(src_[fi_ + 1]) || is_flow_indicator(src_[fi_ + 1]) ||
                      (f.map && f.st == fstate::key_done) || f.pair)) {
      ++fi_;
      if (f.map) {
        if (f.st == fstate::key_done) {
          f.st = fstate::value;
        } else if (f.st == fstate::start) {
          flow_null(at);  // an empty key
          f.st = fstate::value;
        } else {
          warn("yaml_syntax", at, "a stray ':' in a flow mapping");
        }
      } else {
        // ": value" in a sequence: a one-pair mapping with an empty key.
        flow_before_node(true, at);
        if (halted()) return;
        flow_null(at);
        flow_.back().st = fstate::value;
      }
      continue;
    }
    if (ch == '?' && (fi_ + 1 >= fl_.end || is_ws(src_[fi_ + 1]))) {  // explicit key marker
      ++fi_;
      continue;
    }
    if (ch == '&' || ch == '!') {  // properties
      while (fi_ < fl_.end && !is_ws(src_[fi_]) && !is_flow_indicator(src_[fi_])) ++fi_;
      continue;
    }
    if (ch == '*') {
      const std::size_t e = alias_end(fl_, fi_ + 1, true);
      const std::string_view name = src_.substr(fi_ + 1, e - fi_ - 1);
      fi_ = e;
      const std::size_t after = skip_ws(fl_, fi_);
      flow_before_node(after < fl_.end && src_[after] == ':', at);
      if (halted() || !count_node(at)) return;
      emit(yaml_event::alias, name, at);
      flow_after_node();
      continue;
    }
    if (ch == '"' || ch == '\'') {
      std::size_t end = 0;
      bool multi = false;
      line_info ql = fl_;
      if (!read_quoted(ql, fi_, end, multi)) {
        warn("yaml_unterminated_quote", at, "a quoted scalar has no closing quote; read to the line end");
        std::string_view rest = src_.substr(fi_ + 1, fl_.end - fi_ - 1);
        // Keep the brackets that close the collection on this line readable as structure.
        const std::size_t cut = rest.find_first_of(",]}");
        if (cut != npos) rest = rest.substr(0, cut);
        fi_ += 1 + rest.size();
        flow_before_node(false, at);
        if (halted() || !count_node(at)) return;
        emit(yaml_event::scalar, rest, at, ch == '"' ? yaml_style::double_quoted : yaml_style::single_quoted);
        flow_after_node();
        continue;
      }
      fl_ = ql;
      fi_ = end;
      const std::size_t after = skip_ws(fl_, fi_);
      flow_before_node(!multi && after < fl_.end && src_[after] == ':', at);
      if (halted() || !count_node(at)) return;
      emit(yaml_event::scalar, scratch_, at, ch == '"' ? yaml_style::double_quoted : yaml_style::single_quoted);
      flow_after_node();
      continue;
    }
    flow_plain(at);
  }
  finish_line(fl_, fi_);
}

status reader::run() {
  if (src_.size() >= 3 && src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  while (pos_ < src_.size() && !halted()) {
    const line_info l = read_line(pos_);
    if (l.blank() || src_[l.content] == '#') {
      pos_ = l.next;
      continue;
    }
    if (l.tab_in_indent && !tab_warned_) {
      tab_warned_ = true;
      warn("yaml_indentation", l.begin, "tabs in indentation (YAML allows only spaces) were read as one column each");
    }
    if (is_marker(l, '-')) {
      end_document();
      pos_ = l.begin;
      begin_document();
      const std::size_t c = skip_ws(l, l.begin + 3);
      if (c < l.end && src_[c] != '#') node(l, c, -1, false);
      else pos_ = l.next;
      continue;
    }
    if (is_marker(l, '.')) {
      end_document();
      pos_ = l.next;
      continue;
    }
    const std::string_view head = src_.substr(l.begin, 5);
    if (src_[l.begin] == '%' && (!doc_open_ || head == "%YAML" || head.substr(0, 4) == "%TAG")) {
      end_document();  // a directive (%YAML, %TAG); libyaml also takes one that lacks a "..." before it
      pos_ = l.next;
      continue;
    }
    block_line(l);
  }
  if (!halted()) end_document();
  if (failed_) return err_;
  return std::monostate{};
}

}  // namespace

status parse_yaml(std::string_view text, yaml_handler& handler, const yaml_limits& limits) {
  reader r(text, handler, limits);
  return r.run();
}

value yaml_scalar_value(std::string_view t, yaml_style style) {
  if (style != yaml_style::plain) return value(t);
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return value();
  if (t == "true" || t == "True" || t == "TRUE") return value(true);
  if (t == "false" || t == "False" || t == "FALSE") return value(false);
  std::string_view digits = t;
  if (digits.front() == '-' || digits.front() == '+') digits.remove_prefix(1);
  if (!digits.empty() && digits.size() <= 18 &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::int64_t v = 0;
    const char* b = t.data() + (t.front() == '+' ? 1 : 0);
    if (std::from_chars(b, t.data() + t.size(), v).ec == std::errc{}) return value(v);
  }
  return value(t);
}

}  // namespace quarry::detail
