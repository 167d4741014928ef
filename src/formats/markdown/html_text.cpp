#include "formats/markdown/html_text.hpp"

#include <algorithm>
#include <array>

#include "core/entities.hpp"
#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

// A tag longer than this is kept only in part: enough for its name and an alt attribute.
constexpr std::size_t max_tag_bytes = 4096;

bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// Tags that start a paragraph of their own, and tags that only start a line.
constexpr std::array<std::string_view, 13> paragraph_tags = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                                                             "ul", "ol", "blockquote", "pre", "hr"};
constexpr std::array<std::string_view, 26> line_tags = {
    "div",    "li",      "tr",      "section", "article", "header",  "footer",   "nav",    "aside",
    "main",   "figure",  "figcaption", "dl",   "dt",      "dd",      "details",  "summary", "center",
    "form",   "fieldset", "address", "caption", "thead",  "tbody",   "tfoot",    "picture"};

template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) noexcept {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(name, n); });
}

// The value of attribute `name` in the inside of a tag ("img src=a alt='b c'"), or empty.
std::string_view attribute(std::string_view tag, std::string_view name) {
  std::size_t i = 0;
  while (i < tag.size() && !is_space(tag[i]) && tag[i] != '/') ++i;  // the tag name
  while (i < tag.size()) {
    while (i < tag.size() && (is_space(tag[i]) || tag[i] == '/')) ++i;
    const std::size_t n0 = i;
    while (i < tag.size() && !is_space(tag[i]) && tag[i] != '=' && tag[i] != '/') ++i;
    const std::string_view attr = tag.substr(n0, i - n0);
    while (i < tag.size() && is_space(tag[i])) ++i;
    std::string_view val;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && is_space(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        const char q = tag[i++];
        const std::size_t v0 = i;
        while (i < tag.size() && tag[i] != q) ++i;
        val = tag.substr(v0, i - v0);
        if (i < tag.size()) ++i;
      } else {
        const std::size_t v0 = i;
        while (i < tag.size() && !is_space(tag[i])) ++i;
        val = tag.substr(v0, i - v0);
      }
    }
    if (attr.empty()) break;
    if (iequals(attr, name)) return val;
  }
  return {};
}

}  // namespace

std::size_t character_reference_length(std::string_view s) noexcept {
  if (s.size() < 3 || s[0] != '&') return 0;
  std::size_t i = 1;
  if (s[1] == '#') {
    i = 2;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const std::size_t d0 = i;
    while (i < s.size() && i - d0 < 8 &&
           ((s[i] >= '0' && s[i] <= '9') || (hex && ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F'))))) {
      ++i;
    }
    if (i == d0 || i >= s.size() || s[i] != ';') return 0;
    return i + 1;
  }
  char32_t a = 0;
  char32_t b = 0;
  const std::size_t n = match_named_reference(s.substr(1), a, b);
  return n == 0 ? 0 : n + 1;
}

void append_character_reference(std::string_view ref, std::string& out) {
  if (ref.size() >= 3 && ref[1] == '#') {
    unsigned long long code = 0;
    const bool hex = ref[2] == 'x' || ref[2] == 'X';
    for (std::size_t i = hex ? 3 : 2; i < ref.size() && ref[i] != ';'; ++i) {
      const char c = ref[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) break;
      code = code * (hex ? 16u : 10u) + static_cast<unsigned>(d);
      if (code > 0x10FFFF) code = 0x110000;  // stays "too large" without overflowing
    }
    append_utf8(numeric_reference_value(code), out);
    return;
  }
  char32_t a = 0;
  char32_t b = 0;
  const std::size_t n = ref.size() > 1 ? match_named_reference(ref.substr(1), a, b) : 0;
  if (n == 0 || n + 1 != ref.size()) {
    out.append(ref);  // not a reference CommonMark knows: literal text
    return;
  }
  append_utf8(a, out);
  if (b != 0) append_utf8(b, out);
}

void html_text::reset() noexcept {
  st_ = state::text;
  tag_.clear();
  quote_ = 0;
  dashes_ = 0;
  skip_ = {};
}

void html_text::flush(writer& out) {
  if (text_.empty()) return;
  out.text_collapsed(text_);
  text_.clear();
}

void html_text::end_tag(writer& out) {
  std::string_view t = tag_;
  const bool closing = !t.empty() && t.front() == '/';
  if (closing) t.remove_prefix(1);
  std::size_t n = 0;
  while (n < t.size() && !is_space(t[n]) && t[n] != '/' && t[n] != '>') ++n;
  const std::string_view name = t.substr(0, n);
  if (iequals(name, "br")) {
    flush(out);
    out.line_break();
  } else if (one_of(name, paragraph_tags)) {
    flush(out);
    out.paragraph();
  } else if (one_of(name, line_tags)) {
    flush(out);
    out.new_line();
  } else if (iequals(name, "td") || iequals(name, "th")) {
    text_ += ' ';
  } else if (!closing && iequals(name, "img")) {
    const std::string_view alt = attribute(t, "alt");
    if (!alt.empty()) {
      text_ += ' ';
      text_.append(alt);
      text_ += ' ';
    }
  } else if (!closing && iequals(name, "script")) {
    skip_ = "</script";
  } else if (!closing && iequals(name, "style")) {
    skip_ = "</style";
  }
}

void html_text::feed(std::string_view s, writer& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    switch (st_) {
      case state::text: {
        if (!skip_.empty()) {
          // Drop script/style contents up to their end tag (searched case-insensitively).
          std::size_t k = i;
          for (; k + skip_.size() <= s.size(); ++k) {
            if (s[k] == '<' && iequals(s.substr(k, skip_.size()), skip_)) break;
          }
          if (k + skip_.size() > s.size()) {
            flush(out);
            return;
          }
          skip_ = {};
          i = k;
          continue;
        }
        const char c = s[i];
        if (c == '<' && i + 1 < s.size() && (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?')) {
          if (s.substr(i, 4) == "<!--") {
            st_ = state::comment;
            dashes_ = 0;
            i += 4;
          } else if (s[i + 1] == '!' || s[i + 1] == '?') {
            st_ = state::declaration;
            i += 2;
          } else {
            st_ = state::tag;
            tag_.clear();
            quote_ = 0;
            ++i;
          }
          continue;
        }
        if (c == '&') {
          const std::size_t n = character_reference_length(s.substr(i));
          if (n > 0) {
            append_character_reference(s.substr(i, n), text_);
            i += n;
            continue;
          }
        }
        // A run of ordinary text.
        std::size_t j = i + 1;
        while (j < s.size() && s[j] != '<' && s[j] != '&') ++j;
        text_.append(s.substr(i, j - i));
        i = j;
        break;
      }
      case state::tag: {
        const char c = s[i++];
        if (quote_ != 0) {
          if (c == quote_) quote_ = 0;
        } else if (c == '"' || c == '\'') {
          quote_ = c;
        } else if (c == '>') {
          end_tag(out);
          st_ = state::text;
          break;
        }
        if (tag_.size() < max_tag_bytes) tag_ += c;
        break;
      }
      case state::comment: {
        const char c = s[i++];
        if (c == '>' && dashes_ >= 2) st_ = state::text;
        dashes_ = c == '-' ? dashes_ + 1 : 0;
        break;
      }
      case state::declaration:
        if (s[i++] == '>') st_ = state::text;
        break;
    }
  }
  flush(out);
}

}  // namespace quarry::detail
