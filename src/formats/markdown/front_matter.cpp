#include "formats/markdown/front_matter.hpp"

#include <utility>
#include <vector>

#include "core/yaml_reader.hpp"

namespace quarry::detail {

namespace {

bool is_ws(char c) noexcept { return c == ' ' || c == '\t'; }

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// A fence line: exactly "---" (or "..." when `dots`), trailing spaces allowed.
bool is_fence(std::string_view line, bool dots) noexcept {
  while (!line.empty() && (is_ws(line.back()) || line.back() == '\r')) line.remove_suffix(1);
  return line == "---" || (dots && line == "...");
}

// Builds the metadata value tree from YAML events, with an explicit stack (the reader bounds its
// depth). Warnings wait until the YAML is known to be front matter.
class value_builder final : public yaml_handler {
 public:
  bool on_event(yaml_event kind, const yaml_token& t) override {
    switch (kind) {
      case yaml_event::document_start:
        return ++documents_ == 1;  // front matter is one document
      case yaml_event::document_end:
        break;
      case yaml_event::mapping_start:
        stack_.push_back({value::object(), {}, false});
        break;
      case yaml_event::sequence_start:
        stack_.push_back({value::array(), {}, false});
        break;
      case yaml_event::mapping_end:
      case yaml_event::sequence_end: {
        if (stack_.empty()) break;
        value v = std::move(stack_.back().v);
        stack_.pop_back();
        add(std::move(v), "?");  // a collection used as a key is named "?"
        break;
      }
      case yaml_event::scalar: {
        std::string_view text = t.text;
        // A block scalar's final line break is YAML syntax to a reader of metadata.
        if (t.style == yaml_style::literal || t.style == yaml_style::folded) {
          while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        }
        add(yaml_scalar_value(text, t.style), text);
        break;
      }
      case yaml_event::alias: {
        std::string name = "*";
        name.append(t.text);
        add(value(name), name);
        break;
      }
    }
    return true;
  }

  void on_warning(std::string_view code, std::string message) override {
    warnings_.emplace_back(std::string(code), std::move(message));
  }

  value root;
  bool has_root = false;
  std::vector<std::pair<std::string, std::string>> warnings_;

 private:
  struct frame {
    value v;
    std::string key;
    bool has_key;
  };

  void add(value v, std::string_view as_key) {
    if (stack_.empty()) {
      root = std::move(v);
      has_root = true;
      return;
    }
    frame& f = stack_.back();
    if (f.v.type() == value::kind::object) {
      if (!f.has_key) {
        f.key.assign(as_key);
        f.has_key = true;
        return;
      }
      f.v.set(f.key, std::move(v));
      f.has_key = false;
    } else {
      f.v.push_back(std::move(v));
    }
  }

  std::vector<frame> stack_;
  int documents_ = 0;
};

// A scalar as text; collections give "".
std::string as_text(const value& v) {
  switch (v.type()) {
    case value::kind::string: return v.as_string();
    case value::kind::integer: return std::to_string(v.as_int());
    case value::kind::boolean: return v.as_bool() ? "true" : "false";
    case value::kind::number: return std::to_string(v.as_number());
    default: return {};
  }
}

// A scalar field as a string; a collection stays as it is.
value scalar_text(const value& v) {
  if (v.type() == value::kind::array || v.type() == value::kind::object) return v;
  return value(as_text(v));
}

// The name in one author entry: "Ann", or {name: Ann, affiliation: ...}.
std::string author_name(const value& v) {
  if (v.type() == value::kind::object) {
    const value* name = v.find("name");
    return name ? as_text(*name) : std::string();
  }
  return as_text(v);
}

// Appends the names in an author field: "Ann", ["Ann", "Bob"], or [{name: Ann}, ...].
void add_names(const value& v, value& out) {
  if (v.type() != value::kind::array) {
    std::string s = author_name(v);
    if (!s.empty()) out.push_back(value(std::move(s)));
    return;
  }
  for (const value& item : v.items()) {
    std::string s = author_name(item);
    if (!s.empty()) out.push_back(value(std::move(s)));
  }
}

// Appends keywords: a list, or one string of comma-separated words.
void add_keywords(const value& v, value& out) {
  if (v.type() == value::kind::array) {
    for (const value& item : v.items()) {
      std::string s = as_text(item);
      if (!s.empty()) out.push_back(value(std::move(s)));
    }
    return;
  }
  const std::string s = as_text(v);
  std::string_view rest = s;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view word = rest.substr(0, comma);
    while (!word.empty() && is_ws(word.front())) word.remove_prefix(1);
    while (!word.empty() && is_ws(word.back())) word.remove_suffix(1);
    if (!word.empty()) out.push_back(value(word));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
}

}  // namespace

front_matter find_front_matter(std::string_view text) noexcept {
  std::size_t start = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  std::size_t nl = text.find('\n', start);
  if (nl == std::string_view::npos || !is_fence(text.substr(start, nl - start), false)) return {};
  const std::size_t yaml_begin = nl + 1;
  std::size_t p = yaml_begin;
  while (p < text.size()) {
    nl = text.find('\n', p);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (is_fence(text.substr(p, end - p), true)) {
      return {text.substr(yaml_begin, p - yaml_begin), nl == std::string_view::npos ? text.size() : nl + 1};
    }
    p = end + 1;
  }
  return {};
}

bool report_front_matter(std::string_view yaml, writer& out) {
  value_builder b;
  yaml_limits lim;
  lim.max_depth = out.limits().max_depth;
  lim.max_nodes = out.limits().max_entries;
  const status st = parse_yaml(yaml, b, lim);
  if (!st.ok()) {
    out.warn("front_matter", "front matter skipped: " + st.err().detail);
    return true;  // fenced like front matter: still not content
  }
  const value::kind k = b.root.type();
  if (b.has_root && k != value::kind::object && k != value::kind::null) return false;
  for (auto& [code, message] : b.warnings_) out.warn(code, "front matter " + message);
  if (k != value::kind::object) return true;

  value authors = value::array();
  value keywords = value::array();
  bool has_authors = false;
  bool has_keywords = false;
  const auto& keys = b.root.keys();
  const auto& items = b.root.items();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& key = keys[i];
    const value& v = items[i];
    if (iequals(key, "title")) {
      out.metadata("title", scalar_text(v));
    } else if (iequals(key, "author") || iequals(key, "authors")) {
      add_names(v, authors);
      has_authors = true;
    } else if (iequals(key, "date")) {
      out.metadata("createdAt", scalar_text(v));
      out.metadata("date", v);
    } else if (iequals(key, "tags") || iequals(key, "keywords")) {
      add_keywords(v, keywords);
      has_keywords = true;
    } else if (iequals(key, "description")) {
      out.metadata("description", scalar_text(v));
    } else if (iequals(key, "lang") || iequals(key, "language")) {
      out.metadata("language", scalar_text(v));
    } else {
      out.metadata(key, v);
    }
  }
  if (has_authors) out.metadata("authors", std::move(authors));
  if (has_keywords) out.metadata("keywords", std::move(keywords));
  return true;
}

}  // namespace quarry::detail
