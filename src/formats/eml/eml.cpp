// Email (RFC 5322 + MIME): the header block of the message (From, To, Cc, Date, Subject) and then
// its body as a mail client shows it. multipart/alternative shows one alternative (text/plain
// preferred, else the richest other: a multipart, then text/html through the HTML extractor);
// multipart/related its root part; other multiparts all their parts in order. A message/rfc822
// part is shown with its own header block, as a quote. Attachments are listed in the metadata,
// not extracted; only inline text/plain and text/html parts without a file name are text.
// The MIME tree is walked with an explicit stack.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "formats/eml/charset.hpp"
#include "formats/eml/envelope.hpp"
#include "formats/eml/plain_text.hpp"
#include "formats/eml/tree.hpp"
#include "formats/extractors.hpp"

namespace quarry::detail {

namespace eml {

namespace {

// Nested messages deeper than this are not quoted further: each Markdown quote level prefixes
// every line, so deep nesting would otherwise multiply the output.
constexpr std::size_t max_quote_nesting = 8;

bool is_white(std::string_view s) noexcept {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
  }
  return true;
}

class renderer {
 public:
  renderer(tree& t, writer& out) : t_(t), out_(out) {}

  void run() {
    const part& top = t_.parts[0];
    const envelope env = read_envelope(top.header, issues_);
    write_envelope_metadata(env, out_);
    write_header_block(env, out_);
    out_.paragraph();

    stack_.push_back({0, step::enter, false});
    while (!stack_.empty() && !out_.stopped()) {
      const work w = stack_.back();
      stack_.pop_back();
      if (w.what == step::end_quote) {
        out_.end_quote();
        --quotes_;
        continue;
      }
      visit(w.index, w.silent);
    }
    finish();
  }

 private:
  enum class step : std::uint8_t { enter, end_quote };
  struct work {
    std::uint32_t index;
    step what;
    bool silent;  // a part not shown (an alternative not chosen): only its attachments are listed
  };

  [[nodiscard]] static bool is_attachment(const part& p) noexcept { return p.attachment || !p.filename.empty(); }

  void visit(std::uint32_t index, bool silent) {
    const part& p = t_.parts[index];
    if (!silent && p.message && index != 0) {
      // A message inside the message: its header block, then its body, quoted.
      const bool quote = quotes_ < max_quote_nesting;
      if (quote) {
        out_.begin_quote();
        ++quotes_;
        stack_.push_back({index, step::end_quote, false});
      } else {
        out_.paragraph();
      }
      write_header_block(read_envelope(p.header, issues_), out_);
      out_.paragraph();
    }
    if (!silent && (p.type == "multipart/encrypted" || p.type == "application/pkcs7-mime" ||
                    p.type == "application/x-pkcs7-mime")) {
      warn_once(warned_encrypted_, "encrypted", "a part is encrypted (PGP/MIME or S/MIME); it is listed, not extracted");
    }
    if (p.is_multipart()) {
      if (p.has_children()) {
        push_children(p, silent);
      } else if (!silent && !p.body.empty()) {
        // No boundary, or one that never occurs: the body is all there is.
        warn_once(warned_no_parts_, "multipart_without_parts",
                  "a multipart part has no parts (a missing or wrong boundary); its body is shown as text");
        show_text(p);
      }
      return;
    }
    if (p.is_message()) {
      if (is_attachment(p) || silent || !p.has_children()) list_attachment(p);
      if (!silent && p.has_children()) stack_.push_back({p.first_child, step::enter, false});
      return;
    }
    const bool inline_text = !is_attachment(p) && (p.type == "text/plain" || p.type == "text/html");
    if (!inline_text) {
      list_attachment(p);
      return;
    }
    if (silent) return;
    if (p.type == "text/html") show_html(p);
    else show_text(p);
  }

  // Children go on the stack in reverse, so they are visited in order.
  void push_children(const part& p, bool silent) {
    std::uint32_t shown = no_part;
    if (!silent) {
      if (p.type == "multipart/alternative") shown = choose_alternative(p);
      else if (p.type == "multipart/related") shown = related_root(p);
    }
    const bool all = !silent && shown == no_part && p.type != "multipart/alternative" && p.type != "multipart/related";
    const std::size_t mark = stack_.size();
    for (std::uint32_t c = p.first_child; c != no_part; c = t_.parts[c].next_sibling) {
      stack_.push_back({c, step::enter, !(all || c == shown)});
    }
    std::reverse(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
  }

  // text/plain unless it is empty, else a multipart (related HTML with images, mixed...), else
  // text/html; the first of equals.
  std::uint32_t choose_alternative(const part& p) {
    std::uint32_t best = no_part;
    int best_rank = 0;
    for (std::uint32_t c = p.first_child; c != no_part; c = t_.parts[c].next_sibling) {
      const part& k = t_.parts[c];
      int rank = 0;
      if (k.is_multipart()) rank = 2;
      else if (k.is_message()) rank = 1;
      else if (!is_attachment(k) && k.type == "text/html") rank = 1;
      else if (!is_attachment(k) && k.type == "text/plain") rank = blank_text(k) ? 0 : 3;
      if (rank > best_rank) {
        best = c;
        best_rank = rank;
      }
    }
    return best;
  }

  // The part the "start" parameter names, else the first.
  std::uint32_t related_root(const part& p) const {
    if (!p.start.empty()) {
      for (std::uint32_t c = p.first_child; c != no_part; c = t_.parts[c].next_sibling) {
        if (t_.parts[c].content_id == p.start) return c;
      }
    }
    return p.first_child;
  }

  bool blank_text(const part& k) {
    if (k.encoding == transfer_encoding::identity) return is_white(k.body);
    std::string decoded;
    (void)decode_body(k.body, k.encoding, decoded, k.body.size());  // never longer than the body
    return is_white(decoded);
  }

  // The transfer-decoded body: a view of the input, or of decoded_ (counted against the limit).
  bool decode(const part& p, std::string_view& bytes) {
    if (p.encoding == transfer_encoding::identity) {
      bytes = p.body;
      return true;
    }
    const std::uint64_t limit = out_.limits().max_decompressed_bytes;
    const std::uint64_t budget = limit > t_.decoded_bytes ? limit - t_.decoded_bytes : 0;
    if (!decode_body(p.body, p.encoding, decoded_, budget)) {
      out_.fail(error{error_code::limit_exceeded, error::no_offset,
                      "decoded parts exceed limits.max_decompressed_bytes (" + std::to_string(limit) + ")"});
      return false;
    }
    t_.decoded_bytes += decoded_.size();
    bytes = decoded_;
    return true;
  }

  charset_choice charset_for(const part& p, std::string_view bytes) {
    const charset_choice c = choose_charset(p.charset, bytes);
    if (!c.known && issues_.unknown_charset.empty()) issues_.unknown_charset = p.charset;
    return c;
  }

  void show_text(const part& p) {
    std::string_view bytes;
    if (!decode(p, bytes)) return;
    const charset_choice c = charset_for(p, bytes);
    out_.paragraph();
    issues_.invalid += write_plain_text(bytes, c, {p.flowed, p.delsp}, out_);
    out_.paragraph();
  }

  void show_html(const part& p) {
    std::string_view bytes;
    if (!decode(p, bytes)) return;
    // A charset parameter names the encoding; without one (or with "us-ascii", often wrong) the
    // page's own <meta charset> or the bytes decide, as for a web page.
    const charset_choice c = charset_for(p, bytes);
    std::optional<encoding> declared;
    if (c.declared || !c.known) {
      declared = c.enc;
      bytes.remove_prefix(std::min(c.bom, bytes.size()));
    }
    out_.paragraph();
    (void)extract_html_embedded(bytes, declared, out_);
    out_.paragraph();
  }

  void list_attachment(const part& p) {
    value a = value::object();
    a.set("name", value(p.filename));
    a.set("mimeType", value(p.type));
    a.set("size", value(decoded_size(p.body, p.encoding)));
    attachments_.push_back(std::move(a));
    if (p.type.starts_with("image/")) {
      // The writer passes it on only with options::extract_images. Dimensions would need the
      // image's header decoded; they are left unknown.
      image_info im;
      std::string_view sub = std::string_view(p.type).substr(6);
      if (sub.starts_with("x-")) sub.remove_prefix(2);
      if (sub == "jpg" || sub == "pjpeg") sub = "jpeg";
      if (sub == "svg+xml") sub = "svg";
      im.format.assign(sub);
      im.name = p.filename;
      out_.add_image(std::move(im));
    }
  }

  void warn_once(bool& done, std::string_view code, std::string message) {
    if (done) return;
    done = true;
    out_.warn(code, std::move(message));
  }

  void finish() {
    out_.metadata("attachments", std::move(attachments_));
    const std::string& unknown =
        !issues_.unknown_charset.empty() ? issues_.unknown_charset : t_.issues.unknown_charset;
    if (!unknown.empty()) {
      out_.warn("unsupported_charset", "the charset \"" + unknown +
                                           "\" is not supported; read as UTF-8 where valid, else as windows-1252");
    }
    const std::size_t invalid = issues_.invalid + t_.issues.invalid;
    if (invalid != 0) {
      out_.warn("invalid_utf8", std::to_string(invalid) + " invalid byte sequence(s) replaced by U+FFFD");
    }
    if (t_.unterminated) {
      out_.warn("truncated", "a multipart part ends without its closing boundary (the message may be cut off)");
    }
  }

  tree& t_;
  writer& out_;
  std::vector<work> stack_;
  std::size_t quotes_ = 0;
  text_issues issues_;
  std::string decoded_;
  value attachments_ = value::array();
  bool warned_no_parts_ = false;
  bool warned_encrypted_ = false;
};

}  // namespace

}  // namespace eml

status extract_eml(std::span<const std::byte> bytes, writer& out) {
  eml::tree t;
  if (status st = eml::parse_tree(as_chars(bytes), out.limits(), t); !st.ok()) return st;
  eml::renderer(t, out).run();
  return std::monostate{};
}

}  // namespace quarry::detail
