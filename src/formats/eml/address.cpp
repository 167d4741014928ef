#include "formats/eml/address.hpp"

namespace quarry::detail::eml {

namespace {

bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_special(char c) noexcept {
  return is_ws(c) || c == '"' || c == '(' || c == '<' || c == ',' || c == ':' || c == ';';
}

// The mailbox being read.
struct pending {
  std::string phrase;   // display name (or a bare address) as written, quotes removed
  std::string angle;    // the <address>
  std::string comment;  // the last comment: the name in "address (Name)"
  bool has_angle = false;
  bool gap = false;     // blanks since the last word of the phrase

  void add_word(std::string_view w) {
    if (gap && !phrase.empty()) phrase.push_back(' ');
    phrase.append(w);
    gap = false;
  }
  void clear() {
    phrase.clear();
    angle.clear();
    comment.clear();
    has_angle = false;
    gap = false;
  }
};

std::string without_blanks(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (!is_ws(c)) out.push_back(c);
  }
  return out;
}

void emit(pending& p, std::vector<mailbox>& out, text_issues& issues) {
  mailbox m;
  if (p.has_angle) {
    std::string_view a = p.angle;
    // An obsolete source route "<@relay1,@relay2:user@host>".
    if (!a.empty() && a.front() == '@') {
      if (const std::size_t colon = a.find(':'); colon != std::string_view::npos) a.remove_prefix(colon + 1);
    }
    m.address = without_blanks(a);
    m.name = decode_header_text(p.phrase, issues);
    if (m.name.empty() && !p.comment.empty()) m.name = decode_header_text(p.comment, issues);
  } else if (p.phrase.find('@') != std::string::npos) {
    m.address = without_blanks(p.phrase);
    m.name = decode_header_text(p.comment, issues);
  } else {
    // A word without an address ("undisclosed-recipients", a local user name): keep what it says.
    m.address = decode_header_text(p.phrase, issues);
  }
  if (m.name == m.address) m.name.clear();
  if (!m.address.empty() || !m.name.empty()) out.push_back(std::move(m));
  p.clear();
}

}  // namespace

std::vector<mailbox> parse_addresses(std::string_view raw, text_issues& issues) {
  std::vector<mailbox> out;
  pending p;
  const std::size_t n = raw.size();
  std::size_t i = 0;
  while (i < n) {
    const char c = raw[i];
    if (is_ws(c)) {
      p.gap = true;
      ++i;
    } else if (c == '"') {
      std::string word;
      ++i;
      while (i < n && raw[i] != '"') {
        if (raw[i] == '\\' && i + 1 < n) ++i;
        word.push_back(raw[i]);
        ++i;
      }
      ++i;
      p.add_word(word);
    } else if (c == '(') {
      // A comment, nested comments counted rather than recursed into.
      std::size_t depth = 0;
      std::string text;
      for (; i < n; ++i) {
        const char d = raw[i];
        if (d == '\\' && i + 1 < n) {
          text.push_back(raw[++i]);
          continue;
        }
        if (d == '(') {
          if (depth++ == 0) continue;
        } else if (d == ')') {
          if (--depth == 0) {
            ++i;
            break;
          }
        }
        text.push_back(d);
      }
      p.comment = std::move(text);
      p.gap = true;
    } else if (c == '<') {
      const std::size_t close = raw.find('>', i + 1);
      const std::size_t end = close == std::string_view::npos ? n : close;
      p.angle.assign(raw.substr(i + 1, end - i - 1));
      p.has_angle = true;
      i = close == std::string_view::npos ? n : close + 1;
    } else if (c == ',') {
      emit(p, out, issues);
      ++i;
    } else if (c == ':' && !p.has_angle) {
      p.clear();  // "Group name:" — the members follow
      ++i;
    } else if (c == ';') {
      emit(p, out, issues);  // the end of a group
      ++i;
    } else {
      // A word; its first character may be a special the branches above left alone (a ':'
      // after an angle address), which must still be consumed.
      const std::size_t b = i++;
      while (i < n && !is_special(raw[i])) ++i;
      p.add_word(raw.substr(b, i - b));
    }
  }
  emit(p, out, issues);
  return out;
}

std::string format_mailbox(const mailbox& m) {
  if (m.name.empty()) return m.address;
  if (m.address.empty()) return m.name;
  return m.name + " <" + m.address + ">";
}

}  // namespace quarry::detail::eml
