#include "formats/eml/plain_text.hpp"

#include <algorithm>
#include <string>

#include "formats/eml/lines.hpp"

namespace quarry::detail::eml {

namespace {

// Converted text goes to the writer in pieces of about this size.
constexpr std::size_t chunk_bytes = 64 * 1024;

// Joins format=flowed lines: a line ending in a space continues on the next line of the same
// quote depth; quote markers are kept once per paragraph, space-stuffing is removed.
class flowed_joiner {
 public:
  flowed_joiner(std::string& out, bool delsp) : out_(out), delsp_(delsp) {}

  // Returns the text of the line to convert and append; the joiner writes the markers around it.
  std::string_view begin_line(std::string_view line) {
    std::size_t depth = 0;
    while (depth < line.size() && line[depth] == '>') ++depth;
    std::string_view content = line.substr(depth);
    if (!content.empty() && content.front() == ' ') content.remove_prefix(1);  // stuffing
    soft_ = content != "-- " && !content.empty() && content.back() == ' ';
    if (pending_ && depth != pending_depth_) {
      out_.push_back('\n');
      pending_ = false;
    }
    if (!pending_ && depth > 0) {
      out_.append(depth, '>');
      out_.push_back(' ');
    }
    depth_ = depth;
    if (soft_ && delsp_) content.remove_suffix(1);
    return content;
  }

  void end_line() {
    if (soft_) {
      pending_ = true;
      pending_depth_ = depth_;
    } else {
      out_.push_back('\n');
      pending_ = false;
    }
  }

  void finish() {
    if (pending_) out_.push_back('\n');
    pending_ = false;
  }

 private:
  std::string& out_;
  bool delsp_;
  bool soft_ = false;
  bool pending_ = false;  // the last line was soft: the next one continues it
  std::size_t depth_ = 0;
  std::size_t pending_depth_ = 0;
};

void flush(std::string& chunk, writer& out) {
  if (chunk.find('\0') != std::string::npos) std::erase(chunk, '\0');
  out.text(chunk);
  chunk.clear();
}

}  // namespace

std::size_t write_plain_text(std::string_view bytes, const charset_choice& choice, plain_text_format format,
                             writer& out) {
  std::size_t invalid = 0;
  bytes.remove_prefix(std::min(choice.bom, bytes.size()));
  charset_choice c = choice;
  c.bom = 0;
  std::string wide;
  if (c.enc == encoding::utf16le || c.enc == encoding::utf16be) {
    // Line ends are not single bytes in UTF-16: convert the whole body first.
    invalid += convert_to_utf8(bytes, c.enc, wide);
    bytes = wide;
    c.enc = encoding::utf8;
  }
  std::string chunk;
  chunk.reserve(std::min(bytes.size() + 16, chunk_bytes + 1024));
  flowed_joiner joiner(chunk, format.delsp);
  std::size_t pos = 0;
  while (pos < bytes.size() && !out.stopped()) {
    const line_end le = find_line_end(bytes, pos);
    std::string_view line = bytes.substr(pos, le.end - pos);
    if (format.flowed) line = joiner.begin_line(line);
    invalid += append_converted(line, c, chunk);
    if (format.flowed) joiner.end_line();
    else if (le.next != le.end) chunk.push_back('\n');
    pos = le.next;
    if (chunk.size() >= chunk_bytes) flush(chunk, out);
  }
  if (format.flowed) joiner.finish();
  flush(chunk, out);
  return invalid;
}

}  // namespace quarry::detail::eml
