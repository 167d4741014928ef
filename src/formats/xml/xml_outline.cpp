#include <cstring>
#include <string>
#include <vector>

#include "formats/xml/xml_nodes.hpp"
#include "formats/xml/xml_render.hpp"

namespace quarry::detail {

namespace {

// Attributes that describe the XML rather than the data.
bool technical_attribute(std::string_view name) noexcept {
  return name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("xsi:") || name.starts_with("xml:");
}

class outline {
 public:
  outline(const xml_survey& s, writer& out) : s_(s), out_(out) {}

  std::size_t run() {
    const pugi::xml_node root = s_.root;
    out_.begin_outline();
    const xml_children k = inspect_children(root);
    if (!k.elements || k.text) {  // the whole document is one text
      value_.clear();
      text_collector c(value_);
      collect_all_text(root, c);
      replaced_ += c.replaced();
      finish_value();
      if (!value_.empty()) {
        line(0, {}, value_);
      } else if (!k.elements && s_.well_formed) {
        attributes_value(root);  // <config a="1" b="2"/>: the attributes are all there is
        if (!value_.empty()) line(0, root.name(), value_);
      }
    } else {
      stack_.push_back({root.first_child(), 0, nullptr});
      walk();
    }
    out_.end_outline();
    return replaced_;
  }

 private:
  struct frame {
    pugi::xml_node next;    // the next child to look at
    std::size_t depth;      // outline depth of the children
    const char* run;        // name of the run of records being listed, or null
  };

  // One outline line; the first line of a record in a run takes the record's dash.
  void line(std::size_t depth, std::string_view key, std::string_view value) {
    bool item = false;
    if (pending_item_ && depth > 0) {
      item = true;
      --depth;
    }
    pending_item_ = false;
    out_.outline_line(depth, item, key, value);
  }

  void finish_value() {
    if (s_.feed != xml_feed::none) strip_markup(value_);
  }

  // An empty element's attributes as its value: "a=1, b=2".
  void attributes_value(pugi::xml_node e) {
    value_.clear();
    for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) {
      if (technical_attribute(a.name())) continue;
      if (!value_.empty()) value_ += ", ";
      text_collector c(value_);
      c.add(a.name());
      value_ += '=';
      c.add(a.value());
      replaced_ += c.replaced();
    }
  }

  void walk() {
    while (!stack_.empty() && !out_.stopped()) {
      frame& f = stack_.back();
      const pugi::xml_node n = f.next;
      if (!n) {
        pending_item_ = false;  // a record that wrote nothing does not lend its dash on
        stack_.pop_back();
        continue;
      }
      f.next = n.next_sibling();
      if (n.type() != pugi::node_element) continue;
      const xml_children k = inspect_children(n);
      const char* name = n.name();
      if (!k.elements || k.text) {  // a field: text, mixed content, or attributes only
        f.run = nullptr;
        value_.clear();
        text_collector c(value_);
        if (k.elements) collect_all_text(n, c);
        else collect_own_text(n, c);
        replaced_ += c.replaced();
        finish_value();
        if (value_.empty() && !k.elements) attributes_value(n);
        if (!value_.empty()) line(f.depth, name, value_);
        continue;
      }
      // A record or a group of fields.
      bool in_run = f.run != nullptr && std::strcmp(f.run, name) == 0;
      const std::size_t depth = f.depth;
      if (!in_run) {
        const pugi::xml_node after = next_element(n);
        bool starts_run = false;
        if (after && std::strcmp(after.name(), name) == 0) {
          const xml_children ak = inspect_children(after);
          starts_run = ak.elements && !ak.text;
        }
        line(depth, name, {});
        f.run = starts_run ? name : nullptr;
        in_run = starts_run;
      }
      const std::size_t child_depth = depth + (in_run ? 2 : 1);
      pending_item_ = in_run;
      for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        if (technical_attribute(a.name())) continue;
        value_.clear();
        text_collector c(value_);
        c.add(a.value());
        replaced_ += c.replaced();
        if (!value_.empty()) line(child_depth, a.name(), value_);
      }
      stack_.push_back({n.first_child(), child_depth, nullptr});  // invalidates f
    }
  }

  const xml_survey& s_;
  writer& out_;
  std::vector<frame> stack_;
  std::string value_;
  bool pending_item_ = false;
  std::size_t replaced_ = 0;
};

}  // namespace

std::size_t render_xml_outline(const xml_survey& s, writer& out) { return outline(s, out).run(); }

}  // namespace quarry::detail
