// Structured MIME header values with parameters: Content-Type ("text/plain; charset=utf-8") and
// Content-Disposition ("attachment; filename=..."), with RFC 2231 continuations ("name*0=",
// "name*1*=") and charsets ("name*=utf-8''%E2%82%AC"), and the RFC 2047 encoded words many mailers
// put in file names against the rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/eml/header.hpp"

namespace quarry::detail::eml {

/// A parsed "value; name=value; ..." header.
class header_params {
 public:
  /// Parses `raw` (a header field's value as written, folding included). Never fails.
  explicit header_params(std::string_view raw);

  /// The main value, lower case, without blanks or comments ("text/plain", "attachment").
  [[nodiscard]] const std::string& main() const noexcept { return main_; }

  /// A parameter's value as written (quotes and escapes removed), without any decoding: for
  /// boundaries and charset labels. Empty when absent.
  [[nodiscard]] std::string raw(std::string_view name) const;

  /// A parameter's value for people, in UTF-8: RFC 2231 sections joined in order and
  /// percent-decoded in their charset; a plain value has its encoded words decoded.
  [[nodiscard]] std::string text(std::string_view name, text_issues& issues) const;

 private:
  struct param {
    std::string name;      // lower case, without the RFC 2231 "*n*" suffix
    int section = -1;      // RFC 2231 section number, -1 when none
    bool extended = false; // "name*=" or "name*n*=": charset'language'percent-encoded
    std::string value;
  };
  std::string main_;
  std::vector<param> params_;
};

}  // namespace quarry::detail::eml
