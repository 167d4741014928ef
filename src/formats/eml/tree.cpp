#include "formats/eml/tree.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "core/mime.hpp"
#include "formats/eml/lines.hpp"
#include "formats/eml/params.hpp"

namespace quarry::detail::eml {

namespace {

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (is_blank(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string_view strip_angles(std::string_view s) noexcept {
  s = trim(s);
  if (!s.empty() && s.front() == '<') s.remove_prefix(1);
  if (!s.empty() && s.back() == '>') s.remove_suffix(1);
  return trim(s);
}

// Reads what the part's own header says about its content.
void read_content_info(part& p, std::string_view default_type, text_issues& issues) {
  std::string_view content_type, disposition, cte, content_id;
  bool has_type = false, has_disposition = false, has_cte = false, has_id = false;
  field_reader reader(p.header);
  field f;
  while (reader.next(f)) {
    if (!has_type && iequals_ascii(f.name, "content-type")) {
      content_type = f.value;
      has_type = true;
    } else if (!has_disposition && iequals_ascii(f.name, "content-disposition")) {
      disposition = f.value;
      has_disposition = true;
    } else if (!has_cte && iequals_ascii(f.name, "content-transfer-encoding")) {
      cte = f.value;
      has_cte = true;
    } else if (!has_id && iequals_ascii(f.name, "content-id")) {
      content_id = f.value;
      has_id = true;
    }
  }
  std::string name;
  if (has_type) {
    const header_params ct(content_type);
    p.type = ct.main();
    const std::size_t slash = p.type.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == p.type.size()) {
      p.type.assign(default_type);  // RFC 2045 §5.2: a broken type is text/plain
    }
    p.charset = ct.raw("charset");
    if (p.is_multipart()) p.boundary.assign(trim(ct.raw("boundary")));
    if (p.type == "multipart/related") p.start.assign(strip_angles(ct.raw("start")));
    if (p.type == "text/plain") {
      p.flowed = iequals_ascii(trim(ct.raw("format")), "flowed");
      p.delsp = iequals_ascii(trim(ct.raw("delsp")), "yes");
    }
    name = ct.text("name", issues);
  } else {
    p.type.assign(default_type);
  }
  if (has_cte) p.encoding = transfer_encoding_from(cte);
  if (has_disposition) {
    const header_params cd(disposition);
    p.attachment = cd.main() == "attachment";
    p.filename = cd.text("filename", issues);
  }
  if (p.filename.empty()) p.filename = std::move(name);
  if (has_id) p.content_id.assign(strip_angles(content_id));
}

class parser {
 public:
  parser(tree& t, const quarry::limits& lim) : t_(t), lim_(lim) {}

  // Parses one buffer holding a message; `parent` is the message/rfc822 part it is the content
  // of (no_part for the top).
  status parse(std::string_view buf, std::uint32_t parent) {
    buf_ = buf;
    chain_.clear();
    index_.clear();
    std::size_t pos = 0;
    if (status st = begin_entity(pos, parent, parent == no_part, "text/plain"); !st.ok()) return st;
    while (pos < buf_.size()) {
      const line_end le = find_line_end(buf_, pos);
      std::uint32_t k = 0;
      bool close = false;
      if (le.end - pos >= 2 && buf_[pos] == '-' && buf_[pos + 1] == '-' &&
          match(buf_.substr(pos, le.end - pos), k, close)) {
        const std::size_t end = before_terminator(buf_, pos, 0);
        close_from(k + 1, end);
        if (close) {
          t_.parts[chain_[k].part].closed = true;
          close_from(k, end);
          pos = le.next;
        } else {
          const std::uint32_t container = chain_[k].part;
          pos = le.next;
          const std::string_view dflt = t_.parts[container].type == "multipart/digest" ? "message/rfc822" : "text/plain";
          if (status st = begin_entity(pos, container, false, dflt); !st.ok()) return st;
        }
        continue;
      }
      pos = le.next;
    }
    close_from(0, buf_.size());
    return std::monostate{};
  }

  // message/rfc822 parts whose body was transfer-encoded, to parse once decoded.
  std::vector<std::uint32_t> encoded_messages;

 private:
  struct frame {
    std::uint32_t part = 0;
    std::size_t body_begin = 0;
    bool multipart = false;
    std::string boundary;
    std::int64_t shadowed = -1;  // the chain index this boundary pointed to before this frame
  };

  [[nodiscard]] bool is_boundary_line(std::string_view line) const {
    std::uint32_t k = 0;
    bool close = false;
    return line.size() >= 2 && line[0] == '-' && line[1] == '-' && match(line, k, close);
  }

  bool match(std::string_view line, std::uint32_t& k, bool& close) const {
    if (index_.empty()) return false;
    std::string_view cand = line.substr(2);
    while (!cand.empty() && is_blank(cand.back())) cand.remove_suffix(1);
    if (const auto it = index_.find(cand); it != index_.end()) {
      k = it->second;
      close = false;
      return true;
    }
    if (cand.size() >= 2 && cand.ends_with("--")) {
      cand.remove_suffix(2);
      if (const auto it = index_.find(cand); it != index_.end()) {
        k = it->second;
        close = true;
        return true;
      }
    }
    return false;
  }

  // Reads the header block at `pos` and opens the entity; a message/rfc822 part in the clear
  // opens the message inside it at once (a loop, not recursion). `pos` ends at the body.
  status begin_entity(std::size_t& pos, std::uint32_t parent, bool top, std::string_view default_type) {
    bool message = parent == no_part || t_.parts[parent].is_message();
    for (;;) {
      if (top && buf_.substr(pos).starts_with("From ")) pos = find_line_end(buf_, pos).next;  // mbox separator
      top = false;
      const std::size_t header_begin = pos;
      std::size_t header_end = buf_.size();
      std::size_t body_begin = buf_.size();
      bool first = true;
      while (pos < buf_.size()) {
        const line_end le = find_line_end(buf_, pos);
        const std::string_view line = buf_.substr(pos, le.end - pos);
        if (line.empty()) {
          header_end = pos;
          body_begin = le.next;
          break;
        }
        if ((first || !is_blank(line[0])) && (field_name_length(line) == std::string_view::npos || is_boundary_line(line))) {
          header_end = body_begin = pos;  // no blank line: the body starts here
          break;
        }
        first = false;
        pos = le.next;
      }
      pos = body_begin;

      if (t_.parts.size() >= lim_.max_entries) {
        return error{error_code::limit_exceeded, header_begin,
                     "the message has more than limits.max_entries (" + std::to_string(lim_.max_entries) + ") MIME parts"};
      }
      const std::uint32_t depth = parent == no_part ? 0 : t_.parts[parent].depth + 1;
      if (depth > lim_.max_depth) {
        return error{error_code::limit_exceeded, header_begin,
                     "MIME parts nest deeper than limits.max_depth (" + std::to_string(lim_.max_depth) + ")"};
      }
      const auto index = static_cast<std::uint32_t>(t_.parts.size());
      t_.parts.emplace_back();
      part& p = t_.parts.back();
      p.header = buf_.substr(header_begin, header_end - header_begin);
      p.message = message;
      p.depth = depth;
      p.parent = parent;
      read_content_info(p, default_type, t_.issues);
      if (parent != no_part) {
        part& up = t_.parts[parent];
        if (up.last_child == no_part) up.first_child = index;
        else t_.parts[up.last_child].next_sibling = index;
        up.last_child = index;
      }

      frame& f = chain_.emplace_back();
      f.part = index;
      f.body_begin = body_begin;
      if (p.is_multipart() && !p.boundary.empty()) {
        f.multipart = true;
        f.boundary = p.boundary;
        const auto [it, fresh] = index_.try_emplace(f.boundary, static_cast<std::uint32_t>(chain_.size() - 1));
        if (!fresh) {
          f.shadowed = it->second;
          it->second = static_cast<std::uint32_t>(chain_.size() - 1);
        }
        return std::monostate{};
      }
      if (p.is_message()) {
        if (p.encoding != transfer_encoding::identity) {
          encoded_messages.push_back(index);
          return std::monostate{};
        }
        parent = index;  // the message inside starts right here
        message = true;
        default_type = "text/plain";
        continue;
      }
      return std::monostate{};
    }
  }

  // Ends the open entities at chain index `from` and above at `end`.
  void close_from(std::size_t from, std::size_t end) {
    while (chain_.size() > from) {
      frame& f = chain_.back();
      part& p = t_.parts[f.part];
      const std::size_t e = std::max(end, f.body_begin);
      p.body = buf_.substr(f.body_begin, e - f.body_begin);
      if (f.multipart) {
        if (!p.closed && p.has_children()) t_.unterminated = true;
        if (f.shadowed >= 0) index_[f.boundary] = static_cast<std::uint32_t>(f.shadowed);
        else index_.erase(f.boundary);
      }
      chain_.pop_back();
    }
  }

  tree& t_;
  const quarry::limits& lim_;
  std::string_view buf_;
  std::deque<frame> chain_;  // a deque: the boundary strings index_ points into never move
  std::unordered_map<std::string_view, std::uint32_t> index_;  // boundary -> topmost chain index
};

}  // namespace

status parse_tree(std::string_view message, const quarry::limits& lim, tree& out) {
  parser ps(out, lim);
  if (status st = ps.parse(message, no_part); !st.ok()) return st;
  // Transfer-encoded message/rfc822 parts: decoded into buffers of their own, then parsed the
  // same way (a work list, so nesting depth is still only limits.max_depth).
  for (std::size_t i = 0; i < ps.encoded_messages.size(); ++i) {
    const std::uint32_t index = ps.encoded_messages[i];
    const part& p = out.parts[index];
    const std::uint64_t budget =
        lim.max_decompressed_bytes > out.decoded_bytes ? lim.max_decompressed_bytes - out.decoded_bytes : 0;
    auto buffer = std::make_unique<std::string>();
    if (!decode_body(p.body, p.encoding, *buffer, budget)) {
      return error{error_code::limit_exceeded, error::no_offset,
                   "decoded parts exceed limits.max_decompressed_bytes (" + std::to_string(lim.max_decompressed_bytes) + ")"};
    }
    out.decoded_bytes += buffer->size();
    const std::string_view view = *buffer;
    out.buffers.push_back(std::move(buffer));
    if (status st = ps.parse(view, index); !st.ok()) return st;
  }
  return std::monostate{};
}

}  // namespace quarry::detail::eml
