// A pull reader over XML text held in memory: one pass, no DOM, no allocation per element once
// warmed up. Spreadsheet parts (worksheets, shared strings, ODS content.xml) run to hundreds of
// megabytes of small elements, where a DOM would cost several times the text; this reader costs
// only the attributes of the current tag.
//
// It is deliberately lenient, as readers of real documents must be: end tags are not matched
// against start tags, undefined entities stay as written, DTDs are skipped (never expanded, so a
// billion-laughs part costs its own size). It stops with an error only where the text cannot be
// tokenised at all (a tag or comment that never ends) or when nesting passes the depth limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail {

/// What xml_pull::next() found.
enum class xml_event : std::uint8_t {
  start,  ///< a start tag (a self-closing tag gives start, then end)
  end,    ///< an end tag
  text,   ///< character data between tags (raw: entities not decoded), or a CDATA section
  eof,    ///< the end of the text
  error,  ///< malformed beyond reading, or too deep (see error_message())
};

/// One attribute of the current start tag; `raw` still holds its entity references.
struct xml_attribute {
  std::string_view name;  ///< qualified, e.g. "table:name"
  std::string_view raw;
};

/// Reads XML events from UTF-8 text the caller keeps alive.
class xml_pull {
 public:
  /// `max_depth` bounds element nesting: deeper input gives xml_event::error.
  xml_pull(std::string_view xml, std::size_t max_depth);

  /// Advances to the next event.
  xml_event next();

  /// The qualified name of the current start or end tag.
  [[nodiscard]] std::string_view name() const noexcept { return name_; }
  /// The name without its namespace prefix.
  [[nodiscard]] std::string_view local_name() const noexcept;
  /// The attributes of the current start tag.
  [[nodiscard]] const std::vector<xml_attribute>& attributes() const noexcept { return attrs_; }
  /// The raw value of the attribute whose local name is `local` (first match), or nullptr.
  [[nodiscard]] const std::string_view* attribute(std::string_view local) const noexcept;
  /// The raw value of the attribute with this qualified name, or nullptr.
  [[nodiscard]] const std::string_view* qualified_attribute(std::string_view qname) const noexcept;
  /// The attribute `local`, entity-decoded (empty when absent).
  [[nodiscard]] std::string attribute_value(std::string_view local) const;

  /// The current text event's raw text.
  [[nodiscard]] std::string_view text() const noexcept { return text_; }
  /// True when the current text event is a CDATA section (its text is literal).
  [[nodiscard]] bool is_cdata() const noexcept { return cdata_; }
  /// Appends the current text event's characters, entities decoded.
  void append_text(std::string& out) const;

  /// Elements open around the current position (the current start tag included).
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }
  /// Byte offset of the current event in the text.
  [[nodiscard]] std::size_t offset() const noexcept { return at_; }
  /// Why the last error event happened.
  [[nodiscard]] std::string_view error_message() const noexcept { return error_; }
  /// True when the error was the depth limit (rather than malformed text).
  [[nodiscard]] bool depth_exceeded() const noexcept { return too_deep_; }

  /// Skips to the end tag that closes the current start tag (its content unread); false at an
  /// error or the end of the text.
  bool skip_element();

 private:
  xml_event fail(std::string_view why);
  bool parse_start_tag(std::size_t open);

  std::string_view s_;
  std::size_t pos_ = 0;
  std::size_t at_ = 0;
  std::size_t depth_ = 0;
  std::size_t max_depth_;
  std::string_view name_;
  std::string_view text_;
  std::vector<xml_attribute> attrs_;
  bool cdata_ = false;
  bool pending_end_ = false;  // a self-closing tag owes its end event
  bool too_deep_ = false;
  bool failed_ = false;
  std::string_view error_;
};

/// Appends `raw` with the five predefined entities and numeric character references decoded;
/// other references stay as written, invalid code points become U+FFFD.
void append_xml_decoded(std::string_view raw, std::string& out);

/// Strips a UTF-8 byte order mark, or converts UTF-16 text (by its BOM) to UTF-8 in place, so a
/// part can be given to xml_pull.
void normalize_xml_encoding(std::string& part);

}  // namespace quarry::detail
