#include "formats/xlsx/xml_pull.hpp"

#include <cstring>

#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

bool is_xml_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_end(char c) noexcept { return is_xml_space(c) || c == '>' || c == '/' || c == '='; }

// The position of `needle` in s at or after `from`, or npos.
std::size_t find_from(std::string_view s, std::string_view needle, std::size_t from) noexcept {
  return from > s.size() ? std::string_view::npos : s.find(needle, from);
}

// Appends the character of a numeric reference body ("#65" or "#x41"); false when it is not one.
bool append_numeric_reference(std::string_view body, std::string& out) {
  if (body.size() < 2 || body[0] != '#') return false;
  const bool hex = body[1] == 'x' || body[1] == 'X';
  std::size_t i = hex ? 2 : 1;
  if (i >= body.size()) return false;
  char32_t cp = 0;
  for (; i < body.size(); ++i) {
    const char c = body[i];
    unsigned d = 0;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if (hex && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
    else if (hex && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
    else return false;
    cp = cp * (hex ? 16u : 10u) + d;
    if (cp > 0x10FFFF) cp = 0x110000;  // stays invalid however many digits follow
  }
  // XML forbids NUL and the surrogates; append_utf8 makes those U+FFFD.
  append_utf8(cp == 0 ? replacement_char : cp, out);
  return true;
}

}  // namespace

void append_xml_decoded(std::string_view raw, std::string& out) {
  std::size_t run = 0;
  for (std::size_t i = raw.find('&'); i != std::string_view::npos; i = raw.find('&', i)) {
    const std::size_t semi = raw.find(';', i + 1);
    // References are short; a far-away ';' means this '&' is a stray one.
    if (semi == std::string_view::npos || semi - i > 12) {
      ++i;
      continue;
    }
    const std::string_view body = raw.substr(i + 1, semi - i - 1);
    char single = 0;
    if (body == "lt") single = '<';
    else if (body == "gt") single = '>';
    else if (body == "amp") single = '&';
    else if (body == "quot") single = '"';
    else if (body == "apos") single = '\'';
    out.append(raw.substr(run, i - run));
    if (single != 0) {
      out += single;
    } else if (!append_numeric_reference(body, out)) {
      out.append(raw.substr(i, semi + 1 - i));  // an undefined entity stays as written
    }
    i = semi + 1;
    run = i;
  }
  out.append(raw.substr(run));
}

void normalize_xml_encoding(std::string& part) {
  encoding enc = encoding::utf8;
  const std::size_t bom = detect_bom(part, enc);
  if (bom == 0) return;
  if (enc == encoding::utf8) {
    part.erase(0, bom);
    return;
  }
  std::string converted;
  converted.reserve(part.size());
  (void)convert_to_utf8(std::string_view(part).substr(bom), enc, converted);
  part = std::move(converted);
}

xml_pull::xml_pull(std::string_view xml, std::size_t max_depth) : s_(xml), max_depth_(max_depth) {}

std::string_view xml_pull::local_name() const noexcept {
  const std::size_t colon = name_.find(':');
  return colon == std::string_view::npos ? name_ : name_.substr(colon + 1);
}

const std::string_view* xml_pull::attribute(std::string_view local) const noexcept {
  for (const auto& a : attrs_) {
    const std::size_t colon = a.name.find(':');
    const std::string_view l = colon == std::string_view::npos ? a.name : a.name.substr(colon + 1);
    if (l == local) return &a.raw;
  }
  return nullptr;
}

const std::string_view* xml_pull::qualified_attribute(std::string_view qname) const noexcept {
  for (const auto& a : attrs_) {
    if (a.name == qname) return &a.raw;
  }
  return nullptr;
}

std::string xml_pull::attribute_value(std::string_view local) const {
  std::string out;
  if (const std::string_view* raw = attribute(local)) append_xml_decoded(*raw, out);
  return out;
}

void xml_pull::append_text(std::string& out) const {
  if (cdata_) out.append(text_);
  else append_xml_decoded(text_, out);
}

xml_event xml_pull::fail(std::string_view why) {
  failed_ = true;
  error_ = why;
  return xml_event::error;
}

bool xml_pull::parse_start_tag(std::size_t open) {
  // s_[open] is '<' and a name character follows.
  std::size_t i = open + 1;
  const std::size_t name_start = i;
  while (i < s_.size() && !is_name_end(s_[i])) ++i;
  name_ = s_.substr(name_start, i - name_start);
  attrs_.clear();
  for (;;) {
    while (i < s_.size() && is_xml_space(s_[i])) ++i;
    if (i >= s_.size()) return false;
    if (s_[i] == '>') {
      pos_ = i + 1;
      pending_end_ = false;
      return true;
    }
    if (s_[i] == '/') {
      if (i + 1 < s_.size() && s_[i + 1] == '>') {
        pos_ = i + 2;
        pending_end_ = true;
        return true;
      }
      ++i;  // a stray '/': skip it
      continue;
    }
    const std::size_t an = i;
    while (i < s_.size() && !is_name_end(s_[i])) ++i;
    const std::string_view aname = s_.substr(an, i - an);
    while (i < s_.size() && is_xml_space(s_[i])) ++i;
    if (i >= s_.size()) return false;
    if (s_[i] != '=') {
      if (aname.empty()) ++i;  // a character no rule accepts ('=' alone): step over it
      continue;               // an attribute without a value: ignored
    }
    ++i;
    while (i < s_.size() && is_xml_space(s_[i])) ++i;
    if (i >= s_.size()) return false;
    const char q = s_[i];
    if (q == '"' || q == '\'') {
      const std::size_t close = s_.find(q, i + 1);
      if (close == std::string_view::npos) return false;
      if (!aname.empty()) attrs_.push_back({aname, s_.substr(i + 1, close - i - 1)});
      i = close + 1;
    } else {
      // An unquoted value (not XML, but seen in the wild): up to a space or the tag's end.
      const std::size_t v = i;
      while (i < s_.size() && !is_xml_space(s_[i]) && s_[i] != '>') ++i;
      if (!aname.empty()) attrs_.push_back({aname, s_.substr(v, i - v)});
    }
  }
}

xml_event xml_pull::next() {
  if (failed_) return xml_event::error;
  if (pending_end_) {
    pending_end_ = false;
    attrs_.clear();
    if (depth_ > 0) --depth_;
    return xml_event::end;
  }
  for (;;) {
    at_ = pos_;
    if (pos_ >= s_.size()) return xml_event::eof;
    if (s_[pos_] != '<') {
      const void* lt = std::memchr(s_.data() + pos_, '<', s_.size() - pos_);
      const std::size_t end = lt ? static_cast<std::size_t>(static_cast<const char*>(lt) - s_.data()) : s_.size();
      text_ = s_.substr(pos_, end - pos_);
      cdata_ = false;
      pos_ = end;
      return xml_event::text;
    }
    const std::size_t open = pos_;
    if (open + 1 >= s_.size()) return fail("a tag is cut off by the end of the part");
    const char c = s_[open + 1];
    if (c == '/') {
      const std::size_t gt = s_.find('>', open + 2);
      if (gt == std::string_view::npos) return fail("an end tag never closes");
      std::size_t e = open + 2;
      while (e < gt && !is_name_end(s_[e])) ++e;
      name_ = s_.substr(open + 2, e - open - 2);
      attrs_.clear();
      pos_ = gt + 1;
      if (depth_ > 0) --depth_;
      return xml_event::end;
    }
    if (c == '?') {
      const std::size_t e = find_from(s_, "?>", open + 2);
      if (e == std::string_view::npos) return fail("a processing instruction never closes");
      pos_ = e + 2;
      continue;
    }
    if (c == '!') {
      const std::string_view rest = s_.substr(open);
      if (rest.starts_with("<!--")) {
        const std::size_t e = find_from(s_, "-->", open + 4);
        if (e == std::string_view::npos) return fail("a comment never closes");
        pos_ = e + 3;
        continue;
      }
      if (rest.starts_with("<![CDATA[")) {
        const std::size_t e = find_from(s_, "]]>", open + 9);
        if (e == std::string_view::npos) return fail("a CDATA section never closes");
        text_ = s_.substr(open + 9, e - open - 9);
        cdata_ = true;
        pos_ = e + 3;
        return xml_event::text;
      }
      // <!DOCTYPE ...> with an optional [internal subset]: skipped, never interpreted.
      std::size_t i = open + 2;
      int brackets = 0;
      char quote = 0;
      for (; i < s_.size(); ++i) {
        const char d = s_[i];
        if (quote) {
          if (d == quote) quote = 0;
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '[') {
          ++brackets;
        } else if (d == ']') {
          if (brackets > 0) --brackets;
        } else if (d == '>' && brackets == 0) {
          break;
        }
      }
      if (i >= s_.size()) return fail("a declaration never closes");
      pos_ = i + 1;
      continue;
    }
    if (is_name_end(c) || c == '<') {
      // A '<' that starts no tag: text, as lenient readers take it.
      const std::size_t lt = s_.find('<', open + 1);
      const std::size_t end = lt == std::string_view::npos ? s_.size() : lt;
      text_ = s_.substr(open, end - open);
      cdata_ = true;  // literal
      pos_ = end;
      return xml_event::text;
    }
    if (!parse_start_tag(open)) return fail("a start tag never closes");
    if (++depth_ > max_depth_) {
      too_deep_ = true;
      return fail("elements nest deeper than limits.max_depth");
    }
    return xml_event::start;
  }
}

bool xml_pull::skip_element() {
  const std::size_t target = depth_ - (depth_ > 0 ? 1 : 0);
  for (;;) {
    const xml_event e = next();
    if (e == xml_event::error || e == xml_event::eof) return false;
    if (e == xml_event::end && depth_ == target) return true;
  }
}

}  // namespace quarry::detail
