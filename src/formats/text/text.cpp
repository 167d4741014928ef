// Plain text: UTF-8 (BOM or not), UTF-16 LE/BE (BOM or the zero-byte pattern), else Windows-1252.
#include <string>

#include "core/utf8.hpp"
#include "formats/extractors.hpp"

namespace quarry::detail {

namespace {

// Converted text goes to the writer in slices of this many input bytes, so a 100 MB file never
// needs a second 100 MB buffer.
constexpr std::size_t slice_bytes = 64 * 1024;

// Counts lines, words and characters of UTF-8 text, across slices.
struct text_stats {
  std::uint64_t lines = 0, words = 0, characters = 0;
  bool in_word = false, line_open = false;

  void add(std::string_view s) {
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if ((c & 0xC0) != 0x80) ++characters;
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v';
      if (!space && !in_word) ++words;
      in_word = !space;
      if (c == '\n') {
        ++lines;
        line_open = false;
      } else {
        line_open = true;
      }
    }
  }
  [[nodiscard]] std::uint64_t line_count() const { return lines + (line_open ? 1 : 0); }
};

// Line endings become "\n" and NULs disappear; `pending_cr` carries a '\r' across slices.
void normalize(std::string& s, bool& pending_cr) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < s.size(); ++r) {
    const char c = s[r];
    if (pending_cr) {
      pending_cr = false;
      s[w++] = '\n';
      if (c == '\n') continue;
    }
    if (c == '\r') {
      pending_cr = true;
    } else if (c != '\0') {
      s[w++] = c;
    }
  }
  s.resize(w);
}

// Plain text read in pieces: the encoding is decided on the first 64 KB (or the whole text when
// shorter); a code point, a UTF-16 unit or a CR LF split between pieces is carried over.
class text_stream final : public input_stream {
 public:
  explicit text_stream(writer& out) : out_(out) {}

  status feed(std::span<const std::byte> piece) override {
    std::string_view in = as_chars(piece);
    if (!decided_) {
      if (head_.size() + in.size() < detect_bytes) {
        head_.append(in);
        return std::monostate{};
      }
      if (!head_.empty()) {
        head_.append(in);
        const std::string head = std::move(head_);
        head_.clear();
        decode_all(std::string_view(head).substr(decide(head, false)));
        return std::monostate{};
      }
      in.remove_prefix(decide(in.substr(0, detect_bytes), false));
    }
    decode_all(in);
    return std::monostate{};
  }

  status finish() override {
    if (!decided_) {
      const std::string head = std::move(head_);
      decode_all(std::string_view(head).substr(decide(head, true)));
    }
    if (!carry_.empty()) {  // a sequence cut off by the end of the text
      std::string tail;
      invalid_ += convert_to_utf8(carry_, enc_, tail);
      carry_.clear();
      emit(tail);
    }
    if (pending_cr_) {
      pending_cr_ = false;
      stats_.add("\n");
      out_.text("\n");
    }
    if (invalid_) {
      out_.warn(wide() ? "invalid_utf16" : "invalid_utf8",
                std::to_string(invalid_) + " invalid byte sequence(s) replaced by U+FFFD");
    }
    out_.metadata("encoding", value(encoding_name(enc_)));
    out_.metadata("lineCount", value(stats_.line_count()));
    out_.metadata("wordCount", value(stats_.words));
    out_.metadata("characterCount", value(stats_.characters));
    return std::monostate{};
  }

 private:
  static constexpr std::size_t detect_bytes = 64 * 1024;

  [[nodiscard]] bool wide() const noexcept { return enc_ == encoding::utf16le || enc_ == encoding::utf16be; }

  // Chooses the encoding from the start of the text; returns the length of its BOM.
  std::size_t decide(std::string_view head, bool whole) {
    decided_ = true;
    if (const std::size_t bom = detect_bom(head, enc_)) return bom;
    if (!guess_utf16(head, enc_)) {
      const std::size_t valid = valid_utf8_prefix(head);
      const bool utf8 = valid == head.size() || (!whole && valid == utf8_complete_prefix(head));
      enc_ = utf8 ? encoding::utf8 : encoding::windows1252;
    }
    return 0;
  }

  void decode_all(std::string_view in) {
    while (!in.empty() && !out_.stopped()) {
      const std::size_t n = std::min(in.size(), slice_bytes);
      decode(in.substr(0, n));
      in.remove_prefix(n);
    }
  }

  // Converts `in` (after the carried bytes) and writes it, keeping an incomplete tail for later.
  void decode(std::string_view in) {
    std::string_view data = in;
    std::string joined;
    if (!carry_.empty()) {
      joined = carry_ + std::string(in);
      carry_.clear();
      data = joined;
    }
    std::size_t end = data.size();
    if (enc_ == encoding::utf8) {
      end = utf8_complete_prefix(data);
    } else if (wide()) {
      end &= ~std::size_t{1};
      if (end >= 2) {  // keep a high surrogate with its partner
        const auto hi = static_cast<unsigned char>(data[enc_ == encoding::utf16le ? end - 1 : end - 2]);
        if (hi >= 0xD8 && hi <= 0xDB) end -= 2;
      }
    }
    carry_.assign(data.substr(end));
    converted_.clear();
    invalid_ += convert_to_utf8(data.substr(0, end), enc_, converted_);
    emit(converted_);
  }

  void emit(std::string& text) {
    normalize(text, pending_cr_);
    stats_.add(text);
    out_.text(text);
  }

  writer& out_;
  bool decided_ = false;
  encoding enc_ = encoding::utf8;
  std::string head_;
  std::string carry_;
  std::string converted_;
  bool pending_cr_ = false;
  std::size_t invalid_ = 0;
  text_stats stats_;
};

}  // namespace

std::unique_ptr<input_stream> open_text_stream(writer& out) { return std::make_unique<text_stream>(out); }

status extract_text(std::span<const std::byte> bytes, writer& out) {
  return extract_with_stream(open_text_stream, bytes, out);
}

}  // namespace quarry::detail
