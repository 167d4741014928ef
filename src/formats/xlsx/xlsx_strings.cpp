#include "formats/xlsx/xlsx_strings.hpp"

#include "core/utf8.hpp"
#include "formats/xlsx/xml_pull.hpp"

namespace quarry::detail {

namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void decode_ooxml_escapes(std::string& s) {
  std::size_t i = s.find("_x");
  if (i == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  std::size_t run = 0;
  for (; i != std::string::npos; i = s.find("_x", i)) {
    if (i + 7 > s.size() || s[i + 6] != '_') {
      ++i;
      continue;
    }
    char32_t cp = 0;
    bool ok = true;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
      const int h = hex_value(s[k]);
      if (h < 0) {
        ok = false;
        break;
      }
      cp = cp * 16 + static_cast<char32_t>(h);
    }
    if (!ok) {
      ++i;
      continue;
    }
    out.append(s, run, i - run);
    // Control characters other than tab and line ends are dropped: they are not text.
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp >= 0x20) append_utf8(cp, out);
    i += 7;
    run = i;
  }
  out.append(s, run, std::string::npos);
  s = std::move(out);
}

status shared_strings::read(std::string_view xml, writer& out) {
  text_.clear();
  ends_.clear();
  views_.clear();
  xml_pull x(xml, out.limits().max_depth);
  std::string item;
  bool in_si = false;
  int in_t = 0;        // inside <t>
  int in_phonetic = 0; // inside <rPh> (or the phonetic properties): not shown text
  const std::uint64_t max_items = out.limits().max_entries;
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) return error{error_code::limit_exceeded, x.offset(), "shared strings: " + std::string(x.error_message())};
      out.warn("damaged_part", "xl/sharedStrings.xml is damaged (" + std::string(x.error_message()) +
                                   "); strings after byte " + std::to_string(x.offset()) + " are missing");
      break;
    }
    if (e == xml_event::start) {
      const std::string_view n = x.local_name();
      if (n == "si") {
        in_si = true;
        item.clear();
      } else if (n == "rPh") {
        ++in_phonetic;
      } else if (n == "t" && in_si) {
        ++in_t;
      }
    } else if (e == xml_event::end) {
      const std::string_view n = x.local_name();
      if (n == "t") {
        if (in_t > 0) --in_t;
      } else if (n == "rPh") {
        if (in_phonetic > 0) --in_phonetic;
      } else if (n == "si" && in_si) {
        in_si = false;
        if (ends_.size() >= max_items) {
          out.warn("too_many_strings", "the shared string table has more than limits.max_entries items; the rest are left out");
          break;
        }
        decode_ooxml_escapes(item);
        text_ += item;
        ends_.push_back(text_.size());
      }
    } else if (e == xml_event::text && in_t > 0 && in_phonetic == 0 && in_si) {
      x.append_text(item);
    }
  }
  views_.reserve(ends_.size());
  std::size_t start = 0;
  for (const std::size_t end : ends_) {
    views_.emplace_back(std::string_view(text_).substr(start, end - start));
    start = end;
  }
  return std::monostate{};
}

}  // namespace quarry::detail
