// TOML as text with its structure kept. Tables "[a.b]" and arrays of tables "[[x]]" become
// headings ("a.b", a level per dotted part); each key is a "key = value" line with strings
// unquoted and unescaped, numbers, booleans and dates as written, comments dropped. A value that
// fits one line stays on it ("docs = sphinx, myst-parser"); arrays written over several lines,
// arrays holding tables or arrays, inline tables and multi-line strings put their parts on
// indented lines below the key ("- item", "member = value"). Markdown uses the same layout as
// nested lists under the headings. Lines that are not TOML are kept as written, with a warning.
#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "formats/extractors.hpp"
#include "formats/toml/toml_reader.hpp"

namespace quarry::detail {

namespace {

constexpr std::string_view spaces = "                                                                ";

using node = toml_value::node;

// The document as UTF-8: a UTF-16 BOM converts, invalid sequences become U+FFFD (one warning),
// bytes that are plainly binary (many control characters) are not TOML at all.
status decode_text(std::span<const std::byte> bytes, std::string& storage, std::string_view& text, writer& out) {
  text = as_chars(bytes);
  encoding enc = encoding::utf8;
  const std::size_t bom = detect_bom(text, enc);
  if (enc == encoding::utf16le || enc == encoding::utf16be) {
    const std::size_t bad = convert_to_utf8(text.substr(bom), enc, storage);
    if (bad) out.warn("invalid_utf16", std::to_string(bad) + " invalid UTF-16 sequence(s) replaced by U+FFFD");
    text = storage;
    return std::monostate{};
  }
  text.remove_prefix(bom);
  const std::string_view sample = text.substr(0, 64 * 1024);
  std::size_t controls = 0;
  for (char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++controls;
  }
  if (controls * 50 > sample.size() + 50) {
    return error{error_code::corrupt, 0, "binary data, not TOML text"};
  }
  if (!is_valid_utf8(text)) {
    const std::size_t bad = append_utf8_sanitized(text, storage);
    out.warn("invalid_utf8", std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD");
    text = storage;
  }
  return std::monostate{};
}

bool is_container(const node& n) noexcept { return n.kind == toml_kind::array || n.kind == toml_kind::table; }

class toml_renderer final : public toml_handler {
 public:
  explicit toml_renderer(writer& out) : out_(out), md_(out.markdown()) {}

  // "[[x]]" entries read as repeated "x" sections, which is what they are.
  bool on_table(std::string_view path, std::size_t parts, bool /*array_of_tables*/) override {
    ++tables_;
    end_list();
    out_.begin_heading(static_cast<int>(std::min<std::size_t>(parts, 6)));
    out_.text(path);
    out_.end_heading();
    return !out_.stopped();
  }

  bool on_key_value(std::string_view key, const toml_value& v) override {
    ++keys_;
    if (md_) {
      if (!list_open_) {
        out_.begin_list(false);
        list_open_ = true;
      }
      out_.begin_item();
    } else {
      begin_line(0);
    }
    out_.text(key);
    if (!v.nodes.empty()) block(v, 0, 0);
    else if (md_) out_.end_item();
    return !out_.stopped();
  }

  bool on_invalid_line(std::string_view line) override {
    end_list();
    if (md_) out_.paragraph();
    else out_.new_line();
    out_.text(line);
    if (md_) out_.paragraph();
    return !out_.stopped();
  }

  void on_warning(std::string_view code, std::string message) override { out_.warn(code, std::move(message)); }

  void end_list() {
    if (!list_open_) return;
    out_.end_list();
    list_open_ = false;
  }

  [[nodiscard]] std::uint64_t tables() const noexcept { return tables_; }
  [[nodiscard]] std::uint64_t keys() const noexcept { return keys_; }

 private:
  struct block_frame {
    std::size_t parent;
    std::size_t next;      // the next child to write
    std::int64_t indent;   // plain: column of the children
  };
  struct inline_frame {
    std::size_t parent;
    std::size_t next;
    bool top;     // the outermost collection of an item: no brackets
    bool first;
  };

  void write_indent(std::int64_t n) {
    while (n > 0) {
      const auto k = static_cast<std::size_t>(std::min<std::int64_t>(n, static_cast<std::int64_t>(spaces.size())));
      out_.text(spaces.substr(0, k));
      n -= static_cast<std::int64_t>(k);
    }
  }

  void begin_line(std::int64_t indent) {
    out_.new_line();
    write_indent(indent);
  }

  // Fits on the key's line: a scalar without line breaks, an empty collection, or an array of
  // such scalars that was written on one line.
  static bool one_line(const toml_value& v, const node& n) {
    if (!is_container(n)) return v.scalar(n).find('\n') == std::string_view::npos;
    if (n.first == toml_value::none) return true;
    if (n.kind == toml_kind::table || n.multiline) return false;
    for (std::size_t c = n.first; c != toml_value::none; c = v.nodes[c].next) {
      const node& k = v.nodes[c];
      if (is_container(k) || v.scalar(k).find('\n') != std::string_view::npos) return false;
    }
    return true;
  }

  // A scalar's lines below its key (plain: indented; Markdown: line breaks in the item).
  void scalar_lines(std::string_view s, std::int64_t indent) {
    while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
    std::size_t blanks = 0;
    for (bool first = true;; first = false) {
      const std::size_t nl = s.find('\n');
      const std::string_view line = s.substr(0, nl);
      if (md_) {
        out_.line_break();
        out_.text(line);
      } else if (line.empty() && !first) {
        ++blanks;
      } else {
        out_.new_line();
        for (; blanks > 0; --blanks) out_.text("\n");
        write_indent(indent);
        out_.text(line);
      }
      if (nl == std::string_view::npos) break;
      s.remove_prefix(nl + 1);
    }
  }

  // The value of a key whose name was just written at `indent`, and everything below it.
  // Iterative: inline tables nest as deep as limits.max_depth allows.
  void block(const toml_value& v, std::size_t root, std::int64_t indent) {
    stack_.clear();
    if (!open_value(v, root, indent) && md_) out_.end_item();
    while (!stack_.empty() && !out_.stopped()) {
      block_frame& f = stack_.back();
      if (f.next == toml_value::none) {
        stack_.pop_back();
        if (md_) {
          out_.end_list();
          out_.end_item();
        }
        continue;
      }
      const std::size_t c = f.next;
      const std::int64_t ind = f.indent;
      f.next = v.nodes[c].next;
      const node& n = v.nodes[c];
      if (md_) out_.begin_item();
      else begin_line(ind);
      if (v.nodes[f.parent].kind == toml_kind::table) {
        ++keys_;
        out_.text(v.key(n));
        if (!open_value(v, c, ind) && md_) out_.end_item();
      } else {
        if (!md_) {
          out_.text("-");
          out_.space();
        }
        inline_value(v, c);
        if (md_) out_.end_item();
      }
    }
  }

  // Writes " = value" when the value fits the line and returns false; otherwise writes " =" and
  // what goes below (multi-line string lines, or a pushed frame for the children) and returns
  // true when a frame was pushed.
  bool open_value(const toml_value& v, std::size_t id, std::int64_t indent) {
    const node& n = v.nodes[id];
    out_.text(" =");
    if (one_line(v, n)) {
      out_.space();
      inline_value(v, id);
      return false;
    }
    if (!is_container(n)) {
      scalar_lines(v.scalar(n), indent + 2);
      return false;
    }
    if (md_) out_.begin_list(false);
    stack_.push_back({id, n.first, indent + 2});
    return true;
  }

  void scalar(const toml_value& v, const node& n) {
    const std::string_view s = v.scalar(n);
    if (s.find('\n') != std::string_view::npos) out_.text_collapsed(s);
    else out_.text(s);
  }

  // A value on one line: items joined by ", ", nested collections in brackets.
  void inline_value(const toml_value& v, std::size_t id) {
    const node& root = v.nodes[id];
    if (!is_container(root)) {
      scalar(v, root);
      return;
    }
    if (root.first == toml_value::none) {
      out_.text(root.kind == toml_kind::array ? "[]" : "{}");
      return;
    }
    inline_.clear();
    inline_.push_back({id, root.first, true, true});
    while (!inline_.empty() && !out_.stopped()) {
      inline_frame& f = inline_.back();
      const bool table = v.nodes[f.parent].kind == toml_kind::table;
      if (f.next == toml_value::none) {
        if (!f.top) out_.text(table ? "}" : "]");
        inline_.pop_back();
        continue;
      }
      const std::size_t c = f.next;
      f.next = v.nodes[c].next;
      if (!f.first) out_.text(", ");
      f.first = false;
      const node& n = v.nodes[c];
      if (table) {
        ++keys_;
        out_.text(v.key(n));
        out_.text(" = ");
      }
      if (!is_container(n)) {
        scalar(v, n);
      } else {
        out_.text(n.kind == toml_kind::array ? "[" : "{");
        inline_.push_back({c, n.first, false, true});
      }
    }
  }

  writer& out_;
  bool md_;
  bool list_open_ = false;
  std::uint64_t tables_ = 0;
  std::uint64_t keys_ = 0;
  std::vector<block_frame> stack_;
  std::vector<inline_frame> inline_;
};

}  // namespace

status extract_toml(std::span<const std::byte> bytes, writer& out) {
  std::string storage;
  std::string_view text;
  if (status st = decode_text(bytes, storage, text, out); !st.ok()) return st;
  toml_renderer renderer(out);
  toml_limits lim;
  lim.max_depth = out.limits().max_depth;
  lim.max_nodes = out.limits().max_entries;
  status st = parse_toml(text, renderer, lim);
  if (!st.ok()) return st;
  renderer.end_list();
  out.metadata("tableCount", value(renderer.tables()));
  out.metadata("keyCount", value(renderer.keys()));
  return std::monostate{};
}

}  // namespace quarry::detail
