// What a message's header says about it for people: the From/To/Cc/Date/Subject lines printed
// above the body (as mail clients show them) and the metadata of the top message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/writer.hpp"
#include "formats/eml/address.hpp"
#include "formats/eml/header.hpp"

namespace quarry::detail::eml {

/// The decoded fields of one message header.
struct envelope {
  std::vector<mailbox> from, to, cc, bcc;
  std::string subject;
  std::string date;         ///< as written (unfolded)
  std::string message_id;   ///< without angle brackets
  std::string in_reply_to;  ///< the first message id, without angle brackets
  bool has_from = false, has_to = false, has_cc = false, has_date = false, has_subject = false;
};

/// Reads the fields of a header block (the first of each kind counts).
[[nodiscard]] envelope read_envelope(std::string_view header, text_issues& issues);

/// Writes "From: ...", "To: ...", "Cc: ...", "Date: ...", "Subject: ..." lines, for the fields
/// present (bold labels in Markdown); nothing when none is.
void write_header_block(const envelope& e, writer& out);

/// The metadata of the top message: from, to, cc, bcc (lists of "Name <address>"), authors,
/// subject and title, date and createdAt (ISO 8601), messageId, inReplyTo.
void write_envelope_metadata(const envelope& e, writer& out);

}  // namespace quarry::detail::eml
