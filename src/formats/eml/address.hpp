// Address lists (From, To, Cc...; RFC 5322 §3.4): mailboxes, groups, quoted display names,
// comments and the obsolete "address (Name)" form, read leniently in one pass.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/eml/header.hpp"

namespace quarry::detail::eml {

/// One mailbox: a display name (decoded, may be empty) and an address (may be empty for junk).
struct mailbox {
  std::string name;
  std::string address;
};

/// The mailboxes of an address-list header value as written (folding included). Groups
/// contribute their members; encoded words in display names are decoded. Never fails.
[[nodiscard]] std::vector<mailbox> parse_addresses(std::string_view raw, text_issues& issues);

/// A mailbox as mail clients print it: "Name <address>", or whichever of the two exists.
[[nodiscard]] std::string format_mailbox(const mailbox& m);

}  // namespace quarry::detail::eml
