#include "formats/json/json_render.hpp"

#include <string>
#include <vector>

namespace quarry::detail {

namespace {

// Arrays of scalars up to this many bytes (joined with ", ") stay on their key's line.
constexpr std::size_t inline_array_bytes = 120;
// Tables: at most this many columns, and no cell longer than this (long text reads better as an
// outline than squeezed into a cell).
constexpr std::size_t table_max_columns = 64;
constexpr std::size_t table_max_cell_bytes = 200;

bool is_scalar(json_kind k) noexcept {
  return k == json_kind::string || k == json_kind::number || k == json_kind::true_value ||
         k == json_kind::false_value || k == json_kind::null_value;
}

class renderer {
 public:
  renderer(const json_tape& tape, std::string_view input, writer& out)
      : tape_(tape), tokens_(tape.tokens), input_(input), out_(out) {}

  void run() {
    out_.begin_outline();
    if (tape_.values == 1) {
      emit(0, 0, false, {});
    } else if (!emit_table(0, tokens_.size())) {  // JSON Lines: one array of records
      stack_.push_back({false, 0, tokens_.size(), 0, false});
    }
    walk();
    out_.end_outline();
  }

 private:
  struct frame {
    bool object;
    std::size_t next;         // token of the next member (its key) or element
    std::size_t end;          // token of the container's end
    std::size_t child_depth;  // outline depth of members / elements
    bool first_as_item;       // an object in an array: its first member takes the item's dash
  };

  [[nodiscard]] std::size_t after(std::size_t i) const noexcept {
    const json_token& t = tokens_[i];
    return t.kind == json_kind::object_begin || t.kind == json_kind::array_begin ? t.length + 1 : i + 1;
  }

  [[nodiscard]] std::string_view scalar_text(const json_token& t) const noexcept {
    switch (t.kind) {
      case json_kind::true_value: return "true";
      case json_kind::false_value: return "false";
      case json_kind::null_value: return "null";
      default: return tape_.text(input_, t);
    }
  }

  void walk() {
    while (!stack_.empty() && !out_.stopped()) {
      frame& f = stack_.back();
      if (f.next >= f.end) {
        stack_.pop_back();
        continue;
      }
      std::string_view key;
      std::size_t depth = f.child_depth;
      bool item = true;
      std::size_t v = f.next;
      if (f.object) {
        key = tape_.text(input_, tokens_[f.next]);
        v = f.next + 1;
        item = f.first_as_item;
        if (item) {
          depth = f.child_depth - 1;
          f.first_as_item = false;
        }
      }
      f.next = after(v);
      emit(v, depth, item, key);  // may push a frame (invalidating f)
    }
  }

  // One value: its line(s), or a frame for its members / elements.
  void emit(std::size_t v, std::size_t depth, bool item, std::string_view key) {
    const json_token& t = tokens_[v];
    if (is_scalar(t.kind)) {
      out_.outline_line(depth, item, key, scalar_text(t));
      return;
    }
    const std::size_t end = t.length;
    const bool object = t.kind == json_kind::object_begin;
    if (end == v + 1) {
      out_.outline_line(depth, item, key, object ? "{}" : "[]");
      return;
    }
    if (object) {
      if (!key.empty()) {
        out_.outline_line(depth, item, key, {});
        stack_.push_back({true, v + 1, end, depth + 1 + (item ? 1 : 0), false});
      } else {
        stack_.push_back({true, v + 1, end, item ? depth + 1 : depth, item});
      }
      return;
    }
    if (inline_array(v + 1, end)) {
      out_.outline_line(depth, item, key, joined_);
      return;
    }
    if (!key.empty()) {
      out_.outline_line(depth, item, key, {});
      // Only at the top: a table deep inside an outline breaks its indentation and its reading.
      if (depth == 0 && !item && emit_table(v + 1, end)) return;
      stack_.push_back({false, v + 1, end, depth + 1 + (item ? 1 : 0), false});
      return;
    }
    if (!item && emit_table(v + 1, end)) return;
    if (item) out_.outline_line(depth, false, {}, "-");  // an array directly inside an array
    stack_.push_back({false, v + 1, end, item ? depth + 1 : depth, false});
  }

  // Elements [first, end) all scalars, short enough for one line: joins them into joined_.
  bool inline_array(std::size_t first, std::size_t end) {
    joined_.clear();
    for (std::size_t i = first; i < end; ++i) {
      const json_token& t = tokens_[i];
      if (!is_scalar(t.kind)) return false;
      const std::string_view s = scalar_text(t);
      if (s.find_first_of("\n\r") != std::string_view::npos) return false;
      if (!joined_.empty()) joined_ += ", ";
      joined_ += s;
      if (joined_.size() > inline_array_bytes) return false;
    }
    return true;
  }

  [[nodiscard]] bool cell_ok(const json_token& t) const noexcept {
    if (!is_scalar(t.kind)) return false;
    const std::string_view s = scalar_text(t);
    return s.size() <= table_max_cell_bytes && s.find_first_of("\n\r") == std::string_view::npos;
  }

  // Elements [first, end) as a table, when they are records with the same keys or rows of
  // scalars (two or more). Returns false (writing nothing) otherwise.
  bool emit_table(std::size_t first, std::size_t end) {
    std::size_t rows = 0, width = 0;
    bool objects = false;
    for (std::size_t i = first; i < end; i = after(i)) {
      const json_token& t = tokens_[i];
      if (t.kind != json_kind::object_begin && t.kind != json_kind::array_begin) return false;
      const bool object = t.kind == json_kind::object_begin;
      if (rows == 0) objects = object;
      if (object != objects || t.length == i + 1) return false;
      std::size_t cells = 0;
      if (object) {
        for (std::size_t k = i + 1; k < t.length; k += 2, ++cells) {
          if (!cell_ok(tokens_[k + 1])) return false;
          if (rows > 0) {  // same keys in the same order as the first record
            if (cells >= width) return false;
            const std::size_t first_key = first + 1 + 2 * cells;
            if (tape_.text(input_, tokens_[k]) != tape_.text(input_, tokens_[first_key])) return false;
          }
        }
        if (rows > 0 && cells != width) return false;
      } else {
        for (std::size_t k = i + 1; k < t.length; ++k, ++cells) {
          if (!cell_ok(tokens_[k])) return false;
        }
      }
      if (cells > table_max_columns) return false;
      if (rows == 0 || !objects) width = std::max(width, cells);
      ++rows;
    }
    if (rows < 2) return false;
    out_.begin_table(width);
    std::vector<std::string_view>& cells = cells_;
    if (objects) {
      cells.clear();
      for (std::size_t k = first + 1; k < tokens_[first].length; k += 2) cells.push_back(tape_.text(input_, tokens_[k]));
      out_.table_row(cells);
    }
    for (std::size_t i = first; i < end && !out_.stopped(); i = after(i)) {
      cells.clear();
      const std::size_t step = objects ? 2 : 1;
      for (std::size_t k = i + 1 + (objects ? 1 : 0); k < tokens_[i].length; k += step) {
        cells.push_back(scalar_text(tokens_[k]));
      }
      out_.table_row(cells);
    }
    out_.end_table();
    return true;
  }

  const json_tape& tape_;
  const std::vector<json_token>& tokens_;
  std::string_view input_;
  writer& out_;
  std::vector<frame> stack_;
  std::string joined_;
  std::vector<std::string_view> cells_;
};

}  // namespace

void render_json(const json_tape& tape, std::string_view input, writer& out) { renderer(tape, input, out).run(); }

}  // namespace quarry::detail
