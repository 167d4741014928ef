#include "formats/xlsx/xlsx_styles.hpp"

#include "formats/xlsx/xml_pull.hpp"

namespace quarry::detail {

bool parse_u32(std::string_view s, std::uint32_t& out) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > UINT32_MAX) return false;
  }
  out = static_cast<std::uint32_t>(v);
  return true;
}

status xlsx_styles::read(std::string_view xml, writer& out) {
  xml_pull x(xml, out.limits().max_depth);
  bool in_cell_xfs = false;
  bool in_num_fmts = false;
  const std::uint64_t max_items = out.limits().max_entries;
  for (;;) {
    const xml_event e = x.next();
    if (e == xml_event::eof) break;
    if (e == xml_event::error) {
      if (x.depth_exceeded()) return error{error_code::limit_exceeded, x.offset(), "styles: " + std::string(x.error_message())};
      out.warn("damaged_part", "xl/styles.xml is damaged (" + std::string(x.error_message()) + "); some number formats are missing");
      break;
    }
    if (e == xml_event::start) {
      const std::string_view n = x.local_name();
      if (n == "cellXfs") {
        in_cell_xfs = true;
      } else if (n == "numFmts") {
        in_num_fmts = true;
      } else if (n == "xf" && in_cell_xfs && x.depth() >= 3) {
        std::uint32_t id = 0;
        if (const auto* v = x.attribute("numFmtId")) (void)parse_u32(*v, id);
        if (xf_format_.size() < max_items) xf_format_.push_back(id);
        // The xf's children (alignment, protection) are not needed.
      } else if (n == "numFmt" && in_num_fmts) {
        std::uint32_t id = 0;
        const auto* v = x.attribute("numFmtId");
        if (v && parse_u32(*v, id) && codes_.size() < max_items) codes_[id] = x.attribute_value("formatCode");
      }
    } else if (e == xml_event::end) {
      const std::string_view n = x.local_name();
      if (n == "cellXfs") in_cell_xfs = false;
      else if (n == "numFmts") in_num_fmts = false;
    }
  }
  // Which styles show General, decided once rather than per cell.
  xf_general_.resize(xf_format_.size());
  xf_parsed_.assign(xf_format_.size(), nullptr);
  for (std::size_t i = 0; i < xf_format_.size(); ++i) {
    const std::uint32_t id = xf_format_[i];
    const auto custom = codes_.find(id);
    const bool general = custom != codes_.end() ? custom->second == "General" || custom->second == "general"
                                                : id == 0 || builtin_number_format(id).empty();
    xf_general_[i] = general ? 1 : 0;
  }
  return std::monostate{};
}

const number_format& xlsx_styles::format_of(std::uint32_t xf) {
  if (xf >= xf_format_.size()) return general_;
  if (const number_format* known = xf_parsed_[xf]) return *known;
  const std::uint32_t id = xf_format_[xf];
  auto it = parsed_.find(id);
  if (it != parsed_.end()) {
    xf_parsed_[xf] = it->second.get();
    return *it->second;
  }
  std::string_view code;
  // A custom code wins over a built-in one of the same id (files may redefine them).
  if (auto c = codes_.find(id); c != codes_.end()) code = c->second;
  else code = builtin_number_format(id);
  auto fmt = code.empty() ? std::make_unique<number_format>() : std::make_unique<number_format>(code);
  const number_format& ref = *fmt;
  parsed_.emplace(id, std::move(fmt));
  xf_parsed_[xf] = &ref;
  return ref;
}

}  // namespace quarry::detail
