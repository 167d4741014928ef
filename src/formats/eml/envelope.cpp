#include "formats/eml/envelope.hpp"

#include "core/mime.hpp"
#include "formats/eml/date.hpp"

namespace quarry::detail::eml {

namespace {

// The first "<id>" of a message-id field, without the brackets; the trimmed text if it has none.
std::string first_message_id(std::string_view raw, text_issues& issues) {
  const std::size_t open = raw.find('<');
  if (open != std::string_view::npos) {
    const std::size_t close = raw.find('>', open + 1);
    if (close != std::string_view::npos) return decode_header_text(raw.substr(open + 1, close - open - 1), issues);
  }
  return decode_header_text(raw, issues);
}

std::string join(const std::vector<mailbox>& list) {
  std::string s;
  for (const auto& m : list) {
    if (!s.empty()) s += ", ";
    s += format_mailbox(m);
  }
  return s;
}

value address_list(const std::vector<mailbox>& list) {
  value a = value::array();
  for (const auto& m : list) a.push_back(value(format_mailbox(m)));
  return a;
}

}  // namespace

envelope read_envelope(std::string_view header, text_issues& issues) {
  envelope e;
  bool has_bcc = false, has_id = false, has_reply = false;
  field_reader reader(header);
  field f;
  while (reader.next(f)) {
    const std::string_view n = f.name;
    if (!e.has_from && iequals_ascii(n, "from")) {
      e.from = parse_addresses(f.value, issues);
      e.has_from = true;
    } else if (!e.has_to && iequals_ascii(n, "to")) {
      e.to = parse_addresses(f.value, issues);
      e.has_to = true;
    } else if (!e.has_cc && iequals_ascii(n, "cc")) {
      e.cc = parse_addresses(f.value, issues);
      e.has_cc = true;
    } else if (!has_bcc && iequals_ascii(n, "bcc")) {
      e.bcc = parse_addresses(f.value, issues);
      has_bcc = true;
    } else if (!e.has_subject && iequals_ascii(n, "subject")) {
      e.subject = decode_header_text(f.value, issues);
      e.has_subject = true;
    } else if (!e.has_date && iequals_ascii(n, "date")) {
      e.date = decode_header_text(f.value, issues);
      e.has_date = true;
    } else if (!has_id && iequals_ascii(n, "message-id")) {
      e.message_id = first_message_id(f.value, issues);
      has_id = true;
    } else if (!has_reply && iequals_ascii(n, "in-reply-to")) {
      e.in_reply_to = first_message_id(f.value, issues);
      has_reply = true;
    }
  }
  return e;
}

void write_header_block(const envelope& e, writer& out) {
  bool first = true;
  auto line = [&](std::string_view label, const std::string& v) {
    if (v.empty()) return;
    if (!first) out.line_break();
    first = false;
    if (out.markdown()) out.begin_span(span_kind::strong);
    out.text(label);
    if (out.markdown()) out.end_span(span_kind::strong);
    out.space();
    out.text(v);
  };
  line("From:", join(e.from));
  line("To:", join(e.to));
  line("Cc:", join(e.cc));
  line("Date:", e.date);
  line("Subject:", e.subject);
}

void write_envelope_metadata(const envelope& e, writer& out) {
  if (e.has_from) {
    out.metadata("from", address_list(e.from));
    value authors = value::array();
    for (const auto& m : e.from) authors.push_back(value(m.name.empty() ? m.address : m.name));
    if (authors.size() != 0) out.metadata("authors", std::move(authors));
  }
  if (e.has_to) out.metadata("to", address_list(e.to));
  if (e.has_cc) out.metadata("cc", address_list(e.cc));
  if (!e.bcc.empty()) out.metadata("bcc", address_list(e.bcc));
  if (e.has_subject) {
    out.metadata("subject", value(e.subject));
    if (!e.subject.empty()) out.metadata("title", value(e.subject));
  }
  if (e.has_date) {
    out.metadata("date", value(e.date));
    const std::string iso = rfc5322_date_to_iso(e.date);
    if (!iso.empty()) out.metadata("createdAt", value(iso));
  }
  if (!e.message_id.empty()) out.metadata("messageId", value(e.message_id));
  if (!e.in_reply_to.empty()) out.metadata("inReplyTo", value(e.in_reply_to));
}

}  // namespace quarry::detail::eml
