// quarry::value and its JSON serialisation.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/json_text.hpp"
#include "quarry/quarry.hpp"

namespace quarry {

value value::array() {
  value v;
  v.kind_ = kind::array;
  return v;
}

value value::object() {
  value v;
  v.kind_ = kind::object;
  return v;
}

void value::push_back(value v) { items_.push_back(std::move(v)); }

void value::set(std::string_view key, value v) {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      items_[i] = std::move(v);
      return;
    }
  }
  keys_.emplace_back(key);
  items_.push_back(std::move(v));
}

const value* value::find(std::string_view key) const noexcept {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) return &items_[i];
  }
  return nullptr;
}

bool operator==(const value& a, const value& b) noexcept {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case value::kind::null: return true;
    case value::kind::boolean:
    case value::kind::integer: return a.int_ == b.int_;
    case value::kind::number: return a.number_ == b.number_;
    case value::kind::string: return a.string_ == b.string_;
    case value::kind::array:
    case value::kind::object: return a.keys_ == b.keys_ && a.items_ == b.items_;
  }
  return false;
}

namespace {

// Appends printf output, with the decimal point of whatever locale the host program set made '.'.
void append_number_text(std::string_view text, std::string& out) {
  bool in_point = false;
  for (char c : text) {
    const bool numeric = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E';
    if (numeric) out += c;
    else if (!in_point) out += '.';
    in_point = !numeric;
  }
}

void write_number(double d, std::string& out) {
  if (!std::isfinite(d)) {  // JSON has no NaN/Infinity
    out += "null";
    return;
  }
  // Prefer the shortest form that round-trips, as JavaScript prints it (std::to_chars would do
  // this directly, but Emscripten's libc++ lacks it for floating point). 17 digits always do.
  char buf[40];
  int n = 0;
  for (int precision = 1; precision <= 17; ++precision) {
    n = std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  append_number_text(std::string_view(buf, static_cast<std::size_t>(n)), out);
}

}  // namespace

void write_json(const value& v, std::string& out) {
  switch (v.type()) {
    case value::kind::null: out += "null"; break;
    case value::kind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case value::kind::integer: out += std::to_string(v.as_int()); break;
    case value::kind::number: write_number(v.as_number(), out); break;
    case value::kind::string: detail::append_json_string(v.as_string(), out); break;
    case value::kind::array:
      out += '[';
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        write_json(v.items()[i], out);
      }
      out += ']';
      break;
    case value::kind::object:
      out += '{';
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        detail::append_json_string(v.keys()[i], out);
        out += ':';
        write_json(v.items()[i], out);
      }
      out += '}';
      break;
  }
}

}  // namespace quarry
