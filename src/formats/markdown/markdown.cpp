// Markdown (CommonMark + GFM tables, strikethrough, task lists, autolinks; $math$ spans) through
// md4c: its callbacks become writer events, so plain text drops the syntax but keeps every word
// (heading, link and alt text, code, table cells) and Markdown output is the document re-rendered
// in normalized form. YAML front matter becomes metadata (front_matter.cpp).
//
// md4c itself reads 100,000-deep quotes, lists and emphasis in linear time without recursion, but
// reports the full depth: beyond limits.max_depth we ignore structure events and keep the text.
#include <limits>
#include <string>
#include <vector>

#include <md4c.h>

#include "core/utf8.hpp"
#include "formats/extractors.hpp"
#include "formats/markdown/front_matter.hpp"
#include "formats/markdown/html_text.hpp"

namespace quarry::detail {

namespace {

// The document as UTF-8: a UTF-16 BOM converts, invalid sequences become U+FFFD (one warning),
// bytes that are plainly binary (many control characters) are not Markdown at all.
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
    return error{error_code::corrupt, 0, "binary data, not Markdown text"};
  }
  if (!is_valid_utf8(text)) {
    const std::size_t bad = append_utf8_sanitized(text, storage);
    out.warn("invalid_utf8", std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD");
    text = storage;
  }
  return std::monostate{};
}

// An md4c attribute (link target, image source, code language) as UTF-8 text, references decoded.
void attribute_text(const MD_ATTRIBUTE& a, std::string& out) {
  out.clear();
  if (a.text == nullptr || a.size == 0) return;
  if (a.substr_offsets == nullptr || a.substr_types == nullptr) {
    out.assign(a.text, a.size);
    return;
  }
  for (std::size_t i = 0; a.substr_offsets[i] < a.size; ++i) {
    const std::string_view part(a.text + a.substr_offsets[i], a.substr_offsets[i + 1] - a.substr_offsets[i]);
    switch (a.substr_types[i]) {
      case MD_TEXT_ENTITY: append_character_reference(part, out); break;
      case MD_TEXT_NULLCHAR: append_utf8(replacement_char, out); break;
      default: out.append(part); break;
    }
  }
}

class md_renderer {
 public:
  explicit md_renderer(writer& out) : out_(out), md_(out.markdown()), max_depth_(out.limits().max_depth) {}

  static int enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
    return static_cast<md_renderer*>(self)->on_enter_block(type, detail);
  }
  static int leave_block(MD_BLOCKTYPE type, void* /*detail*/, void* self) {
    return static_cast<md_renderer*>(self)->on_leave_block(type);
  }
  static int enter_span(MD_SPANTYPE type, void* detail, void* self) {
    return static_cast<md_renderer*>(self)->on_enter_span(type, detail);
  }
  static int leave_span(MD_SPANTYPE type, void* /*detail*/, void* self) {
    return static_cast<md_renderer*>(self)->on_leave_span(type);
  }
  static int text(MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE size, void* self) {
    return static_cast<md_renderer*>(self)->on_text(type, std::string_view(s, size));
  }

 private:
  [[nodiscard]] int result() const noexcept { return out_.stopped() ? 1 : 0; }

  // Counts an element against limits.max_entries; structure deeper than limits.max_depth is
  // ignored (its text is kept, kept apart by spaces). True: skip this element's event.
  bool too_deep() {
    if (++entries_ > out_.limits().max_entries && !out_.stopped()) {
      out_.fail({error_code::limit_exceeded, error::no_offset,
                 "Markdown has more than limits.max_entries (" + std::to_string(out_.limits().max_entries) +
                     ") elements"});
    }
    if (++depth_ <= max_depth_) return false;
    if (!depth_warned_) {
      depth_warned_ = true;
      out_.warn("max_depth", "Markdown nesting deeper than limits.max_depth (" + std::to_string(max_depth_) +
                                 ") was flattened");
    }
    if (!collecting()) out_.space();
    return true;
  }

  // Text goes to a table cell or image alt text instead of the writer.
  [[nodiscard]] bool collecting() const noexcept { return image_depth_ > 0 || in_cell_; }
  std::string& collector() { return image_depth_ > 0 ? alt_ : rows_.back().back(); }

  int on_enter_block(MD_BLOCKTYPE type, void* detail) {
    if (too_deep()) return result();
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: out_.begin_quote(); break;
      case MD_BLOCK_UL: out_.begin_list(false); break;
      case MD_BLOCK_OL: out_.begin_list(true, static_cast<const MD_BLOCK_OL_DETAIL*>(detail)->start); break;
      case MD_BLOCK_LI: {
        out_.begin_item();
        const auto* li = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
        if (li->is_task) out_.raw(li->task_mark == ' ' ? "[ ] " : "[x] ");
        break;
      }
      case MD_BLOCK_HR: out_.rule(); break;
      case MD_BLOCK_H: out_.begin_heading(static_cast<int>(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level)); break;
      case MD_BLOCK_CODE:
        attribute_text(static_cast<const MD_BLOCK_CODE_DETAIL*>(detail)->lang, scratch_);
        out_.begin_code_block(scratch_);
        break;
      case MD_BLOCK_HTML:
        html_.reset();
        out_.paragraph();
        break;
      case MD_BLOCK_P: out_.paragraph(); break;
      case MD_BLOCK_TABLE:
        in_table_ = true;
        rows_.clear();
        break;
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY: break;
      case MD_BLOCK_TR:
        if (in_table_) rows_.emplace_back();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        if (in_table_ && !rows_.empty()) {
          rows_.back().emplace_back();
          in_cell_ = true;
        }
        break;
    }
    return result();
  }

  int on_leave_block(MD_BLOCKTYPE type) {
    if (depth_-- > max_depth_) {
      if (!collecting()) out_.space();
      return result();
    }
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: out_.end_quote(); break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL: out_.end_list(); break;
      case MD_BLOCK_LI: out_.end_item(); break;
      case MD_BLOCK_HR: break;
      case MD_BLOCK_H: out_.end_heading(); break;
      case MD_BLOCK_CODE: out_.end_code_block(); break;
      case MD_BLOCK_HTML:
        html_.reset();
        out_.paragraph();
        break;
      case MD_BLOCK_P: out_.paragraph(); break;
      case MD_BLOCK_TABLE:
        in_table_ = false;
        in_cell_ = false;
        out_.add_table(std::move(rows_));
        rows_.clear();
        break;
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY:
      case MD_BLOCK_TR: break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: in_cell_ = false; break;
    }
    return result();
  }

  int on_enter_span(MD_SPANTYPE type, void* detail) {
    if (too_deep()) return result();
    if (type == MD_SPAN_IMG) {
      if (image_depth_++ == 0) {
        attribute_text(static_cast<const MD_SPAN_IMG_DETAIL*>(detail)->src, src_);
        alt_.clear();
      }
      return result();
    }
    if (collecting()) return result();  // cells and alt text are plain
    switch (type) {
      case MD_SPAN_EM: out_.begin_span(span_kind::emphasis); break;
      case MD_SPAN_STRONG: out_.begin_span(span_kind::strong); break;
      case MD_SPAN_CODE: out_.begin_span(span_kind::code); break;
      case MD_SPAN_DEL: out_.begin_span(span_kind::strike); break;
      case MD_SPAN_A:
        attribute_text(static_cast<const MD_SPAN_A_DETAIL*>(detail)->href, scratch_);
        out_.begin_span(span_kind::link, scratch_);
        break;
      // Math keeps its delimiters in plain text too: "the $n$th root" reads better than "the nth".
      case MD_SPAN_LATEXMATH: out_.raw("$"); break;
      case MD_SPAN_LATEXMATH_DISPLAY: out_.raw("$$"); break;
      default: break;
    }
    return result();
  }

  int on_leave_span(MD_SPANTYPE type) {
    if (depth_-- > max_depth_) {
      if (!collecting()) out_.space();
      return result();
    }
    if (type == MD_SPAN_IMG) {
      if (--image_depth_ == 0) {
        if (in_cell_) {
          rows_.back().back().append(alt_);
        } else {
          out_.image(alt_, src_);
        }
      }
      return result();
    }
    if (collecting()) return result();
    switch (type) {
      case MD_SPAN_EM: out_.end_span(span_kind::emphasis); break;
      case MD_SPAN_STRONG: out_.end_span(span_kind::strong); break;
      case MD_SPAN_CODE: out_.end_span(span_kind::code); break;
      case MD_SPAN_DEL: out_.end_span(span_kind::strike); break;
      case MD_SPAN_A: out_.end_span(span_kind::link); break;
      case MD_SPAN_LATEXMATH: out_.raw("$"); break;
      case MD_SPAN_LATEXMATH_DISPLAY: out_.raw("$$"); break;
      default: break;
    }
    return result();
  }

  int on_text(MD_TEXTTYPE type, std::string_view s) {
    if (collecting()) {
      std::string& c = collector();
      switch (type) {
        case MD_TEXT_NULLCHAR: append_utf8(replacement_char, c); break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR: c += ' '; break;
        case MD_TEXT_ENTITY: append_character_reference(s, c); break;
        case MD_TEXT_HTML: break;  // tags in a cell or alt text: their text arrives as normal text
        default: c.append(s); break;
      }
      return result();
    }
    switch (type) {
      case MD_TEXT_NORMAL: out_.text_collapsed(s); break;
      case MD_TEXT_NULLCHAR: out_.text("\xEF\xBF\xBD"); break;
      case MD_TEXT_BR: out_.line_break(); break;
      case MD_TEXT_SOFTBR: out_.space(); break;
      case MD_TEXT_ENTITY:
        scratch_.clear();
        append_character_reference(s, scratch_);
        out_.text(scratch_);
        break;
      case MD_TEXT_CODE: out_.text(s); break;
      case MD_TEXT_LATEXMATH:  // LaTeX as written, between the $ delimiters the span writes
        out_.raw(s);
        break;
      case MD_TEXT_HTML:
        if (md_) out_.raw(s);
        else html_.feed(s, out_);
        break;
    }
    return result();
  }

  writer& out_;
  bool md_;
  std::uint32_t max_depth_;
  std::uint32_t depth_ = 0;
  std::uint64_t entries_ = 0;
  bool depth_warned_ = false;
  bool in_table_ = false;
  bool in_cell_ = false;
  std::vector<std::vector<std::string>> rows_;
  int image_depth_ = 0;
  std::string alt_;
  std::string src_;
  std::string scratch_;
  html_text html_;
};

}  // namespace

status extract_markdown(std::span<const std::byte> bytes, writer& out) {
  std::string storage;
  std::string_view text;
  if (status st = decode_text(bytes, storage, text, out); !st.ok()) return st;
  if (text.data() != storage.data()) {
    // md4c 0.4.8 reads one byte past the end in places (an unfinished inline link "[l](u" at the
    // very end checks for a newline there): give it a NUL-terminated copy, never the caller's
    // buffer, whose next byte may be unmapped or may continue the link.
    storage.assign(text);
    text = storage;
  }
  if (text.size() > std::numeric_limits<MD_SIZE>::max()) {
    return error{error_code::limit_exceeded, error::no_offset, "Markdown larger than 4 GB"};
  }
  if (const front_matter fm = find_front_matter(text); fm.size > 0 && report_front_matter(fm.yaml, out)) {
    text.remove_prefix(fm.size);
  }
  md_renderer r(out);
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_TASKLISTS |
                 MD_FLAG_LATEXMATHSPANS;
  parser.enter_block = &md_renderer::enter_block;
  parser.leave_block = &md_renderer::leave_block;
  parser.enter_span = &md_renderer::enter_span;
  parser.leave_span = &md_renderer::leave_span;
  parser.text = &md_renderer::text;
  const int rc = md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &r);
  if (rc < 0 && !out.stopped()) return error{error_code::out_of_memory, error::no_offset, "md4c ran out of memory"};
  return std::monostate{};
}

}  // namespace quarry::detail
