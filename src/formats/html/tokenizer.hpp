// The HTML tokenizer: the WHATWG tokenizer state machine, push-based and resumable. feed() takes
// UTF-8 in pieces split anywhere (inside a tag, an attribute, a character reference, a UTF-8
// sequence) and finish() ends the input; the tokens are the same whatever the split.
//
// Deviations from the standard, all invisible to text extraction: U+0000 in the data state is
// dropped (the tree builder would ignore it), DOCTYPE tokens carry only their name, newlines are
// not normalised (CR stays CR), and parse errors are not reported.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/html/elements.hpp"

namespace quarry::detail::html {

/// One attribute of a tag token; both views are valid only during the sink call.
struct attribute_view {
  std::string_view name;   ///< lower case
  std::string_view value;  ///< character references decoded
};

/// A start or end tag token; views are valid only during the sink call.
struct tag_view {
  std::string_view name;  ///< lower case
  std::span<const attribute_view> attributes;
  bool self_closing = false;

  /// The value of attribute `name`, or nullptr when absent.
  [[nodiscard]] const std::string_view* find(std::string_view attr) const noexcept {
    for (const auto& a : attributes)
      if (a.name == attr) return &a.value;
    return nullptr;
  }
};

/// Receives tokens. Character data arrives coalesced: between two other tokens there is at most
/// one on_text call, except that runs longer than 64 KB are cut (at the same places however the
/// input was split), so memory stays bounded.
class token_sink {
 public:
  virtual ~token_sink() = default;
  /// Character data (UTF-8).
  virtual void on_text(std::string_view text) = 0;
  /// A start tag; returns the state to tokenize its content in, which is how the tree builder
  /// switches the tokenizer for <script>, <style>, <textarea>...
  virtual text_mode on_start_tag(const tag_view& tag) = 0;
  /// An end tag.
  virtual void on_end_tag(const tag_view& tag) = 0;
  /// A comment (its data only when the tokenizer keeps comments).
  virtual void on_comment(std::string_view data) { (void)data; }
  /// A DOCTYPE, with its lower-cased name.
  virtual void on_doctype(std::string_view name) { (void)name; }
  /// Whether "<![CDATA[" opens a CDATA section here: true when the current node is SVG or MathML.
  virtual bool cdata_allowed() { return false; }
};

/// The tokenizer. It owns a few reusable buffers and allocates nothing per token once they have
/// grown to the document's largest tag.
class tokenizer {
 public:
  /// `keep_comments` makes comment tokens carry their data (tests); extraction does not need it.
  explicit tokenizer(token_sink& sink, bool keep_comments = false);
  tokenizer(const tokenizer&) = delete;
  tokenizer& operator=(const tokenizer&) = delete;

  /// Tokenizes the next piece of input. The piece must be valid UTF-8 as a whole stream (a piece
  /// may end inside a sequence that the next one completes).
  void feed(std::string_view chunk);
  /// Ends the input: emits what is pending as the standard's end-of-file rules say.
  void finish();
  /// Stops tokenizing: feed() and finish() return at once from now on.
  void stop() noexcept { stopped_ = true; }
  [[nodiscard]] bool stopped() const noexcept { return stopped_; }

  /// The states of the standard's tokenizer, one for one, except: raw_* serve RCDATA, RAWTEXT and
  /// script (escaped) end tags alike; doctype* stand for all DOCTYPE states (they all end at '>');
  /// the ambiguous-ampersand state is folded into the return state (it only reports errors).
  enum class state : std::uint8_t {
    data, rcdata, rawtext, script_data, plaintext,
    tag_open, end_tag_open, tag_name,
    raw_lt, raw_end_tag_open, raw_end_tag_name,  // RCDATA / RAWTEXT / script (escaped) end tags
    script_lt, script_escape_start, script_escape_start_dash,
    script_escaped, script_escaped_dash, script_escaped_dash_dash, script_escaped_lt,
    script_double_escape_start, script_double_escaped, script_double_escaped_dash,
    script_double_escaped_dash_dash, script_double_escaped_lt, script_double_escape_end,
    before_attr_name, attr_name, after_attr_name, before_attr_value,
    attr_value_dq, attr_value_sq, attr_value_unquoted, after_attr_value_quoted,
    self_closing_start_tag,
    markup_declaration_open, bogus_comment,
    comment_start, comment_start_dash, comment, comment_lt, comment_lt_bang, comment_lt_bang_dash,
    comment_lt_bang_dash_dash, comment_end_dash, comment_end, comment_end_bang,
    doctype, doctype_name, doctype_rest,
    cdata, cdata_bracket, cdata_end,
    char_ref, named_char_ref, numeric_char_ref, hex_ref_start, dec_ref_start, hex_ref, dec_ref,
  };

  /// The current state (tests).
  [[nodiscard]] state current_state() const noexcept { return state_; }

 private:
  struct attr_pos {
    std::uint32_t name_begin, name_end, value_end;  // offsets in attr_data_; the value follows the name
  };

  // Character data goes to pending text: a view into the current chunk while it stays contiguous
  // (emit_text, for bytes of the chunk), else a copy (emit_copy, for anything else).
  void emit_text(const char* s, std::size_t n);
  void emit_copy(std::string_view s);
  void flush_text();
  void cut_long_text();

  void start_tag_token(bool end);
  void start_attribute();
  void finish_attribute();
  void emit_tag();
  void emit_comment();
  void emit_doctype();

  // Character references: where their characters go depends on the return state.
  [[nodiscard]] bool ref_in_attribute() const noexcept {
    return return_state_ == state::attr_value_dq || return_state_ == state::attr_value_sq ||
           return_state_ == state::attr_value_unquoted;
  }
  void ref_output(std::string_view s);
  void ref_output_code_point(char32_t cp);
  void resolve_named_ref(int next);  // next: the character after the name, or -1 at end of input
  void resolve_numeric_ref();

  void append_attr_value(const char* s, std::size_t n);
  [[nodiscard]] bool appropriate_end_tag() const noexcept { return tag_name_ == last_start_tag_; }
  void raw_end_tag_failed();  // "</" + the buffer go back to the raw text

  void run(const char* p, const char* end);

  token_sink& sink_;
  bool keep_comments_;
  bool stopped_ = false;
  state state_ = state::data;
  state return_state_ = state::data;  // character references
  state raw_state_ = state::rcdata;   // where a failed raw-text end tag goes back to

  // Pending character data.
  const char* text_ptr_ = nullptr;
  std::size_t text_len_ = 0;
  bool text_in_buf_ = false;
  std::string text_buf_;
  const char* chunk_begin_ = nullptr;

  // The tag being built.
  bool tag_is_end_ = false;
  bool self_closing_ = false;
  bool attr_open_ = false;       // an attribute is being built
  bool attr_dropped_ = false;    // it duplicates an earlier one (or exceeds the cap) and goes
  std::string tag_name_;
  std::string last_start_tag_;
  std::string attr_data_;
  std::vector<attr_pos> attrs_;
  std::vector<attribute_view> views_;

  std::string temp_;      // raw end tag candidates, script double-escape names, markup declarations
  std::string comment_;   // comment data, kept only with keep_comments_
  std::string ref_;       // the name of a named character reference being matched
  std::uint32_t ref_code_ = 0;
  char ref_x_ = 'x';      // the 'x' or 'X' of a hex reference, for the literal fallback
};

}  // namespace quarry::detail::html
