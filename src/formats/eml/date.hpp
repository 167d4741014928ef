// RFC 5322 dates (§3.3, with the obsolete forms of §4.3) as ISO 8601.
#pragma once

#include <string>
#include <string_view>

namespace quarry::detail::eml {

/// "Fri, 16 Dec 2022 17:04:16 -0500" as "2022-12-16T17:04:16-05:00". Accepts a missing day name
/// or seconds, two- and three-digit years, zone names (GMT, EST...; military letters and -0000
/// mean UTC, as RFC 5322 says), comments, and asctime order ("Dec 16 17:04:16 2022"). Without a
/// zone the time has no offset; without a time only the date is given. Empty when it is no date.
[[nodiscard]] std::string rfc5322_date_to_iso(std::string_view date);

}  // namespace quarry::detail::eml
