// YAML as text with its structure kept. Every key and scalar is kept, comments and tags are
// dropped, quoted scalars are unescaped and block scalars folded (core/yaml_reader does that),
// aliases print their name and are never expanded (billion laughs).
//
// Plain text reads like tidy YAML: "key: value" lines, nested mappings indented by two spaces,
// "- item" for sequences, flow collections written out like block ones, documents separated by
// a blank line.
//
// Markdown: the same structure as nested Markdown lists ("- key: value", children nested under
// their key). A ```yaml code block would be the other choice, but it hides the structure from
// Markdown renderers and chunkers and keeps YAML syntax (quotes, escapes, anchors) the reader
// does not need; indentation alone cannot carry nesting in Markdown (four spaces make code), so
// lists are the faithful form. Multi-line literal scalars ("|", scripts and config) become code
// blocks inside their item; documents are separated by a thematic break, which also keeps the
// lists of two documents from merging.
#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/utf8.hpp"
#include "core/yaml_reader.hpp"
#include "formats/extractors.hpp"

namespace quarry::detail {

namespace {

// At most this many top-level keys go into the metadata.
constexpr std::size_t max_top_keys = 1000;

constexpr std::string_view spaces = "                                                                ";

// The document as UTF-8: a UTF-16 BOM converts, invalid sequences become U+FFFD (one warning),
// bytes that are plainly binary (many control characters) are not YAML at all.
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
    return error{error_code::corrupt, 0, "binary data, not YAML text"};
  }
  if (!is_valid_utf8(text)) {
    const std::size_t bad = append_utf8_sanitized(text, storage);
    out.warn("invalid_utf8", std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD");
    text = storage;
  }
  return std::monostate{};
}

class yaml_renderer final : public yaml_handler {
 public:
  explicit yaml_renderer(writer& out) : out_(out), md_(out.markdown()) {}

  bool on_event(yaml_event kind, const yaml_token& t) override {
    switch (kind) {
      case yaml_event::document_start:
        if (documents_ > 0) {
          if (md_) out_.rule();
          else out_.paragraph();
        }
        ++documents_;
        frames_.clear();
        break;
      case yaml_event::document_end:
        break;
      case yaml_event::mapping_start:
      case yaml_event::sequence_start:
        open(kind == yaml_event::mapping_start);
        break;
      case yaml_event::mapping_end:
      case yaml_event::sequence_end:
        close();
        break;
      case yaml_event::scalar:
        scalar(t.text, t.style);
        break;
      case yaml_event::alias:
        alias_.clear();
        alias_ += '*';
        alias_.append(t.text);
        scalar(alias_, yaml_style::plain);
        break;
    }
    return !out_.stopped();
  }

  void on_warning(std::string_view code, std::string message) override { out_.warn(code, std::move(message)); }

  [[nodiscard]] std::uint64_t documents() const noexcept { return documents_; }
  [[nodiscard]] value take_keys() { return std::move(keys_); }

 private:
  // A mapping is between entries (key), inside a collection used as a key ("? [a, b]": complex),
  // or after its key (value).
  enum class phase : std::uint8_t { key, complex, value };
  struct frame {
    bool map = false;
    phase state = phase::key;
    std::int64_t indent = 0;     // plain: column of the children
    bool inline_first = false;   // plain: the first child continues the current line ("- key: v")
    bool list_open = false;      // Markdown: the list of the children has been started
    std::uint64_t count = 0;     // children so far
  };

  // ---- plain text ---------------------------------------------------------------------------
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

  // A scalar's lines: the first continues the current line when `first_inline`, the others (and
  // blank lines between them) start new lines at `indent`.
  void write_lines(std::string_view s, std::int64_t indent, bool first_inline) {
    while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
    bool first = true;
    std::size_t blanks = 0;
    for (;;) {
      const std::size_t nl = s.find('\n');
      const std::string_view line = s.substr(0, nl);
      if (line.empty() && !first) {
        ++blanks;
      } else if (first && first_inline) {
        out_.space();
        out_.text(line);
      } else {
        out_.new_line();
        for (; blanks > 0; --blanks) out_.text("\n");
        write_indent(indent);
        out_.text(line);
      }
      first = false;
      if (nl == std::string_view::npos) break;
      s.remove_prefix(nl + 1);
    }
  }

  void write_key(std::string_view key) {
    if (key.find('\n') != std::string_view::npos) out_.text_collapsed(key);
    else out_.text(key);
  }

  // "- " for a sequence entry, on a new line unless the entry is the first child of an entry.
  void plain_item(frame& f) {
    if (f.count > 0 || !f.inline_first) begin_line(f.indent);
    out_.text("-");
    out_.space();
    ++f.count;
  }

  void plain_scalar(std::string_view s) {
    while (!s.empty() && s.back() == '\n') s.remove_suffix(1);  // a block scalar's final break
    if (frames_.empty()) {
      write_lines(s, 0, false);
      return;
    }
    frame& f = frames_.back();
    if (f.map && f.state == phase::key) {
      if (f.count > 0 || !f.inline_first) begin_line(f.indent);
      write_key(s);
      out_.text(":");
      f.state = phase::value;
      ++f.count;
      return;
    }
    if (f.map) {
      f.state = phase::key;
      if (s.find('\n') == std::string_view::npos) {
        out_.space();
        out_.text(s);
      } else {
        write_lines(s, f.indent + 2, false);
      }
      return;
    }
    plain_item(f);
    write_lines(s, f.indent + 2, true);
  }

  void plain_open(frame& child) {
    if (frames_.empty()) return;
    frame& f = frames_.back();
    if (f.map && f.state == phase::key) {  // a collection as a key: "? " then the collection
      if (f.count > 0 || !f.inline_first) begin_line(f.indent);
      out_.text("?");
      out_.space();
      f.state = phase::complex;
      ++f.count;
      child.indent = f.indent + 2;
      child.inline_first = true;
    } else if (f.map) {
      child.indent = f.indent + 2;
    } else {
      plain_item(f);
      child.indent = f.indent + 2;
      child.inline_first = true;
    }
  }

  void plain_close(const frame& child) {
    if (child.count == 0) {
      if (frames_.empty()) begin_line(0);
      else out_.space();
      out_.text(child.map ? "{}" : "[]");
    }
    if (frames_.empty()) return;
    frame& f = frames_.back();
    if (f.map && f.state == phase::complex) {
      begin_line(f.indent);
      out_.text(":");
      f.state = phase::value;
    } else if (f.map) {
      f.state = phase::key;
    }
  }

  // ---- Markdown -----------------------------------------------------------------------------
  void md_value(std::string_view s, yaml_style style) {
    while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
    if (s.find('\n') == std::string_view::npos) {
      out_.text(s);
    } else if (style == yaml_style::literal) {
      out_.begin_code_block();
      out_.text(s);
      out_.end_code_block();
    } else {
      for (;;) {
        const std::size_t nl = s.find('\n');
        out_.text(s.substr(0, nl));
        if (nl == std::string_view::npos) break;
        out_.line_break();
        s.remove_prefix(nl + 1);
      }
    }
  }

  void md_item(frame& f) {
    if (!f.list_open) {
      out_.begin_list(false);
      f.list_open = true;
    }
    out_.begin_item();
    ++f.count;
  }

  void md_scalar(std::string_view s, yaml_style style) {
    if (frames_.empty()) {
      out_.paragraph();
      md_value(s, style);
      out_.paragraph();
      return;
    }
    frame& f = frames_.back();
    if (f.map && f.state == phase::key) {
      md_item(f);
      write_key(s);
      out_.text(":");
      f.state = phase::value;
      return;
    }
    if (f.map) {
      f.state = phase::key;
      out_.space();
      md_value(s, style);
      out_.end_item();
      return;
    }
    md_item(f);
    md_value(s, style);
    out_.end_item();
  }

  void md_open() {
    if (frames_.empty()) return;
    frame& f = frames_.back();
    if (f.map && f.state == phase::key) {
      md_item(f);
      out_.text("?");
      f.state = phase::complex;
    } else if (!f.map) {
      md_item(f);
    }
  }

  void md_close(const frame& child) {
    if (child.list_open) {
      out_.end_list();
    } else {
      if (frames_.empty()) out_.paragraph();
      else out_.space();
      out_.text(child.map ? "{}" : "[]");
    }
    if (frames_.empty()) return;
    frame& f = frames_.back();
    if (f.map && f.state == phase::complex) {
      out_.text(":");
      f.state = phase::value;
      return;
    }
    if (f.map) f.state = phase::key;
    out_.end_item();
  }

  // ---- events -------------------------------------------------------------------------------
  void scalar(std::string_view s, yaml_style style) {
    if (frames_.size() == 1 && frames_.back().map && frames_.back().state == phase::key) note_key(s);
    if (md_) md_scalar(s, style);
    else plain_scalar(s);
  }

  void open(bool map) {
    frame child;
    child.map = map;
    if (md_) md_open();
    else plain_open(child);
    frames_.push_back(child);
  }

  void close() {
    if (frames_.empty()) return;
    const frame child = frames_.back();
    frames_.pop_back();
    if (md_) md_close(child);
    else plain_close(child);
  }

  void note_key(std::string_view key) {
    if (keys_.size() >= max_top_keys) return;
    if (!seen_keys_.insert(std::string(key)).second) return;
    keys_.push_back(value(key));
  }

  writer& out_;
  bool md_;
  std::vector<frame> frames_;
  std::uint64_t documents_ = 0;
  std::string alias_;
  value keys_ = value::array();
  std::unordered_set<std::string> seen_keys_;
};

}  // namespace

status extract_yaml(std::span<const std::byte> bytes, writer& out) {
  std::string storage;
  std::string_view text;
  if (status st = decode_text(bytes, storage, text, out); !st.ok()) return st;
  yaml_renderer renderer(out);
  yaml_limits lim;
  lim.max_depth = out.limits().max_depth;
  lim.max_nodes = out.limits().max_entries;
  status st = parse_yaml(text, renderer, lim);
  if (!st.ok()) return st;
  out.metadata("documentCount", value(renderer.documents()));
  out.metadata("topLevelKeys", renderer.take_keys());
  return std::monostate{};
}

}  // namespace quarry::detail
