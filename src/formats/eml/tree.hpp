// The MIME structure of a message (RFC 2045/2046): parts, their headers and bodies, multiparts
// split at their boundaries and message/rfc822 parts opened as messages. One pass over the lines
// with an explicit stack of open parts: a boundary line of any open multipart closes what is open
// inside it (as Python's parser does), so a boundary that never closes costs nothing extra, and
// input-controlled nesting never reaches the native stack. Bodies are views into the input, or
// into buffers owned by the tree for message/rfc822 parts that were themselves transfer-encoded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/eml/header.hpp"
#include "formats/eml/transfer.hpp"
#include "quarry/quarry.hpp"

namespace quarry::detail::eml {

/// The index that means "no such part" in the links between parts.
inline constexpr std::uint32_t no_part = UINT32_MAX;

/// One MIME entity.
struct part {
  std::string_view header;  ///< the raw header block
  std::string_view body;    ///< the raw (transfer-encoded) body
  std::string type;         ///< lower-case "type/subtype" (defaulted when absent or broken)
  std::string charset;      ///< the charset label, as written
  std::string boundary;     ///< multipart boundary
  std::string filename;     ///< decoded file name (Content-Disposition filename, else Content-Type name)
  std::string start;        ///< multipart/related: the Content-ID of the root part
  std::string content_id;   ///< this part's Content-ID, without angle brackets
  transfer_encoding encoding = transfer_encoding::identity;
  bool attachment = false;  ///< Content-Disposition: attachment
  bool flowed = false;      ///< text/plain; format=flowed (RFC 3676)
  bool delsp = false;       ///< format=flowed; delsp=yes
  bool message = false;     ///< a whole message (the top, or a message/rfc822 part's content)
  bool closed = false;      ///< multipart: its closing boundary was seen
  std::uint32_t depth = 0;
  std::uint32_t parent = no_part;
  std::uint32_t first_child = no_part;
  std::uint32_t last_child = no_part;
  std::uint32_t next_sibling = no_part;

  [[nodiscard]] bool is_multipart() const noexcept { return type.starts_with("multipart/"); }
  /// message/rfc822 and message/global: a message inside the message.
  [[nodiscard]] bool is_message() const noexcept { return type == "message/rfc822" || type == "message/global"; }
  [[nodiscard]] bool has_children() const noexcept { return first_child != no_part; }
};

/// A parsed message: parts[0] is the top.
struct tree {
  std::vector<part> parts;
  std::vector<std::unique_ptr<std::string>> buffers;  ///< decoded message/rfc822 bodies
  text_issues issues;          ///< from decoding file names
  bool unterminated = false;   ///< a multipart lacked its closing boundary (truncated mail)
  std::uint64_t decoded_bytes = 0;  ///< transfer-decoded so far, against limits.max_decompressed_bytes
};

/// Parses `message` into `out`. Errors only for limits: parts past max_entries, nesting past
/// max_depth, decoded message/rfc822 bodies past max_decompressed_bytes.
[[nodiscard]] status parse_tree(std::string_view message, const quarry::limits& lim, tree& out);

}  // namespace quarry::detail::eml
