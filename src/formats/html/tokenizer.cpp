#include "formats/html/tokenizer.hpp"

#include <cstring>

#include "core/entities.hpp"
#include "core/utf8.hpp"
#include "formats/html/scan.hpp"

namespace quarry::detail::html {

namespace {

// Character data longer than this is handed over in pieces (cut at UTF-8 boundaries, at positions
// that depend only on the text), so a megabyte of text without tags is never buffered whole.
constexpr std::size_t text_cap = 64 * 1024;
// Attributes kept per tag; later ones are tokenized and dropped (keeps duplicate checks bounded).
constexpr std::size_t max_attributes = 256;
// The longest named character reference, ";" included ("CounterClockwiseContourIntegral;").
constexpr std::size_t max_ref_name = 32;
constexpr std::string_view replacement = "\xEF\xBF\xBD";

using st = tokenizer::state;

bool is_ws(char c) noexcept { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }
bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alnum(int c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

st state_for(text_mode m) noexcept {
  switch (m) {
    case text_mode::rcdata: return st::rcdata;
    case text_mode::rawtext: return st::rawtext;
    case text_mode::script_data: return st::script_data;
    case text_mode::plaintext: return st::plaintext;
    case text_mode::data: break;
  }
  return st::data;
}

}  // namespace

tokenizer::tokenizer(token_sink& sink, bool keep_comments) : sink_(sink), keep_comments_(keep_comments) {}

// ---- character data -------------------------------------------------------------------------------

void tokenizer::emit_text(const char* s, std::size_t n) {
  if (n == 0) return;
  if (!text_in_buf_) {
    if (text_len_ == 0) {
      text_ptr_ = s;
      text_len_ = n;
    } else if (text_ptr_ + text_len_ == s) {
      text_len_ += n;
    } else {
      text_buf_.assign(text_ptr_, text_len_);
      text_buf_.append(s, n);
      text_in_buf_ = true;
      text_len_ = 0;
    }
    if (text_len_ >= text_cap + 4) cut_long_text();
  } else {
    text_buf_.append(s, n);
    if (text_buf_.size() >= text_cap + 4) cut_long_text();
  }
}

void tokenizer::emit_copy(std::string_view s) {
  if (s.empty()) return;
  if (!text_in_buf_) {
    text_buf_.clear();
    if (text_len_ != 0) text_buf_.append(text_ptr_, text_len_);
    text_in_buf_ = true;
    text_len_ = 0;
  }
  text_buf_.append(s);
  if (text_buf_.size() >= text_cap + 4) cut_long_text();
}

void tokenizer::cut_long_text() {
  // At least 4 bytes beyond a cut are present, so a sequence crossing it is always complete and
  // the cut lands where it would with any other split of the input. The cut text is dropped
  // from the buffer once, at the end (not per piece, which would be quadratic).
  const std::string_view pending = text_in_buf_ ? std::string_view(text_buf_) : std::string_view(text_ptr_, text_len_);
  std::size_t off = 0;
  while (pending.size() - off >= text_cap + 4) {
    std::size_t n = utf8_boundary(pending.substr(off), text_cap);
    if (n == 0) n = text_cap;
    sink_.on_text(pending.substr(off, n));
    off += n;
  }
  if (text_in_buf_) {
    text_buf_.erase(0, off);
  } else {
    text_ptr_ += off;
    text_len_ -= off;
  }
}

void tokenizer::flush_text() {
  if (text_in_buf_) {
    text_in_buf_ = false;
    if (!text_buf_.empty()) sink_.on_text(text_buf_);
    text_buf_.clear();
  } else if (text_len_ != 0) {
    const std::size_t n = text_len_;
    text_len_ = 0;
    sink_.on_text(std::string_view(text_ptr_, n));
  }
}

// ---- tags ---------------------------------------------------------------------------------------

void tokenizer::start_tag_token(bool end) {
  tag_is_end_ = end;
  self_closing_ = false;
  attr_open_ = false;
  tag_name_.clear();
  attr_data_.clear();
  attrs_.clear();
}

void tokenizer::start_attribute() {
  finish_attribute();
  attr_open_ = true;
  attr_dropped_ = attrs_.size() >= max_attributes;
  const auto at = static_cast<std::uint32_t>(attr_data_.size());
  attrs_.push_back({at, UINT32_MAX, at});
}

void tokenizer::finish_attribute() {
  if (!attr_open_) return;
  attr_open_ = false;
  attr_pos& a = attrs_.back();
  if (a.name_end == UINT32_MAX) a.name_end = static_cast<std::uint32_t>(attr_data_.size());
  a.value_end = static_cast<std::uint32_t>(attr_data_.size());
  if (attr_dropped_) {
    attr_data_.resize(a.name_begin);
    attrs_.pop_back();
  }
}

void tokenizer::append_attr_value(const char* s, std::size_t n) {
  if (!attr_dropped_) attr_data_.append(s, n);
}

void tokenizer::emit_tag() {
  finish_attribute();
  flush_text();
  views_.clear();
  const std::string_view data = attr_data_;
  for (const attr_pos& a : attrs_) {
    views_.push_back({data.substr(a.name_begin, a.name_end - a.name_begin),
                      data.substr(a.name_end, a.value_end - a.name_end)});
  }
  const tag_view t{tag_name_, views_, self_closing_};
  if (tag_is_end_) {
    state_ = st::data;
    sink_.on_end_tag(t);
  } else {
    last_start_tag_ = tag_name_;
    state_ = state_for(sink_.on_start_tag(t));
  }
}

void tokenizer::raw_end_tag_failed() {
  // "</" and the letters after it were consumed just before; they become text again.
  emit_copy("</");
  emit_copy(temp_);
  state_ = raw_state_;
}

// ---- comments and doctypes --------------------------------------------------------------------------

void tokenizer::emit_comment() {
  flush_text();
  state_ = st::data;
  sink_.on_comment(comment_);
  comment_.clear();
}

void tokenizer::emit_doctype() {
  flush_text();
  state_ = st::data;
  sink_.on_doctype(temp_);
  temp_.clear();
}

// ---- character references -----------------------------------------------------------------------------

void tokenizer::ref_output(std::string_view s) {
  if (ref_in_attribute()) append_attr_value(s.data(), s.size());
  else emit_copy(s);
}

void tokenizer::ref_output_code_point(char32_t cp) {
  std::string tmp;
  append_utf8(cp, tmp);
  ref_output(tmp);
}

void tokenizer::resolve_named_ref(int next) {
  char32_t first = 0, second = 0;
  const std::size_t len = match_named_reference(ref_, first, second);
  state_ = return_state_;
  if (len == 0) {
    ref_output("&");
    ref_output(ref_);
    return;
  }
  if (ref_[len - 1] != ';' && ref_in_attribute()) {
    // Legacy names without ';' stay literal in attribute values when followed by '=' or an
    // alphanumeric ("?a=1&copy=2" is a URL, not a copyright sign).
    const int after = len < ref_.size() ? static_cast<unsigned char>(ref_[len]) : next;
    if (after == '=' || is_alnum(after)) {
      ref_output("&");
      ref_output(ref_);
      return;
    }
  }
  ref_output_code_point(first);
  if (second != 0) ref_output_code_point(second);
  ref_output(std::string_view(ref_).substr(len));
}

void tokenizer::resolve_numeric_ref() {
  state_ = return_state_;
  ref_output_code_point(numeric_reference_value(ref_code_));
}

// ---- the state machine ------------------------------------------------------------------------------

void tokenizer::feed(std::string_view chunk) {
  if (stopped_ || chunk.empty()) return;
  chunk_begin_ = chunk.data();
  run(chunk.data(), chunk.data() + chunk.size());
  // The chunk goes away: pending text that still points into it is copied.
  if (!text_in_buf_ && text_len_ != 0) {
    text_buf_.assign(text_ptr_, text_len_);
    text_in_buf_ = true;
    text_len_ = 0;
  }
  chunk_begin_ = nullptr;
}

void tokenizer::run(const char* p, const char* const end) {
  // Emits the `n` bytes consumed just before p (they equal `lit`) as text, as a view when they are
  // in this chunk.
  auto emit_consumed = [&](std::string_view lit) {
    if (static_cast<std::size_t>(p - chunk_begin_) >= lit.size()) emit_text(p - lit.size(), lit.size());
    else emit_copy(lit);
  };
  auto emit_here = [&]() {  // emits *p as text and consumes it
    emit_text(p, 1);
    ++p;
  };
  auto comment_append = [&](const char* s, std::size_t n) {
    if (keep_comments_) comment_.append(s, n);
  };

  while (p < end && !stopped_) {
    switch (state_) {
      // ---- text states ----
      case st::data: {
        const char* q = find_any<'<', '&', '\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char c = *p++;
        if (c == '<') {
          state_ = st::tag_open;
        } else if (c == '&') {
          return_state_ = st::data;
          state_ = st::char_ref;
        }  // NUL: dropped
        break;
      }
      case st::rcdata: {
        const char* q = find_any<'<', '&', '\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char c = *p++;
        if (c == '<') {
          raw_state_ = st::rcdata;
          state_ = st::raw_lt;
        } else if (c == '&') {
          return_state_ = st::rcdata;
          state_ = st::char_ref;
        } else {
          emit_copy(replacement);
        }
        break;
      }
      case st::rawtext: {
        const char* q = find_any<'<', '\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        if (*p++ == '<') {
          raw_state_ = st::rawtext;
          state_ = st::raw_lt;
        } else {
          emit_copy(replacement);
        }
        break;
      }
      case st::script_data: {
        const char* q = find_any<'<', '\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        if (*p++ == '<') state_ = st::script_lt;
        else emit_copy(replacement);
        break;
      }
      case st::plaintext: {
        const char* q = find_any<'\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        ++p;
        emit_copy(replacement);
        break;
      }

      // ---- tags ----
      case st::tag_open: {
        const char c = *p;
        if (c == '!') {
          ++p;
          temp_.clear();
          state_ = st::markup_declaration_open;
        } else if (c == '/') {
          ++p;
          state_ = st::end_tag_open;
        } else if (is_alpha(c)) {
          start_tag_token(false);
          state_ = st::tag_name;
        } else if (c == '?') {
          comment_.clear();
          state_ = st::bogus_comment;
        } else {
          emit_consumed("<");
          state_ = st::data;
        }
        break;
      }
      case st::end_tag_open: {
        const char c = *p;
        if (is_alpha(c)) {
          start_tag_token(true);
          state_ = st::tag_name;
        } else if (c == '>') {
          ++p;
          state_ = st::data;
        } else {
          comment_.clear();
          state_ = st::bogus_comment;
        }
        break;
      }
      case st::tag_name: {
        while (p < end) {
          // The run of ordinary name characters is appended at once, lower-cased in place.
          const char* q = p;
          while (q < end && static_cast<unsigned char>(*q) > ' ' && *q != '/' && *q != '>') ++q;
          if (q != p) {
            const std::size_t at = tag_name_.size();
            tag_name_.append(p, static_cast<std::size_t>(q - p));
            for (std::size_t k = at; k < tag_name_.size(); ++k) tag_name_[k] = lower(tag_name_[k]);
            p = q;
            if (p == end) break;
          }
          const char c = *p;
          if (is_ws(c)) {
            ++p;
            state_ = st::before_attr_name;
            break;
          }
          if (c == '/') {
            ++p;
            state_ = st::self_closing_start_tag;
            break;
          }
          if (c == '>') {
            ++p;
            emit_tag();
            break;
          }
          ++p;
          if (c == '\0') tag_name_ += replacement;
          else tag_name_ += lower(c);
        }
        break;
      }

      // ---- RCDATA, RAWTEXT and script end tags ----
      case st::raw_lt: {
        if (*p == '/') {
          ++p;
          temp_.clear();
          state_ = st::raw_end_tag_open;
        } else {
          emit_consumed("<");
          state_ = raw_state_;
        }
        break;
      }
      case st::raw_end_tag_open: {
        if (is_alpha(*p)) {
          start_tag_token(true);
          state_ = st::raw_end_tag_name;
        } else {
          emit_consumed("</");
          state_ = raw_state_;
        }
        break;
      }
      case st::raw_end_tag_name: {
        const char c = *p;
        if (is_ws(c) || c == '/' || c == '>') {
          if (!appropriate_end_tag()) {
            raw_end_tag_failed();
            break;
          }
          ++p;
          if (c == '>') emit_tag();
          else state_ = c == '/' ? st::self_closing_start_tag : st::before_attr_name;
        } else if (is_alpha(c)) {
          ++p;
          tag_name_ += lower(c);
          temp_ += c;
          if (tag_name_.size() > last_start_tag_.size()) raw_end_tag_failed();
        } else {
          raw_end_tag_failed();
        }
        break;
      }

      // ---- script data escapes ----
      case st::script_lt: {
        const char c = *p;
        if (c == '/') {
          ++p;
          temp_.clear();
          raw_state_ = st::script_data;
          state_ = st::raw_end_tag_open;
        } else if (c == '!') {
          ++p;
          emit_consumed("<!");
          state_ = st::script_escape_start;
        } else {
          emit_consumed("<");
          state_ = st::script_data;
        }
        break;
      }
      case st::script_escape_start:
        if (*p == '-') {
          emit_here();
          state_ = st::script_escape_start_dash;
        } else {
          state_ = st::script_data;
        }
        break;
      case st::script_escape_start_dash:
        if (*p == '-') {
          emit_here();
          state_ = st::script_escaped_dash_dash;
        } else {
          state_ = st::script_data;
        }
        break;
      case st::script_escaped: {
        const char* q = find_any<'-', '<', '\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char c = *p;
        if (c == '-') {
          emit_here();
          state_ = st::script_escaped_dash;
        } else if (c == '<') {
          ++p;
          state_ = st::script_escaped_lt;
        } else {
          ++p;
          emit_copy(replacement);
        }
        break;
      }
      case st::script_escaped_dash:
      case st::script_escaped_dash_dash: {
        const char c = *p;
        if (c == '-') {
          emit_here();
          state_ = st::script_escaped_dash_dash;
        } else if (c == '<') {
          ++p;
          state_ = st::script_escaped_lt;
        } else if (c == '>' && state_ == st::script_escaped_dash_dash) {
          emit_here();
          state_ = st::script_data;
        } else if (c == '\0') {
          ++p;
          emit_copy(replacement);
          state_ = st::script_escaped;
        } else {
          emit_here();
          state_ = st::script_escaped;
        }
        break;
      }
      case st::script_escaped_lt: {
        const char c = *p;
        if (c == '/') {
          ++p;
          temp_.clear();
          raw_state_ = st::script_escaped;
          state_ = st::raw_end_tag_open;
        } else if (is_alpha(c)) {
          temp_.clear();
          emit_consumed("<");
          state_ = st::script_double_escape_start;
        } else {
          emit_consumed("<");
          state_ = st::script_escaped;
        }
        break;
      }
      case st::script_double_escape_start:
      case st::script_double_escape_end: {
        const char c = *p;
        const bool start = state_ == st::script_double_escape_start;
        if (is_ws(c) || c == '/' || c == '>') {
          const bool is_script = temp_ == "script";
          emit_here();
          if (start) state_ = is_script ? st::script_double_escaped : st::script_escaped;
          else state_ = is_script ? st::script_escaped : st::script_double_escaped;
        } else if (is_alpha(c)) {
          if (temp_.size() < 7) temp_ += lower(c);  // only "script" matters
          emit_here();
        } else {
          state_ = start ? st::script_escaped : st::script_double_escaped;
        }
        break;
      }
      case st::script_double_escaped: {
        const char* q = find_any<'-', '<', '\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char c = *p;
        if (c == '-') {
          emit_here();
          state_ = st::script_double_escaped_dash;
        } else if (c == '<') {
          emit_here();
          state_ = st::script_double_escaped_lt;
        } else {
          ++p;
          emit_copy(replacement);
        }
        break;
      }
      case st::script_double_escaped_dash:
      case st::script_double_escaped_dash_dash: {
        const char c = *p;
        if (c == '-') {
          emit_here();
          state_ = st::script_double_escaped_dash_dash;
        } else if (c == '<') {
          emit_here();
          state_ = st::script_double_escaped_lt;
        } else if (c == '>' && state_ == st::script_double_escaped_dash_dash) {
          emit_here();
          state_ = st::script_data;
        } else if (c == '\0') {
          ++p;
          emit_copy(replacement);
          state_ = st::script_double_escaped;
        } else {
          emit_here();
          state_ = st::script_double_escaped;
        }
        break;
      }
      case st::script_double_escaped_lt:
        if (*p == '/') {
          temp_.clear();
          emit_here();
          state_ = st::script_double_escape_end;
        } else {
          state_ = st::script_double_escaped;
        }
        break;

      // ---- attributes ----
      case st::before_attr_name: {
        p = skip_space(p, end);
        if (p == end) break;
        const char c = *p;
        if (c == '/' || c == '>') {
          state_ = st::after_attr_name;
        } else {
          start_attribute();
          if (c == '=') {
            ++p;
            if (!attr_dropped_) attr_data_ += '=';
          }
          state_ = st::attr_name;
        }
        break;
      }
      case st::attr_name: {
        while (p < end) {
          const char* q = p;
          while (q < end && static_cast<unsigned char>(*q) > ' ' && *q != '/' && *q != '>' && *q != '=') ++q;
          if (q != p) {
            if (!attr_dropped_) {
              const std::size_t at = attr_data_.size();
              attr_data_.append(p, static_cast<std::size_t>(q - p));
              for (std::size_t k = at; k < attr_data_.size(); ++k) attr_data_[k] = lower(attr_data_[k]);
            }
            p = q;
            if (p == end) break;
          }
          const char c = *p;
          if (is_ws(c) || c == '/' || c == '>' || c == '=') {
            // Leaving the name: a name seen before on this tag makes the attribute a duplicate.
            attr_pos& a = attrs_.back();
            a.name_end = static_cast<std::uint32_t>(attr_data_.size());
            if (!attr_dropped_) {
              const std::string_view name(attr_data_.data() + a.name_begin, a.name_end - a.name_begin);
              for (std::size_t k = 0; k + 1 < attrs_.size(); ++k) {
                const attr_pos& o = attrs_[k];
                if (std::string_view(attr_data_.data() + o.name_begin, o.name_end - o.name_begin) == name) {
                  attr_dropped_ = true;
                  break;
                }
              }
            }
            if (c == '=') {
              ++p;
              state_ = st::before_attr_value;
            } else {
              state_ = st::after_attr_name;
            }
            break;
          }
          ++p;
          if (!attr_dropped_) {
            if (c == '\0') attr_data_ += replacement;
            else attr_data_ += lower(c);
          }
        }
        break;
      }
      case st::after_attr_name: {
        p = skip_space(p, end);
        if (p == end) break;
        const char c = *p;
        if (c == '/') {
          ++p;
          state_ = st::self_closing_start_tag;
        } else if (c == '=') {
          ++p;
          state_ = st::before_attr_value;
        } else if (c == '>') {
          ++p;
          emit_tag();
        } else {
          start_attribute();
          state_ = st::attr_name;
        }
        break;
      }
      case st::before_attr_value: {
        p = skip_space(p, end);
        if (p == end) break;
        const char c = *p;
        if (c == '"') {
          ++p;
          state_ = st::attr_value_dq;
        } else if (c == '\'') {
          ++p;
          state_ = st::attr_value_sq;
        } else if (c == '>') {
          ++p;
          emit_tag();
        } else {
          state_ = st::attr_value_unquoted;
        }
        break;
      }
      case st::attr_value_dq:
      case st::attr_value_sq: {
        const bool dq = state_ == st::attr_value_dq;
        const char* q = dq ? find_any<'"', '&', '\0'>(p, end) : find_any<'\'', '&', '\0'>(p, end);
        append_attr_value(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char c = *p++;
        if (c == '&') {
          return_state_ = state_;
          state_ = st::char_ref;
        } else if (c == '\0') {
          append_attr_value(replacement.data(), replacement.size());
        } else {
          state_ = st::after_attr_value_quoted;
        }
        break;
      }
      case st::attr_value_unquoted: {
        while (p < end) {
          const char c = *p;
          if (is_ws(c)) {
            ++p;
            state_ = st::before_attr_name;
            break;
          }
          if (c == '&') {
            ++p;
            return_state_ = st::attr_value_unquoted;
            state_ = st::char_ref;
            break;
          }
          if (c == '>') {
            ++p;
            emit_tag();
            break;
          }
          ++p;
          if (c == '\0') append_attr_value(replacement.data(), replacement.size());
          else append_attr_value(&c, 1);
        }
        break;
      }
      case st::after_attr_value_quoted: {
        const char c = *p;
        if (is_ws(c)) {
          p = skip_space(p, end);
          state_ = st::before_attr_name;
        } else if (c == '/') {
          ++p;
          state_ = st::self_closing_start_tag;
        } else if (c == '>') {
          ++p;
          emit_tag();
        } else {
          state_ = st::before_attr_name;
        }
        break;
      }
      case st::self_closing_start_tag:
        if (*p == '>') {
          ++p;
          self_closing_ = true;
          emit_tag();
        } else {
          state_ = st::before_attr_name;
        }
        break;

      // ---- markup declarations, comments ----
      case st::markup_declaration_open: {
        // Collects up to 7 characters while they can still begin "--", "DOCTYPE" or "[CDATA[".
        const char c = *p;
        const std::size_t n = temp_.size();
        static constexpr std::string_view doctype = "doctype", cdata_open = "[CDATA[";
        bool dash = n < 2 && c == '-';
        bool dt = n < 7 && lower(c) == doctype[n];
        bool cd = n < 7 && c == cdata_open[n];
        for (std::size_t k = 0; k < n && (dash || dt || cd); ++k) {
          dash = dash && temp_[k] == '-';
          dt = dt && lower(temp_[k]) == doctype[k];
          cd = cd && temp_[k] == cdata_open[k];
        }
        if (!dash && !dt && !cd) {
          comment_.clear();
          comment_append(temp_.data(), temp_.size());
          temp_.clear();
          state_ = st::bogus_comment;
          break;
        }
        ++p;
        temp_ += c;
        if (dash && temp_.size() == 2) {
          temp_.clear();
          comment_.clear();
          state_ = st::comment_start;
        } else if (dt && temp_.size() == 7) {
          temp_.clear();
          state_ = st::doctype;
        } else if (cd && temp_.size() == 7) {
          temp_.clear();
          if (sink_.cdata_allowed()) {
            state_ = st::cdata;
          } else {
            comment_.clear();
            comment_append(cdata_open.data(), cdata_open.size());
            state_ = st::bogus_comment;
          }
        }
        break;
      }
      case st::bogus_comment: {
        const char* q = find_any<'>', '\0'>(p, end);
        comment_append(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        if (*p++ == '>') emit_comment();
        else comment_append(replacement.data(), replacement.size());
        break;
      }
      case st::comment_start:
        if (*p == '-') {
          ++p;
          state_ = st::comment_start_dash;
        } else if (*p == '>') {
          ++p;
          emit_comment();
        } else {
          state_ = st::comment;
        }
        break;
      case st::comment_start_dash:
        if (*p == '-') {
          ++p;
          state_ = st::comment_end;
        } else if (*p == '>') {
          ++p;
          emit_comment();
        } else {
          comment_append("-", 1);
          state_ = st::comment;
        }
        break;
      case st::comment: {
        const char* q = find_any<'<', '-', '\0'>(p, end);
        comment_append(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char c = *p++;
        if (c == '<') {
          comment_append("<", 1);
          state_ = st::comment_lt;
        } else if (c == '-') {
          state_ = st::comment_end_dash;
        } else {
          comment_append(replacement.data(), replacement.size());
        }
        break;
      }
      case st::comment_lt:
        if (*p == '!') {
          ++p;
          comment_append("!", 1);
          state_ = st::comment_lt_bang;
        } else if (*p == '<') {
          ++p;
          comment_append("<", 1);
        } else {
          state_ = st::comment;
        }
        break;
      case st::comment_lt_bang:
        if (*p == '-') {
          ++p;
          state_ = st::comment_lt_bang_dash;
        } else {
          state_ = st::comment;
        }
        break;
      case st::comment_lt_bang_dash:
        if (*p == '-') {
          ++p;
          state_ = st::comment_lt_bang_dash_dash;
        } else {
          state_ = st::comment_end_dash;
        }
        break;
      case st::comment_lt_bang_dash_dash:
        // "<!--" inside a comment (a nested-comment parse error either way).
        state_ = st::comment_end;
        break;
      case st::comment_end_dash:
        if (*p == '-') {
          ++p;
          state_ = st::comment_end;
        } else {
          comment_append("-", 1);
          state_ = st::comment;
        }
        break;
      case st::comment_end: {
        const char c = *p;
        if (c == '>') {
          ++p;
          emit_comment();
        } else if (c == '!') {
          ++p;
          state_ = st::comment_end_bang;
        } else if (c == '-') {
          ++p;
          comment_append("-", 1);
        } else {
          comment_append("--", 2);
          state_ = st::comment;
        }
        break;
      }
      case st::comment_end_bang: {
        const char c = *p;
        if (c == '-') {
          ++p;
          comment_append("--!", 3);
          state_ = st::comment_end_dash;
        } else if (c == '>') {
          ++p;
          emit_comment();
        } else {
          comment_append("--!", 3);
          state_ = st::comment;
        }
        break;
      }

      // ---- DOCTYPE: every one of its states ends at the first '>' ----
      case st::doctype:
        if (is_ws(*p)) {
          ++p;
        } else if (*p == '>') {
          ++p;
          emit_doctype();
        } else {
          state_ = st::doctype_name;
        }
        break;
      case st::doctype_name: {
        const char c = *p++;
        if (is_ws(c)) {
          state_ = st::doctype_rest;
        } else if (c == '>') {
          emit_doctype();
        } else if (temp_.size() < 64) {
          if (c == '\0') temp_ += replacement;
          else temp_ += lower(c);
        }
        break;
      }
      case st::doctype_rest: {
        p = find_any<'>'>(p, end);
        if (p == end) break;
        ++p;
        emit_doctype();
        break;
      }

      // ---- CDATA sections (foreign content) ----
      case st::cdata: {
        const char* q = find_any<']', '\0'>(p, end);
        emit_text(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        if (*p++ == ']') state_ = st::cdata_bracket;
        else emit_copy(replacement);
        break;
      }
      case st::cdata_bracket:
        if (*p == ']') {
          ++p;
          state_ = st::cdata_end;
        } else {
          emit_copy("]");
          state_ = st::cdata;
        }
        break;
      case st::cdata_end:
        if (*p == ']') {
          ++p;
          emit_copy("]");
        } else if (*p == '>') {
          ++p;
          state_ = st::data;
        } else {
          emit_copy("]]");
          state_ = st::cdata;
        }
        break;

      // ---- character references ----
      case st::char_ref: {
        const char c = *p;
        if (is_alnum(c)) {
          ref_.clear();
          state_ = st::named_char_ref;
        } else if (c == '#') {
          ++p;
          ref_code_ = 0;
          state_ = st::numeric_char_ref;
        } else {
          ref_output("&");
          state_ = return_state_;
        }
        break;
      }
      case st::named_char_ref: {
        while (p < end) {
          const char c = *p;
          if (is_alnum(c)) {
            ++p;
            ref_ += c;
            if (ref_.size() == max_ref_name) {
              resolve_named_ref(-1);
              break;
            }
            continue;
          }
          if (c == ';') {
            ++p;
            ref_ += c;
            resolve_named_ref(-1);
          } else {
            resolve_named_ref(static_cast<unsigned char>(c));
          }
          break;
        }
        break;
      }
      case st::numeric_char_ref:
        if (*p == 'x' || *p == 'X') {
          ref_x_ = *p++;
          state_ = st::hex_ref_start;
        } else {
          state_ = st::dec_ref_start;
        }
        break;
      case st::hex_ref_start:
        if (is_hex(*p)) {
          state_ = st::hex_ref;
        } else {
          const char lit[3] = {'&', '#', ref_x_};
          ref_output(std::string_view(lit, 3));
          state_ = return_state_;
        }
        break;
      case st::dec_ref_start:
        if (is_digit(*p)) {
          state_ = st::dec_ref;
        } else {
          ref_output("&#");
          state_ = return_state_;
        }
        break;
      case st::hex_ref:
      case st::dec_ref: {
        const bool hex = state_ == st::hex_ref;
        while (p < end) {
          const char c = *p;
          std::uint32_t d;
          if (is_digit(c)) d = static_cast<std::uint32_t>(c - '0');
          else if (hex && c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
          else if (hex && c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
          else {
            if (c == ';') ++p;
            resolve_numeric_ref();
            break;
          }
          ++p;
          // Saturate: anything past U+10FFFF resolves to U+FFFD anyway.
          ref_code_ = ref_code_ > 0x10FFFF ? 0x110000 : ref_code_ * (hex ? 16u : 10u) + d;
        }
        break;
      }
    }
  }
}

void tokenizer::finish() {
  if (stopped_) return;
  chunk_begin_ = nullptr;
  // Character references end first and hand over to their return state's end-of-file rule.
  switch (state_) {
    case st::char_ref: ref_output("&"); state_ = return_state_; break;
    case st::named_char_ref: resolve_named_ref(-1); break;
    case st::numeric_char_ref:
    case st::dec_ref_start: ref_output("&#"); state_ = return_state_; break;
    case st::hex_ref_start: {
      const char lit[3] = {'&', '#', ref_x_};
      ref_output(std::string_view(lit, 3));
      state_ = return_state_;
      break;
    }
    case st::hex_ref:
    case st::dec_ref: resolve_numeric_ref(); break;
    default: break;
  }
  switch (state_) {
    case st::tag_open:
    case st::raw_lt:
    case st::script_lt:
    case st::script_escaped_lt: emit_copy("<"); break;
    case st::end_tag_open:
    case st::raw_end_tag_open: emit_copy("</"); break;
    case st::raw_end_tag_name:
      emit_copy("</");
      emit_copy(temp_);
      break;
    case st::markup_declaration_open:
      comment_.clear();
      if (keep_comments_) comment_ = temp_;
      temp_.clear();
      emit_comment();
      break;
    case st::bogus_comment:
    case st::comment_start:
    case st::comment_start_dash:
    case st::comment:
    case st::comment_lt:
    case st::comment_lt_bang:
    case st::comment_lt_bang_dash:
    case st::comment_lt_bang_dash_dash:
    case st::comment_end_dash:
    case st::comment_end:
    case st::comment_end_bang: emit_comment(); break;
    case st::doctype:
    case st::doctype_name:
    case st::doctype_rest: emit_doctype(); break;
    case st::cdata_bracket: emit_copy("]"); break;
    case st::cdata_end: emit_copy("]]"); break;
    default: break;  // inside a tag: the tag is dropped; text states: nothing pending but text
  }
  flush_text();
  state_ = st::data;
  stopped_ = true;
}

}  // namespace quarry::detail::html
