#include "core/mime.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/catalog.hpp"
#include "core/utf8.hpp"

namespace quarry::detail {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && iequals_ascii(s.substr(0, prefix.size()), prefix);
}

bool contains(std::string_view hay, std::string_view needle) noexcept {
  return hay.find(needle) != std::string_view::npos;
}

bool contains_ci(std::string_view hay, std::string_view needle) noexcept {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (lower(hay[i]) == lower(needle[0]) && iequals_ascii(hay.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view skip_ws(std::string_view s) noexcept {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  return s;
}

// Office and e-book containers are ZIP files; the entry names (stored uncompressed in the local and
// central headers) or the ODF/EPUB "mimetype" first entry tell them apart.
const format_info* zip_format(std::string_view b) noexcept {
  if (b.size() > 38 && b.substr(30, 8) == "mimetype") {
    const std::string_view m = b.substr(38, std::min<std::size_t>(80, b.size() - 38));
    if (starts_with_ci(m, "application/epub+zip")) return &catalog::epub;
    if (starts_with_ci(m, "application/vnd.oasis.opendocument.text")) return &catalog::odt;
    if (starts_with_ci(m, "application/vnd.oasis.opendocument.spreadsheet")) return &catalog::ods;
    if (starts_with_ci(m, "application/vnd.oasis.opendocument.presentation")) return &catalog::odp;
  }
  if (contains(b, "word/document.xml") || contains(b, "word/_rels")) return &catalog::docx;
  if (contains(b, "xl/workbook.xml") || contains(b, "xl/_rels")) return &catalog::xlsx;
  if (contains(b, "ppt/presentation.xml") || contains(b, "ppt/_rels")) return &catalog::pptx;
  if (contains(b, "META-INF/container.xml")) return &catalog::epub;
  return nullptr;
}

// RFC 5322 header block: at least two well-known header fields in the header (as far as the head
// we are given reaches), every line before the blank line a field or a continuation. An mbox
// "From " separator line may come first. Trace and signature fields (Received, DKIM-Signature...)
// often fill the first dozens of lines, so the whole head is read, not just its first lines.
bool looks_like_email(std::string_view s) noexcept {
  static constexpr std::string_view names[] = {
      "from:", "to:", "subject:", "date:", "received:", "return-path:", "mime-version:", "message-id:",
      "delivered-to:", "content-type:", "reply-to:", "cc:", "x-mailer:", "dkim-signature:", "sender:",
      "in-reply-to:", "references:", "x-received:", "authentication-results:", "arc-seal:",
      "x-original-to:", "envelope-to:", "user-agent:", "thread-topic:", "content-transfer-encoding:"};
  int known = 0;
  if (s.starts_with("From ") && s.size() > 5 && !is_ws(s[5]) && s[5] != ':') {
    // mbox: "From sender@example.com Mon Jan  1 00:00:00 2024"
    const std::size_t nl = s.find('\n');
    if (nl == std::string_view::npos) return false;
    s.remove_prefix(nl + 1);
    ++known;
  }
  bool any = false;
  for (int line = 0; line < 200 && !s.empty() && known < 2; ++line) {
    const std::size_t nl = s.find('\n');
    std::string_view l = s.substr(0, nl);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty()) break;  // end of the header block
    if (!is_ws(l.front())) {
      const std::size_t colon = l.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        if (nl == std::string_view::npos && any) break;  // a field cut off by the end of the head
        return false;
      }
      for (char c : l.substr(0, colon)) {
        if (c <= ' ' || c > '~') return false;  // field names are printable ASCII without spaces
      }
      for (auto n : names) known += starts_with_ci(l, n);
      any = true;
    } else if (!any) {
      return false;  // a continuation line with nothing to continue
    }
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return known >= 2;
}

bool looks_like_json(std::string_view s) noexcept {
  if (s.empty()) return false;
  const char open = s.front();
  if (open != '{' && open != '[') return false;
  const std::string_view rest = skip_ws(s.substr(1));
  if (rest.empty()) return false;
  const char c = rest.front();
  if (open == '{') return c == '"' || c == '}';
  return c == '{' || c == '[' || c == '"' || c == ']' || c == '-' || (c >= '0' && c <= '9') ||
         rest.starts_with("true") || rest.starts_with("false") || rest.starts_with("null");
}

// The tag name of a start tag at s[0] ("<div class=x>" gives "div"), or empty.
std::string_view start_tag_name(std::string_view s) noexcept {
  if (s.size() < 2 || s[0] != '<') return {};
  std::size_t n = 1;
  while (n < s.size() && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9'))) ++n;
  if (n < s.size() && !is_ws(s[n]) && s[n] != '>' && s[n] != '/') return {};  // "<htmlContent", "<a:b"
  return s.substr(1, n - 1);
}

// True when s has a start tag named `name` (not one that merely begins with it).
bool contains_tag_ci(std::string_view s, std::string_view name) noexcept {
  for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    if (iequals_ascii(start_tag_name(s.substr(i, name.size() + 2)), name)) return true;
  }
  return false;
}

bool looks_like_html(std::string_view s) noexcept {
  // Elements a document or fragment plausibly opens with; an XML vocabulary rarely uses these
  // names for its root.
  static constexpr std::string_view openers[] = {
      "html", "head", "body", "meta", "title", "link", "script", "style", "base", "div", "span", "p",
      "a", "b", "i", "u", "em", "strong", "br", "hr", "img", "table", "ul", "ol", "dl", "h1", "h2", "h3",
      "h4", "h5", "h6", "section", "article", "header", "footer", "nav", "main", "aside", "form", "pre",
      "blockquote", "center", "font", "iframe", "noscript", "figure"};
  if (starts_with_ci(s, "<!doctype html")) return true;
  // A leading comment: decide by what follows.
  if (s.starts_with("<!--")) {
    const std::string_view first = s.substr(0, 2048);
    return contains_tag_ci(first, "html") || contains_tag_ci(first, "body") || contains_ci(first, "<!doctype html");
  }
  const std::string_view name = start_tag_name(s);
  if (name.empty()) return false;
  return std::any_of(std::begin(openers), std::end(openers), [&](std::string_view o) { return iequals_ascii(o, name); });
}

// The PDF header: readers accept it anywhere in the first 1024 bytes. Only at offset 0 is it a
// signature no other format has (`strong`); later, it must at least start a line and give a
// version, so a text that mentions "%PDF-" is not taken for a PDF.
bool has_pdf_header(std::string_view b, bool& strong) noexcept {
  strong = b.starts_with("%PDF-");
  if (strong) return true;
  const std::string_view head = b.substr(0, 1024);
  for (std::size_t at = head.find("%PDF-"); at != std::string_view::npos; at = head.find("%PDF-", at + 1)) {
    const bool line_start = head[at - 1] == '\n' || head[at - 1] == '\r';
    if (line_start && at + 5 < b.size() && b[at + 5] >= '0' && b[at + 5] <= '9') return true;
  }
  return false;
}

// Images, archives and other containers we do not extract: what they are, or empty.
std::string_view known_binary_mime(std::string_view b) noexcept {
  struct magic {
    std::string_view bytes;
    std::string_view mime;
  };
  using namespace std::string_view_literals;  // the signatures contain NUL bytes
  static constexpr magic others[] = {
      {"\x89PNG\r\n\x1A\n"sv, "image/png"}, {"\xFF\xD8\xFF"sv, "image/jpeg"}, {"GIF87a"sv, "image/gif"},
      {"GIF89a"sv, "image/gif"},            {"II*\0"sv, "image/tiff"},
      {"MM\0*"sv, "image/tiff"},            {"\x1F\x8B", "application/gzip"},
      {"PK\x03\x04", "application/zip"},  {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "application/x-ole-storage"},
      {"7z\xBC\xAF\x27\x1C", "application/x-7z-compressed"}};
  for (const auto& m : others) {
    if (b.starts_with(m.bytes)) return m.mime;
  }
  if (b.size() >= 26 && b.starts_with("BM") && b.substr(6, 4) == std::string_view("\0\0\0\0", 4)) return "image/bmp";
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
  return {};
}

// Bytes that are not text: NULs (outside UTF-16) or many control characters.
bool looks_binary(std::string_view s) noexcept {
  const std::size_t n = std::min<std::size_t>(s.size(), 4096);
  std::size_t controls = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++controls;
  }
  return controls * 20 > n;
}

}  // namespace

bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

const format_info* format_from_hint(std::string_view hint) noexcept {
  hint = skip_ws(hint);
  if (const std::size_t semi = hint.find(';'); semi != std::string_view::npos) hint = hint.substr(0, semi);
  while (!hint.empty() && is_ws(hint.back())) hint.remove_suffix(1);
  if (hint.empty()) return nullptr;
  if (hint.find('/') != std::string_view::npos) {
    // MIME types may contain dots ("application/vnd.oasis.opendocument.text"), so try them first.
    for (const format_info* f : catalog::all) {
      for (auto m : f->mime_types) {
        if (iequals_ascii(m, hint)) return f;
      }
    }
    // A path like "docs/a.md" has a slash too: fall through to the name rules.
  }
  // A file name or bare extension: take what follows the last dot (or the whole hint).
  std::string_view ext = hint;
  if (const std::size_t slash = ext.find_last_of("/\\"); slash != std::string_view::npos) ext = ext.substr(slash + 1);
  if (const std::size_t dot = ext.rfind('.'); dot != std::string_view::npos) ext = ext.substr(dot + 1);
  for (const format_info* f : catalog::all) {
    for (auto e : f->extensions) {
      if (iequals_ascii(e, ext)) return f;
    }
    if (iequals_ascii(f->name, ext)) return f;
  }
  return nullptr;
}

const format_info* format_from_bytes(std::span<const std::byte> bytes, bool& strong) noexcept {
  strong = false;
  std::string_view b = as_chars(bytes);
  if (b.size() >= 4 && b.substr(0, 4) == "PK\x03\x04") {
    const format_info* f = zip_format(b);
    strong = f != nullptr;
    return f;
  }
  if (has_pdf_header(b, strong)) return &catalog::pdf;
  // Text signatures: look at the start in UTF-8 (converting a UTF-16 head first).
  std::string converted;
  encoding enc = encoding::utf8;
  std::size_t bom = detect_bom(b, enc);
  if (bom == 0 && !guess_utf16(b, enc)) enc = encoding::utf8;
  std::string_view text = b.substr(bom, 4096);
  if (enc == encoding::utf16le || enc == encoding::utf16be) {
    convert_to_utf8(b.substr(bom, 4096), enc, converted);
    text = converted;
  } else if (looks_binary(text)) {
    return nullptr;
  }
  if (text.starts_with("{\\rtf")) {
    strong = true;
    return &catalog::rtf;
  }
  const std::string_view t = skip_ws(text);
  if (starts_with_ci(t, "<?xml")) {
    const std::string_view first = t.substr(0, 2048);
    if (contains_ci(first, "<!doctype html") || contains_tag_ci(first, "html")) return &catalog::html;
    return &catalog::xml;
  }
  if (looks_like_html(t)) return &catalog::html;
  if (t.starts_with("<") && (contains_ci(t.substr(0, 512), "<svg") || contains(t.substr(0, 512), "xmlns"))) {
    return &catalog::xml;
  }
  if (looks_like_json(t)) return &catalog::json;
  if (looks_like_email(text)) return &catalog::eml;
  if (t.starts_with("%YAML")) return &catalog::yaml;
  return nullptr;
}

namespace {

/// What format_from_bytes() would say when it is sure (strong), without its text heuristics: with
/// a hint only a strong answer matters, and a small document's call should not pay for sniffing.
const format_info* strong_format_from_bytes(std::span<const std::byte> bytes) noexcept {
  const std::string_view b = as_chars(bytes);
  // UTF-16 text (a BOM, or a zero byte in its first character) takes the full path: rare, exact.
  const bool maybe_utf16 = b.size() >= 2 && (b[0] == '\0' || b[1] == '\0' || b.starts_with("\xFF\xFE") || b.starts_with("\xFE\xFF"));
  const bool rtf = b.starts_with("{\\rtf") || b.starts_with("\xEF\xBB\xBF{\\rtf");
  if (maybe_utf16 || rtf) {
    bool strong = false;
    const format_info* f = format_from_bytes(bytes, strong);
    return strong ? f : nullptr;
  }
  if (b.size() >= 4 && b.substr(0, 4) == "PK\x03\x04") return zip_format(b);
  bool strong = false;
  if (has_pdf_header(b, strong) && strong) return &catalog::pdf;
  return nullptr;
}

}  // namespace

const format_info* resolve_format(std::span<const std::byte> bytes, std::string_view hint) noexcept {
  if (const format_info* from_hint = format_from_hint(hint)) {
    const format_info* sure = strong_format_from_bytes(bytes);
    return sure != nullptr ? sure : from_hint;
  }
  bool strong = false;
  const format_info* from_bytes = format_from_bytes(bytes, strong);
  if (from_bytes) return from_bytes;
  // Nothing recognisable: text if it reads as text (an image or archive never does, whatever its
  // zero bytes look like).
  std::string_view b = as_chars(bytes);
  if (!known_binary_mime(b).empty()) return nullptr;
  encoding enc = encoding::utf8;
  if (detect_bom(b, enc) || guess_utf16(b, enc) || !looks_binary(b)) return &catalog::text;
  return nullptr;
}

}  // namespace quarry::detail

namespace quarry {

std::string_view detect_mime(std::span<const std::byte> head, std::string_view filename) {
  const std::string_view b = detail::as_chars(head);
  bool strong = false;
  const format_info* f = detail::format_from_bytes(head, strong);
  if (f && strong) return f->mime_types[0];
  // Formats we do not extract, so callers can still say what a file is.
  if (const std::string_view other = detail::known_binary_mime(b); !other.empty()) return other;
  if (f) return f->mime_types[0];
  if (const format_info* byname = detail::format_from_hint(filename)) return byname->mime_types[0];
  if (b.empty()) return "application/octet-stream";
  detail::encoding enc = detail::encoding::utf8;
  if (detail::detect_bom(b, enc) || detail::guess_utf16(b, enc) || !detail::looks_binary(b)) return "text/plain";
  return "application/octet-stream";
}

}  // namespace quarry
