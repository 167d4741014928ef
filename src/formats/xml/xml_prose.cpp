#include <string>
#include <vector>

#include "formats/xml/xml_nodes.hpp"
#include "formats/xml/xml_render.hpp"

namespace quarry::detail {

namespace {

// A block with at least this much text of its own is a paragraph, not just a line.
constexpr std::size_t paragraph_text_bytes = 80;

bool skipped(std::string_view local, bool svg) noexcept {
  return local == "script" || local == "style" || local == "binary" || (svg && local == "metadata");
}

class prose {
 public:
  prose(const xml_survey& s, writer& out) : s_(s), out_(out) {}

  std::size_t run() {
    svg_ = local_name(s_.root.name()) == "svg";
    if (!enter(s_.root, false)) return 0;
    pugi::xml_node n = s_.root.first_child();
    if (!n) leave();
    while (n && !out_.stopped()) {
      bool descend = false;
      if (n.type() == pugi::node_element) {
        descend = enter(n, stack_.back().mixed);
      } else if (is_text_node(n)) {
        text(n.value());
      }
      if (descend && n.first_child()) {
        n = n.first_child();
        continue;
      }
      if (descend) leave();
      // Up to the next sibling, closing the elements left on the way.
      while (n != s_.root && !n.next_sibling()) {
        n = n.parent();
        if (n.type() == pugi::node_element) leave();
      }
      if (n == s_.root) break;
      n = n.next_sibling();
    }
    return replaced_;
  }

 private:
  struct open_element {
    bool block;
    bool paragraph;
    bool mixed;   // holds text beside elements: its children are inline
    bool spaced;  // inline, but its ends are word boundaries
  };

  void separate(bool paragraph) {
    if (paragraph) out_.paragraph();
    else out_.new_line();
  }

  // Returns false when the element's content is skipped.
  bool enter(pugi::xml_node e, bool parent_mixed) {
    const std::string_view local = local_name(e.name());
    if (skipped(local, svg_)) return false;
    const xml_children k = inspect_children(e);
    open_element o{!parent_mixed, false, k.text && k.elements, false};
    if (svg_ && local == "tspan" && !starts_svg_line(e)) {
      // A run of a <text>: inline, but a word boundary (runs are placed apart, rarely mid-word).
      o.block = false;
      o.spaced = true;
      out_.space();
    }
    // A block holding elements or long text is a paragraph, except an SVG <text>: one label.
    o.paragraph = o.block && (k.elements || k.text_bytes >= paragraph_text_bytes) && !(svg_ && local == "text");
    if (!o.block && !o.spaced && !e.first_child()) {
      // An empty element in running text (<br/>, TEI <lb/> and <pb/>, an anchor) still parts words.
      if (local == "br" || local == "lb") out_.new_line();
      else out_.space();
    }
    if (o.block) separate(o.paragraph);
    for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view an = local_name(a.name());
      if (an != "alt" && an != "title" && an != "label") continue;
      if (o.block) {
        text(a.value());
        out_.new_line();
      } else {
        out_.space();
        text(a.value());
        out_.space();
      }
    }
    stack_.push_back(o);
    return true;
  }

  void leave() {
    if (stack_.empty()) return;
    const open_element o = stack_.back();
    stack_.pop_back();
    if (o.block) separate(o.paragraph);
    if (o.spaced) out_.space();
  }

  // An SVG <tspan> that begins a line of its own: Inkscape's role="line", or a new y position.
  static bool starts_svg_line(pugi::xml_node e) {
    for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view n = a.name();
      if (n == "y" || (n == "dy" && std::string_view(a.value()) != "0") ||
          (local_name(n) == "role" && std::string_view(a.value()) == "line")) {
        return true;
      }
    }
    return false;
  }

  void text(std::string_view v) {
    if (is_xml_space(v)) {
      out_.space();
      return;
    }
    // Keep the edges' spaces: "a <b>b</b>" must not become "ab".
    if (v.front() == ' ' || v.front() == '\n' || v.front() == '\t' || v.front() == '\r') out_.space();
    buf_.clear();
    text_collector c(buf_);
    c.add(v);
    replaced_ += c.replaced();
    out_.text_collapsed(buf_);
    if (v.back() == ' ' || v.back() == '\n' || v.back() == '\t' || v.back() == '\r') out_.space();
  }

  const xml_survey& s_;
  writer& out_;
  bool svg_ = false;
  std::vector<open_element> stack_;
  std::string buf_;
  std::size_t replaced_ = 0;
};

}  // namespace

std::size_t render_xml_prose(const xml_survey& s, writer& out) { return prose(s, out).run(); }

}  // namespace quarry::detail
