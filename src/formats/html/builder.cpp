#include "formats/html/builder.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "formats/html/scan.hpp"

namespace quarry::detail::html {

namespace {

constexpr std::uint16_t shared_dynamic = first_dynamic + dynamic_slots - 1;
// Bounds on what tables may make out of spans and on what a table renders as a grid.
constexpr std::uint64_t max_table_pads = 1u << 22;
constexpr std::uint64_t max_table_slots = 1u << 22;
constexpr std::size_t max_title_bytes = 64 * 1024;
constexpr std::size_t max_table_nesting = 8;

constexpr std::string_view ws_chars = " \t\n\f\r";

bool is_ws(char c) noexcept { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }
char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Whether an inline style hides the element: display:none, visibility:hidden|collapse.
bool style_hides(std::string_view style) noexcept {
  while (!style.empty()) {
    const std::size_t semi = style.find(';');
    const std::string_view decl = style.substr(0, semi);
    style.remove_prefix(semi == std::string_view::npos ? style.size() : semi + 1);
    const std::size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view prop = trim(decl.substr(0, colon));
    const std::string_view val = trim(decl.substr(colon + 1));
    auto word_is = [&](std::string_view w) {
      return istarts_with(val, w) && (val.size() == w.size() || is_ws(val[w.size()]) || val[w.size()] == '!');
    };
    if (iequals(prop, "display") && word_is("none")) return true;
    if (iequals(prop, "visibility") && (word_is("hidden") || word_is("collapse"))) return true;
  }
  return false;
}

// A URL as a Markdown link destination: trimmed, without the tabs and newlines URL parsers drop,
// and with the characters that would end the destination percent-encoded.
std::string markdown_url(std::string_view url) {
  url = trim(url);
  std::string r;
  r.reserve(url.size());
  for (char c : url) {
    switch (c) {
      case '\n': case '\r': case '\t': break;
      case ' ': r += "%20"; break;
      case '(': r += "%28"; break;
      case ')': r += "%29"; break;
      case '<': r += "%3C"; break;
      case '>': r += "%3E"; break;
      default: r += c;
    }
  }
  return r;
}

// A non-negative integer attribute ("3", " 2 ", "4px" -> 4), or `fallback`.
std::uint32_t parse_count(const std::string_view* v, std::uint32_t fallback) noexcept {
  if (v == nullptr) return fallback;
  const std::string_view s = trim(*v);
  std::uint64_t n = 0;
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    n = std::min<std::uint64_t>(n * 10 + static_cast<std::uint64_t>(s[i] - '0'), 1u << 30);
    ++i;
  }
  return i == 0 ? fallback : static_cast<std::uint32_t>(n);
}

std::int64_t parse_start(const std::string_view* v) noexcept {
  if (v == nullptr) return 1;
  std::string_view s = trim(*v);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::int64_t n = 0;
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    n = std::min<std::int64_t>(n * 10 + (s[i] - '0'), 1'000'000'000);
    ++i;
  }
  if (i == 0) return 1;
  return negative ? -n : n;
}

// "language-python" / "lang-js" in a class list names a code block's language.
std::string code_language(const tag_view& tv) {
  const std::string_view* cls = tv.find("class");
  if (cls == nullptr) return {};
  std::string_view rest = *cls;
  while (!rest.empty()) {
    const std::size_t start = rest.find_first_not_of(ws_chars);
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::size_t end = std::min(rest.find_first_of(ws_chars), rest.size());
    std::string_view token = rest.substr(0, end);
    rest.remove_prefix(end);
    for (std::string_view prefix : {std::string_view("language-"), std::string_view("lang-")}) {
      if (token.size() > prefix.size() && token.starts_with(prefix)) {
        std::string lang;
        for (char c : token.substr(prefix.size(), 32)) {
          const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '_' || c == '+' || c == '#' || c == '.';
          if (!ok) break;
          lang += c;
        }
        return lang;
      }
    }
  }
  return {};
}

bool is_breakout(tag t) noexcept {
  switch (t) {
    case tag::b: case tag::big: case tag::blockquote: case tag::body: case tag::br: case tag::center:
    case tag::code: case tag::dd: case tag::div: case tag::dl: case tag::dt: case tag::em: case tag::embed:
    case tag::h1: case tag::h2: case tag::h3: case tag::h4: case tag::h5: case tag::h6: case tag::head:
    case tag::hr: case tag::i: case tag::img: case tag::li: case tag::listing: case tag::menu: case tag::meta:
    case tag::nobr: case tag::ol: case tag::p: case tag::pre: case tag::ruby: case tag::s: case tag::small:
    case tag::span: case tag::strong: case tag::strike: case tag::sub: case tag::sup: case tag::table:
    case tag::tt: case tag::u: case tag::ul: case tag::var:
      return true;
    default:
      return false;
  }
}

bool is_heading_id(std::uint16_t id) noexcept {
  return id >= static_cast<std::uint16_t>(tag::h1) && id <= static_cast<std::uint16_t>(tag::h6);
}

}  // namespace

builder::builder(writer& out)
    : out_(out),
      markdown_(out.markdown()),
      max_depth_(std::max<std::uint32_t>(out.limits().max_depth, 1)),
      max_entries_(out.limits().max_entries),
      tables_(std::min<std::uint64_t>(max_table_pads, out.limits().max_entries * 4)) {
  top_index_.fill(-1);
  boundary_top_.fill(-1);
  frames_.reserve(64);
}

// ---- tags ---------------------------------------------------------------------------------------

std::uint16_t builder::intern(std::string_view name) {
  key_.assign(name);
  if (const auto it = interned_.find(key_); it != interned_.end()) return it->second;
  if (interned_.size() >= dynamic_slots - 1u) return shared_dynamic;
  const auto id = static_cast<std::uint16_t>(first_dynamic + interned_.size());
  interned_.emplace(key_, id);
  return id;
}

std::uint16_t builder::find_interned(std::string_view name) {
  key_.assign(name);
  if (const auto it = interned_.find(key_); it != interned_.end()) return it->second;
  return interned_.size() >= dynamic_slots - 1u ? shared_dynamic : 0;
}

// ---- the stack ------------------------------------------------------------------------------------

bool builder::push(std::uint16_t t, ns space, effect fx, span_kind sk, bool integration) {
  if (frames_.size() >= max_depth_) {
    if (!depth_warned_) {
      depth_warned_ = true;
      out_.warn("max_depth", "elements nested deeper than limits.max_depth (" + std::to_string(max_depth_) +
                                 ") were flattened into their parent");
    }
    return false;
  }
  frame f;
  f.tag = t;
  f.space = space;
  f.fx = fx;
  f.span = sk;
  f.integration = integration;
  f.prev_same = top_index_[t];
  f.prev_boundary = boundary_top_;
  const auto idx = static_cast<std::int32_t>(frames_.size());
  top_index_[t] = idx;
  const tag tg = t < static_cast<std::uint16_t>(tag::count_) ? static_cast<tag>(t) : tag::unknown;
  if (space == ns::html) {
    const std::uint32_t flags = info(tg).flags;
    boundary_top_[html_namespace] = idx;
    if (flags & el_special) {
      boundary_top_[special_any] = idx;
      if (tg != tag::address && tg != tag::div && tg != tag::p && tg != tag::li && tg != tag::dd && tg != tag::dt)
        boundary_top_[special_li] = idx;
    }
    if (flags & el_scope) {
      boundary_top_[scope_default] = boundary_top_[scope_button] = boundary_top_[scope_list_item] = idx;
    }
    if (tg == tag::button) boundary_top_[scope_button] = idx;
    if (tg == tag::ol || tg == tag::ul) boundary_top_[scope_list_item] = idx;
    if (tg == tag::table || tg == tag::template_ || tg == tag::html) boundary_top_[scope_table] = idx;
  } else {
    const bool ip = space == ns::math ? (tg == tag::mi || tg == tag::mo || tg == tag::mn || tg == tag::ms ||
                                         tg == tag::mtext || tg == tag::annotation_xml)
                                      : (tg == tag::foreignobject || tg == tag::desc || tg == tag::title);
    if (ip) {
      boundary_top_[scope_default] = boundary_top_[scope_button] = boundary_top_[scope_list_item] = idx;
      boundary_top_[special_any] = boundary_top_[special_li] = idx;
    }
  }
  frames_.push_back(std::move(f));
  ++pushes_;
  pushed_size_ = frames_.size();
  return true;
}

void builder::pop_top() {
  frame f = std::move(frames_.back());
  frames_.pop_back();
  boundary_top_ = f.prev_boundary;
  if (!f.dead) {
    top_index_[f.tag] = f.prev_same;
    close_effect(f);
  }
  while (!frames_.empty() && frames_.back().dead) {
    boundary_top_ = frames_.back().prev_boundary;
    frames_.pop_back();
  }
}

void builder::pop_to(std::int32_t index) {
  if (index < 0) return;
  while (frames_.size() > static_cast<std::size_t>(index)) pop_top();
}

void builder::kill(std::int32_t index) {
  frame& f = frames_[static_cast<std::size_t>(index)];
  top_index_[f.tag] = f.prev_same;
  f.dead = true;
  const frame copy = f;
  close_effect(copy);
}

bool builder::html_rules_apply(tag t) const noexcept {
  const frame& f = frames_.back();
  if (f.integration) return true;
  if (f.space == ns::math) {
    const tag ft = f.tag < static_cast<std::uint16_t>(tag::count_) ? static_cast<tag>(f.tag) : tag::unknown;
    if ((ft == tag::mi || ft == tag::mo || ft == tag::mn || ft == tag::ms || ft == tag::mtext) &&
        t != tag::mglyph && t != tag::malignmark)
      return true;
    if (ft == tag::annotation_xml && t == tag::svg) return true;
  }
  return false;
}

bool builder::cdata_allowed() { return in_foreign(); }

// ---- start tags -------------------------------------------------------------------------------------

text_mode builder::on_start_tag(const tag_view& tv) {
  if (!xml_syntax_ || !tv.self_closing) return start_tag(tv);
  const std::uint64_t pushes = pushes_;
  const bool raw_before = skip_raw_ || unpushed_title_;
  const text_mode mode = start_tag(tv);
  if (out_.stopped() || (info(lookup_tag(tv.name)).flags & el_void) != 0) return mode;
  if (pushes_ != pushes && frames_.size() == pushed_size_) {
    pop_top();  // still the top: nothing was opened inside it, and an <svg/> closed itself already
  } else if (!raw_before && (skip_raw_ || unpushed_title_)) {
    on_end_tag(tv);  // a raw-text element past max_depth: its end tag ends the skip
  }
  return text_mode::data;
}

text_mode builder::start_tag(const tag_view& tv) {
  if (++elements_ > max_entries_) {
    out_.fail(error{error_code::limit_exceeded, error::no_offset,
                    "more than limits.max_entries (" + std::to_string(max_entries_) + ") elements"});
    if (tok_ != nullptr) tok_->stop();
    return text_mode::data;
  }
  const tag t = lookup_tag(tv.name);
  const std::uint16_t id = t != tag::unknown ? static_cast<std::uint16_t>(t) : intern(tv.name);
  text_mode mode = text_mode::data;
  // Links side by side with nothing between them are menu items laid out apart by CSS
  // ("<a>Docs</a><a>API</a>"): they get a word boundary so their words do not run together.
  if (after_link_ && t == tag::a && hidden_depth_ == 0) {
    if (tables_.has_target()) tables_.append_space();
    else if (pre_depth_ == 0) out_.space();
  }
  after_link_ = false;
  if (in_foreign() && !html_rules_apply(t)) {
    const bool breakout = is_breakout(t) || (t == tag::font && (tv.find("color") != nullptr ||
                                                                tv.find("face") != nullptr || tv.find("size") != nullptr));
    if (breakout) {
      while (in_foreign() && !html_rules_apply(tag::unknown)) pop_top();
      mode = html_start(t, id, tv);
    } else {
      foreign_start(id, t, tv);
    }
  } else {
    mode = html_start(t, id, tv);
  }
  if (out_.stopped() && tok_ != nullptr) tok_->stop();
  return mode;
}

void builder::foreign_start(std::uint16_t id, tag t, const tag_view& tv) {
  if (tv.self_closing) return;  // acknowledged: an empty foreign element
  const ns space = frames_.back().space;
  bool integration = false;
  if (space == ns::svg) {
    integration = t == tag::foreignobject || t == tag::desc || t == tag::title;
  } else if (t == tag::annotation_xml) {
    if (const std::string_view* enc = tv.find("encoding"))
      integration = iequals(trim(*enc), "text/html") || iequals(trim(*enc), "application/xhtml+xml");
  }
  effect fx = effect::none;
  if (hidden_depth_ == 0 && (t == tag::annotation || t == tag::annotation_xml || hidden_by_attributes(tv)))
    fx = effect::hidden;
  if (push(id, space, fx, span_kind::strong, integration)) open_effect(frames_.back(), t, tv);
}

text_mode builder::html_start(tag t, std::uint16_t id, const tag_view& tv) {
  switch (t) {
    case tag::html: meta_.on_html(tv); return text_mode::data;
    case tag::head: case tag::body: case tag::frameset: case tag::frame:
    case tag::base: case tag::basefont: case tag::bgsound:
      return text_mode::data;
    case tag::meta: meta_.on_meta(tv); return text_mode::data;
    case tag::link: meta_.on_link(tv); return text_mode::data;
    case tag::title:
      if (push(id, ns::html, effect::title)) {
        open_effect(frames_.back(), t, tv);
      } else if (!meta_.has_title()) {
        unpushed_title_ = true;
        title_capture_ = true;
        title_.clear();
      } else {
        skip_raw_ = true;
      }
      return text_mode::rcdata;
    default:
      break;
  }
  const element_info& inf = info(t);

  // Implied end tags.
  if ((inf.flags & el_closes_p) && heading_depth_ > 0 && heading_text_) {
    // "<h2>Title<p>Text": the standard nests the paragraph in the heading; nobody means that, so
    // a block that starts after the heading's text ends the heading.
    std::int32_t k = -1;
    for (std::uint16_t h = static_cast<std::uint16_t>(tag::h1); h <= static_cast<std::uint16_t>(tag::h6); ++h)
      k = std::max(k, top(h));
    if (k >= 0 && k >= boundary_top_[scope_default]) pop_to(k);
  }
  if (inf.flags & el_closes_p) {
    if (const std::int32_t k = in_scope(tag::p, scope_button); k >= 0) pop_to(k);
  }
  switch (t) {
    case tag::h1: case tag::h2: case tag::h3: case tag::h4: case tag::h5: case tag::h6:
      if (!frames_.empty() && frames_.back().space == ns::html && is_heading_id(frames_.back().tag)) pop_top();
      break;
    case tag::li: {
      const std::int32_t k = top(tag::li);
      if (k >= 0 && k > boundary_top_[special_li] && k > top(tag::dd) && k > top(tag::dt)) pop_to(k);
      break;
    }
    case tag::dd: case tag::dt: {
      const std::int32_t k = std::max(top(tag::dd), top(tag::dt));
      if (k >= 0 && k > boundary_top_[special_li] && k > top(tag::li)) pop_to(k);
      break;
    }
    case tag::option:
      if (top_is(tag::option)) pop_top();
      break;
    case tag::optgroup:
      if (top_is(tag::option)) pop_top();
      if (top_is(tag::optgroup)) pop_top();
      break;
    case tag::a: case tag::nobr:
      // Links do not nest: a new one closes the open one.
      if (const std::int32_t k = in_scope(t, scope_default); k >= 0) {
        if (static_cast<std::size_t>(k) + 1 == frames_.size()) pop_top();
        else kill(k);
      }
      break;
    case tag::button:
      if (const std::int32_t k = in_scope(tag::button, scope_default); k >= 0) pop_to(k);
      break;
    case tag::code:
      if (pre_depth_ > 0 && !code_open_ && pre_lang_.empty()) pre_lang_ = code_language(tv);
      break;
    default:
      if (t == tag::table || (inf.flags & el_table_part)) {
        bool handled = false;
        table_start(t, tv, handled);
        if (handled) return text_mode::data;
      }
      break;
  }

  if (inf.flags & el_void) {
    if (hidden_depth_ > 0 || skip_raw_) return text_mode::data;
    switch (t) {
      case tag::br: line_break(); break;
      case tag::hr: rule(); break;
      case tag::img: case tag::image: image(tv); break;
      default: break;
    }
    return text_mode::data;
  }

  span_kind sk = span_kind::strong;
  const effect fx = effect_for(t, tv, sk);
  const ns space = t == tag::svg ? ns::svg : t == tag::math ? ns::math : ns::html;
  if (push(id, space, fx, sk)) {
    open_effect(frames_.back(), t, tv);
    if (space != ns::html && tv.self_closing) pop_top();
  } else if (fx == effect::hidden && inf.mode != text_mode::data) {
    skip_raw_ = true;  // its text runs up to its end tag, which ends the skip
  }
  return space == ns::html ? inf.mode : text_mode::data;
}

void builder::table_start(tag t, const tag_view& tv, bool& handled) {
  handled = true;
  const std::int32_t table_k = in_scope(tag::table, scope_table);
  switch (t) {
    case tag::table:
      // A table straight inside a table (not in a cell or caption) closes it first.
      if (table_k >= 0 && std::max(top(tag::td), top(tag::th)) < table_k && top(tag::caption) < table_k)
        pop_to(table_k);
      handled = false;
      return;
    case tag::caption:
      if (table_k < 0) return;
      pop_to(table_k + 1);
      handled = false;
      return;
    case tag::tbody: case tag::thead: case tag::tfoot:
      if (table_k >= 0) pop_to(table_k + 1);
      return;
    case tag::tr: case tag::td: case tag::th: {
      if (table_k < 0) return;  // outside a table these are ignored
      const bool collecting = frames_[static_cast<std::size_t>(table_k)].fx == effect::table;
      if (t == tag::tr) {
        pop_to(table_k + 1);
      } else {
        const std::int32_t cell_k = std::max(top(tag::td), top(tag::th));
        if (cell_k > table_k) pop_to(cell_k);
        const std::int32_t tr_k = top(tag::tr);
        if (tr_k > table_k) {
          pop_to(tr_k + 1);
        } else {
          pop_to(table_k + 1);
          if (push(static_cast<std::uint16_t>(tag::tr), ns::html, collecting && hidden_depth_ == 0 ? effect::row : effect::none))
            open_effect(frames_.back(), tag::tr, tv);
        }
      }
      effect fx = effect::none;
      if (collecting && hidden_depth_ == 0) {
        if (hidden_by_attributes(tv)) fx = effect::hidden;
        else fx = t == tag::tr ? effect::row : effect::cell;
      }
      if (push(static_cast<std::uint16_t>(t), ns::html, fx)) open_effect(frames_.back(), t, tv);
      return;
    }
    default:  // col, colgroup: nothing to show
      return;
  }
}

builder::effect builder::effect_for(tag t, const tag_view& tv, span_kind& sk) {
  if (hidden_depth_ > 0 || skip_raw_) return effect::none;
  const element_info& inf = info(t);
  if (inf.disp == display::hidden || hidden_by_attributes(tv)) return effect::hidden;
  const bool allowed = structure_allowed();
  switch (t) {
    case tag::b: case tag::strong:
      sk = span_kind::strong;
      return markdown_ ? effect::span : effect::none;
    case tag::i: case tag::em:
      sk = span_kind::emphasis;
      return markdown_ ? effect::span : effect::none;
    case tag::code: case tag::kbd: case tag::samp: case tag::tt:
      sk = span_kind::code;
      return markdown_ ? effect::span : effect::none;
    case tag::s: case tag::strike: case tag::del:
      sk = span_kind::strike;
      return markdown_ ? effect::span : effect::none;
    case tag::a: {
      if (!markdown_) return effect::none;
      const std::string_view* href = tv.find("href");
      if (href == nullptr) return effect::none;
      const std::string_view h = trim(*href);
      if (h.empty() || istarts_with(h, "javascript:")) return effect::none;
      href_ = markdown_url(h);
      sk = span_kind::link;
      return effect::span;
    }
    case tag::h1: case tag::h2: case tag::h3: case tag::h4: case tag::h5: case tag::h6:
      return allowed ? effect::heading : effect::line;
    case tag::ul: case tag::ol: case tag::menu: case tag::dir:
      return allowed ? effect::list : effect::line;
    case tag::li: return allowed ? effect::item : effect::line;
    case tag::blockquote: return allowed ? effect::quote : effect::paragraph;
    case tag::pre: case tag::listing: case tag::xmp: case tag::plaintext:
      return tables_.has_target() ? effect::line : effect::code;
    case tag::dl: return allowed ? effect::dl : effect::line;
    case tag::dt: return allowed ? effect::dt : effect::line;
    case tag::dd: return allowed ? effect::dd : effect::line;
    case tag::table:
      // Each level of nesting copies the text inside it into the enclosing cell: deeper tables
      // are read as text, which keeps the copying linear.
      return tables_.depth() < max_table_nesting ? effect::table : effect::none;
    case tag::button: return effect::space;
    case tag::option: case tag::optgroup: return effect::line;
    case tag::dialog: return tv.find("open") != nullptr ? effect::line : effect::hidden;
    case tag::svg: return effect::hidden;
    default: break;
  }
  switch (inf.disp) {
    case display::line: return effect::line;
    case display::paragraph: return effect::paragraph;
    default: return effect::none;
  }
}

bool builder::hidden_by_attributes(const tag_view& tv) noexcept {
  for (const attribute_view& a : tv.attributes) {
    if (a.name == "hidden") {
      if (!iequals(trim(a.value), "until-found")) return true;
    } else if (a.name == "aria-hidden") {
      if (iequals(trim(a.value), "true")) return true;
    } else if (a.name == "style") {
      if (style_hides(a.value)) return true;
    } else if (a.name == "role") {
      // Navigation menus are page furniture, as <nav> is.
      if (iequals(trim(a.value), "navigation")) return true;
    }
  }
  return false;
}

void builder::open_effect(const frame& f, tag t, const tag_view& tv) {
  switch (f.fx) {
    case effect::none: break;
    case effect::hidden: ++hidden_depth_; break;
    case effect::span:
      if (span_count_[static_cast<std::size_t>(f.span)]++ == 0)
        open_span_kind(f.span, f.span == span_kind::link ? std::string_view(href_) : std::string_view());
      break;
    case effect::heading: {
      int level = 1;
      (void)heading_level(t, level);
      with_spans_closed([&] { out_.begin_heading(level); });
      ++heading_depth_;
      heading_text_ = false;
      item_fresh_ = false;
      break;
    }
    case effect::list: {
      const bool ordered = t == tag::ol;
      const std::int64_t start = ordered ? parse_start(tv.find("start")) : 1;
      with_spans_closed([&] { out_.begin_list(ordered, start); });
      item_fresh_ = false;
      ++nesting_;
      break;
    }
    case effect::item:
      with_spans_closed([&] { out_.begin_item(); });
      item_fresh_ = true;
      ++nesting_;
      break;
    case effect::quote:
      with_spans_closed([&] { out_.begin_quote(); });
      item_fresh_ = false;
      ++nesting_;
      break;
    case effect::code:
      if (++pre_depth_ == 1) {
        suspend_spans();
        pre_fresh_ = true;
        pre_cr_ = false;
        pre_ws_.clear();
        code_open_ = false;
        pre_lang_ = code_language(tv);
      } else {
        pre_newline();
      }
      break;
    case effect::paragraph: boundary_break(true); break;
    case effect::line: boundary_break(false); break;
    case effect::space:
      if (tables_.has_target()) tables_.append_space();
      else if (pre_depth_ == 0) out_.space();
      break;
    case effect::table: tables_.begin_table(); break;
    case effect::row: tables_.begin_row(); break;
    case effect::cell: {
      const std::uint32_t colspan = std::clamp<std::uint32_t>(parse_count(tv.find("colspan"), 1), 1, 1000);
      std::uint32_t rowspan = std::clamp<std::uint32_t>(parse_count(tv.find("rowspan"), 1), 0, 65534);
      if (rowspan == 0) rowspan = 1;
      tables_.begin_cell(colspan, rowspan);
      break;
    }
    case effect::title:
      ++hidden_depth_;
      title_capture_ = !meta_.has_title();
      title_.clear();
      break;
    case effect::dl:
      boundary_break(true);
      dl_last_ = 0;
      break;
    case effect::dt:
      if (dl_last_ == 1) line_break();
      else boundary_break(true);
      dl_last_ = 1;
      if (markdown_ && span_count_[static_cast<std::size_t>(span_kind::strong)]++ == 0)
        open_span_kind(span_kind::strong, {});
      break;
    case effect::dd:
      if (dl_last_ == 0) boundary_break(true);
      else line_break();
      dl_last_ = 2;
      break;
  }
}

void builder::close_effect(const frame& f) {
  switch (f.fx) {
    case effect::none: break;
    case effect::hidden: --hidden_depth_; break;
    case effect::span:
      if (--span_count_[static_cast<std::size_t>(f.span)] == 0) close_span_kind(f.span);
      break;
    case effect::heading:
      --heading_depth_;
      with_spans_closed([&] { out_.end_heading(); });
      break;
    case effect::list:
      --nesting_;
      with_spans_closed([&] { out_.end_list(); });
      break;
    case effect::item:
      --nesting_;
      with_spans_closed([&] { out_.end_item(); });
      item_fresh_ = false;
      break;
    case effect::quote:
      --nesting_;
      with_spans_closed([&] { out_.end_quote(); });
      break;
    case effect::code:
      if (--pre_depth_ == 0) {
        if (code_open_) out_.end_code_block();
        code_open_ = false;
        pre_ws_.clear();
        resume_spans();
      }
      break;
    case effect::paragraph: boundary_break(true); break;
    case effect::line: boundary_break(false); break;
    case effect::space:
      if (tables_.has_target()) tables_.append_space();
      else if (pre_depth_ == 0) out_.space();
      break;
    case effect::table: finish_table(); break;
    case effect::row: tables_.end_row(); break;
    case effect::cell: tables_.end_cell(); break;
    case effect::title:
      --hidden_depth_;
      if (title_capture_) meta_.set_title(title_);
      title_capture_ = false;
      break;
    case effect::dl: boundary_break(true); break;
    case effect::dt:
      if (markdown_ && --span_count_[static_cast<std::size_t>(span_kind::strong)] == 0)
        close_span_kind(span_kind::strong);
      break;
    case effect::dd: break;
  }
}

// ---- end tags ---------------------------------------------------------------------------------------

void builder::on_end_tag(const tag_view& tv) {
  after_link_ = tv.name == "a";
  if (skip_raw_) {
    skip_raw_ = false;
    return;
  }
  if (unpushed_title_) {
    unpushed_title_ = false;
    if (title_capture_) meta_.set_title(title_);
    title_capture_ = false;
    return;
  }
  const tag t = lookup_tag(tv.name);
  const std::uint16_t id = t != tag::unknown ? static_cast<std::uint16_t>(t) : find_interned(tv.name);
  if (id == 0 || frames_.empty()) {
    if (t == tag::p && hidden_depth_ == 0) boundary_break(true);
    else if (t == tag::br && hidden_depth_ == 0) line_break();
    return;
  }
  if (frames_.back().tag == id) {
    pop_top();
    return;
  }
  if (in_foreign()) {
    const std::int32_t k = top(id);
    if (k >= 0 && k > boundary_top_[html_namespace]) {
      pop_to(k);
      return;
    }
  }
  switch (t) {
    case tag::html: case tag::body: case tag::head:
      return;
    case tag::p:
      if (const std::int32_t k = in_scope(tag::p, scope_button); k >= 0) pop_to(k);
      else if (hidden_depth_ == 0) boundary_break(true);  // "</p>" alone makes an empty paragraph
      return;
    case tag::br:
      if (hidden_depth_ == 0) line_break();
      return;
    case tag::li:
      pop_to(in_scope(tag::li, scope_list_item));
      return;
    case tag::dd: case tag::dt:
      pop_to(in_scope(t, scope_default));
      return;
    case tag::h1: case tag::h2: case tag::h3: case tag::h4: case tag::h5: case tag::h6: {
      std::int32_t k = -1;
      for (std::uint16_t h = static_cast<std::uint16_t>(tag::h1); h <= static_cast<std::uint16_t>(tag::h6); ++h)
        k = std::max(k, top(h));
      if (k >= 0 && k >= boundary_top_[scope_default]) pop_to(k);
      return;
    }
    case tag::table: case tag::tr: case tag::td: case tag::th: case tag::caption:
      pop_to(in_scope(t, scope_table));
      return;
    case tag::tbody: case tag::thead: case tag::tfoot:
      if (const std::int32_t k = in_scope(tag::table, scope_table); k >= 0) pop_to(k + 1);
      return;
    default:
      break;
  }
  const std::uint32_t flags = info(t).flags;
  if (flags & el_formatting) {
    const std::int32_t k = in_scope(t, scope_default);
    if (k < 0) return;
    if (static_cast<std::size_t>(k) + 1 == frames_.size()) pop_top();
    else kill(k);  // misnested: close it alone, the elements opened inside it stay open
  } else if (flags & el_block_end) {
    pop_to(in_scope(t, scope_default));
  } else {
    const std::int32_t k = top(id);
    if (k >= 0 && k >= boundary_top_[special_any]) pop_to(k);
  }
}

// ---- text -------------------------------------------------------------------------------------------

void builder::on_text(std::string_view s) {
  if (title_capture_) {
    if (title_.size() < max_title_bytes) {
      const std::size_t room = max_title_bytes - title_.size();
      title_.append(s.substr(0, room < s.size() ? utf8_boundary(s, room) : s.size()));
    }
    return;
  }
  after_link_ = false;
  if (skip_raw_ || hidden_depth_ > 0) return;
  // Whitespace between tags (indentation) is the most common text of all: one space at most.
  if (skip_space(s.data(), s.data() + s.size()) == s.data() + s.size() && pre_depth_ == 0) {
    if (tables_.has_target()) tables_.append_space();
    else out_.space();
    return;
  }
  if (tables_.has_target()) {
    tables_.append_text(s);
    return;
  }
  if (pre_depth_ > 0) pre_text(s);
  else write_text(s);
  if (out_.stopped() && tok_ != nullptr) tok_->stop();
}

void builder::write_text(std::string_view s) {
  out_.text_collapsed(s);
  if (item_fresh_ || heading_depth_ > 0) {
    // Called with text that is not all whitespace (on_text filters that out).
    item_fresh_ = false;
    heading_text_ = heading_depth_ > 0;
  }
}

void builder::boundary_break(bool paragraph) {
  if (hidden_depth_ > 0) return;
  if (tables_.has_target()) {
    tables_.append_space();
    return;
  }
  if (pre_depth_ > 0) {
    pre_newline();
    return;
  }
  if (heading_depth_ > 0) {
    out_.space();
    return;
  }
  if (item_fresh_) return;  // the first block of a list item shares the marker's line
  with_spans_closed([&] {
    if (paragraph) out_.paragraph();
    else out_.new_line();
  });
}

void builder::line_break() {
  if (tables_.has_target()) {
    tables_.append_space();
  } else if (pre_depth_ > 0) {
    pre_ws_ += '\n';
  } else if (heading_depth_ > 0) {
    out_.space();
  } else {
    out_.line_break();
  }
}

void builder::rule() {
  if (tables_.has_target()) {
    tables_.append_space();
  } else if (pre_depth_ > 0) {
    pre_newline();
  } else {
    with_spans_closed([&] { out_.rule(); });
    item_fresh_ = false;
  }
}

void builder::image(const tag_view& tv) {
  const std::string_view* alt = tv.find("alt");
  const std::string_view* src = tv.find("src");
  // Lazy-loading pages put a placeholder in src and the real address in data-src.
  if (src == nullptr || trim(*src).empty() || istarts_with(trim(*src), "data:")) {
    if (const std::string_view* lazy = tv.find("data-src"); lazy != nullptr && !trim(*lazy).empty()) src = lazy;
  }
  const bool has_alt = alt != nullptr && !trim(*alt).empty();
  if (tables_.has_target()) {
    if (has_alt) {
      tables_.append_space();
      tables_.append_text(*alt);
      tables_.append_space();
    }
    return;
  }
  if (pre_depth_ > 0) {
    if (has_alt) pre_text(*alt);
    return;
  }
  const bool usable_src = src != nullptr && !trim(*src).empty() && !istarts_with(trim(*src), "data:");
  // alt="" marks a decorative image; no alt at all still shows the image in Markdown.
  if (markdown_ && usable_src && (alt == nullptr || has_alt)) {
    out_.image(alt != nullptr ? collapse_whitespace(*alt) : std::string(), markdown_url(*src));
    item_fresh_ = false;
  } else if (has_alt) {
    out_.space();
    write_text(*alt);
    out_.space();
  }
}

void builder::finish_table() {
  table_rows rows = tables_.end_table();
  if (tables_.budget_exhausted() && !table_warned_) {
    table_warned_ = true;
    out_.warn("table_spans", "colspan/rowspan padding exceeded its budget; some cells are not aligned");
  }
  std::size_t cols = 0;
  bool any = false;
  for (const auto& r : rows) {
    cols = std::max(cols, r.size());
    for (const auto& c : r) any = any || !c.empty();
  }
  if (!any || hidden_depth_ > 0) return;
  const bool nested = tables_.has_target();
  if (rows.size() == 1 && cols == 1) {
    // A one-cell table is a layout box, not data: its text is a paragraph.
    if (nested) {
      tables_.append_space();
      tables_.append_text(rows[0][0]);
      tables_.append_space();
    } else {
      boundary_break(true);
      write_text(rows[0][0]);
      boundary_break(true);
    }
    return;
  }
  if (nested) {
    // The inner table's text belongs to the outer cell; the table itself is reported as well.
    for (const auto& r : rows) {
      for (const auto& c : r) {
        if (c.empty()) continue;
        tables_.append_space();
        tables_.append_text(c);
      }
    }
    tables_.append_space();
    out_.add_table(std::move(rows), false);
    return;
  }
  if (static_cast<std::uint64_t>(rows.size()) * cols > max_table_slots) {
    // Too large to lay out as a grid: rows become lines.
    out_.warn("table_too_large", "a table of " + std::to_string(rows.size()) + " rows and " + std::to_string(cols) +
                                     " columns was written as lines of text");
    boundary_break(true);
    for (const auto& r : rows) {
      for (const auto& c : r) {
        out_.space();
        write_text(c);
      }
      boundary_break(false);
    }
    boundary_break(true);
    return;
  }
  with_spans_closed([&] { out_.add_table(std::move(rows)); });
  item_fresh_ = false;
}

// ---- Markdown spans -----------------------------------------------------------------------------------

template <class F>
void builder::with_spans_closed(F&& f) {
  // Spans end before a block boundary and begin again after it, so Markdown emphasis and links
  // never run across paragraphs, list items or tables.
  if (spans_.empty() || pre_depth_ > 0) {
    f();
    return;
  }
  suspend_spans();
  f();
  resume_spans();
}

void builder::open_span_kind(span_kind k, std::string_view href) {
  spans_.push_back({k, std::string(href)});
  if (pre_depth_ == 0) out_.begin_span(k, href);
}

void builder::close_span_kind(span_kind k) {
  std::size_t i = spans_.size();
  while (i > 0 && spans_[i - 1].kind != k) --i;
  if (i == 0) return;
  --i;
  if (pre_depth_ == 0) {
    out_.end_span(k);  // also ends the spans opened inside it, which begin again right away
    for (std::size_t j = i + 1; j < spans_.size(); ++j) out_.begin_span(spans_[j].kind, spans_[j].href);
  }
  spans_.erase(spans_.begin() + static_cast<std::ptrdiff_t>(i));
}

void builder::suspend_spans() {
  if (!spans_.empty()) out_.end_span(spans_.front().kind);
}

void builder::resume_spans() {
  for (const open_span& s : spans_) out_.begin_span(s.kind, s.href);
}

// ---- <pre> ------------------------------------------------------------------------------------------

void builder::ensure_code_block() {
  if (code_open_) return;
  code_open_ = true;
  out_.begin_code_block(pre_lang_);
  item_fresh_ = false;
}

void builder::pre_newline() {
  if (pre_fresh_) return;
  if (pre_ws_.empty() || pre_ws_.back() != '\n') pre_ws_ += '\n';
}

void builder::pre_text(std::string_view s) {
  // CR LF and lone CR are line ends (a CR ending one piece may pair with a LF starting the next).
  if (pre_cr_ || s.find('\r') != std::string_view::npos) {
    scratch_.clear();
    std::size_t i = 0;
    if (pre_cr_ && !s.empty() && s[0] == '\n') i = 1;
    pre_cr_ = false;
    for (; i < s.size(); ++i) {
      if (s[i] != '\r') {
        scratch_ += s[i];
        continue;
      }
      scratch_ += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      else if (i + 1 == s.size()) pre_cr_ = true;
    }
    s = scratch_;
  }
  if (s.empty()) return;
  // Trailing whitespace waits in pre_ws_: it is written only if more text follows in the block.
  const std::size_t last = s.find_last_not_of(" \t\n\f");
  if (last == std::string_view::npos) {
    pre_ws_.append(s);
    return;
  }
  std::string_view head = s.substr(0, last + 1);
  const std::string_view tail = s.substr(last + 1);
  ensure_code_block();
  if (pre_fresh_) {
    // Leading blank lines go (the standard drops the first newline after <pre>; authors' source
    // formatting accounts for the rest); the indentation of the first real line stays.
    pre_fresh_ = false;
    const std::size_t first = head.find_first_not_of(" \t\n\f");
    const std::size_t nl = head.substr(0, first).rfind('\n');
    if (nl != std::string_view::npos) {
      pre_ws_.clear();
      head.remove_prefix(nl + 1);
    } else if (const std::size_t nl2 = pre_ws_.rfind('\n'); nl2 != std::string::npos) {
      pre_ws_.erase(0, nl2 + 1);
    }
  }
  if (!pre_ws_.empty()) {
    out_.text(pre_ws_);
    pre_ws_.clear();
  }
  out_.text(head);
  pre_ws_.assign(tail);
}

// ---- the end ------------------------------------------------------------------------------------------

void builder::finish(std::string_view charset) {
  while (!frames_.empty()) pop_top();
  if (title_capture_) meta_.set_title(title_);
  title_capture_ = false;
  meta_.emit(out_, charset);
}

void builder::finish_embedded() {
  while (!frames_.empty()) pop_top();
  title_capture_ = false;
}

}  // namespace quarry::detail::html
