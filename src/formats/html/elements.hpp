// The HTML element kinds the tree builder needs: one constexpr table of tag names with how each
// element tokenizes (raw text states), renders (block, inline, hidden) and takes part in the
// tree-construction rules (void, special, formatting, scope boundaries).
#pragma once

#include <cstdint>
#include <string_view>

namespace quarry::detail::html {

/// How an element's content is tokenized right after its start tag (HTML namespace only).
enum class text_mode : std::uint8_t { data, rcdata, rawtext, script_data, plaintext };

/// How an element shows up in the output when nothing more specific applies.
enum class display : std::uint8_t {
  inline_,    ///< no boundary: text flows on
  line,       ///< a soft block: starts and ends a line (<div>)
  paragraph,  ///< a paragraph: blank lines around it (<p>)
  hidden,     ///< content never shown (<script>, <template>)
  special,    ///< the builder has a rule of its own for it
};

/// Element properties, as bits.
enum element_flag : std::uint32_t {
  el_void = 1u << 0,        ///< never has content or an end tag (<br>, <img>)
  el_special = 1u << 1,     ///< WHATWG "special" category: stops "any other end tag"
  el_formatting = 1u << 2,  ///< WHATWG formatting element: end tags use the adoption agency
  el_closes_p = 1u << 3,    ///< its start tag closes an open <p> in button scope
  el_scope = 1u << 4,       ///< boundary of "has an element in scope"
  el_block_end = 1u << 5,   ///< its end tag closes it when in scope, popping what is above
  el_heading = 1u << 6,     ///< h1..h6
  el_table_part = 1u << 7,  ///< tbody, thead, tfoot, tr, td, th, caption, col, colgroup
};

// X(identifier, name, display, text mode, flags). Names are lower case, as the tokenizer emits them.
#define QUARRY_HTML_ELEMENTS(X)                                                                        \
  X(a, "a", inline_, data, el_formatting)                                                              \
  X(abbr, "abbr", inline_, data, 0)                                                                    \
  X(address, "address", paragraph, data, el_special | el_closes_p | el_block_end)                      \
  X(annotation, "annotation", hidden, data, 0)                                                         \
  X(annotation_xml, "annotation-xml", hidden, data, 0)                                                 \
  X(applet, "applet", inline_, data, el_special | el_scope | el_block_end)                             \
  X(area, "area", inline_, data, el_void | el_special)                                                 \
  X(article, "article", line, data, el_special | el_closes_p | el_block_end)                           \
  X(aside, "aside", line, data, el_special | el_closes_p | el_block_end)                               \
  X(audio, "audio", hidden, data, 0)                                                                   \
  X(b, "b", special, data, el_formatting)                                                              \
  X(base, "base", hidden, data, el_void | el_special)                                                  \
  X(basefont, "basefont", hidden, data, el_void | el_special)                                          \
  X(bdi, "bdi", inline_, data, 0)                                                                      \
  X(bdo, "bdo", inline_, data, 0)                                                                      \
  X(bgsound, "bgsound", hidden, data, el_void | el_special)                                            \
  X(big, "big", inline_, data, el_formatting)                                                          \
  X(blockquote, "blockquote", special, data, el_special | el_closes_p | el_block_end)                  \
  X(body, "body", special, data, el_special)                                                           \
  X(br, "br", special, data, el_void | el_special)                                                     \
  X(button, "button", special, data, el_special | el_block_end)                                        \
  X(canvas, "canvas", hidden, data, 0)                                                                 \
  X(caption, "caption", line, data, el_special | el_scope | el_table_part)                             \
  X(center, "center", line, data, el_special | el_closes_p | el_block_end)                             \
  X(cite, "cite", inline_, data, 0)                                                                    \
  X(code, "code", special, data, el_formatting)                                                        \
  X(col, "col", hidden, data, el_void | el_special | el_table_part)                                    \
  X(colgroup, "colgroup", hidden, data, el_special | el_table_part)                                    \
  X(data, "data", inline_, data, 0)                                                                    \
  X(datalist, "datalist", hidden, data, 0)                                                             \
  X(dd, "dd", special, data, el_special | el_closes_p)                                                 \
  X(del, "del", special, data, 0)                                                                      \
  X(desc, "desc", inline_, data, 0)                                                                    \
  X(details, "details", paragraph, data, el_special | el_closes_p | el_block_end)                      \
  X(dfn, "dfn", inline_, data, 0)                                                                      \
  X(dialog, "dialog", special, data, el_special | el_closes_p | el_block_end)                          \
  X(dir, "dir", special, data, el_special | el_closes_p | el_block_end)                                \
  X(div, "div", line, data, el_special | el_closes_p | el_block_end)                                   \
  X(dl, "dl", special, data, el_special | el_closes_p | el_block_end)                                  \
  X(dt, "dt", special, data, el_special | el_closes_p)                                                 \
  X(em, "em", special, data, el_formatting)                                                            \
  X(embed, "embed", hidden, data, el_void | el_special)                                                \
  X(fieldset, "fieldset", paragraph, data, el_special | el_closes_p | el_block_end)                    \
  X(figcaption, "figcaption", line, data, el_special | el_closes_p | el_block_end)                     \
  X(figure, "figure", paragraph, data, el_special | el_closes_p | el_block_end)                        \
  X(font, "font", inline_, data, el_formatting)                                                        \
  X(footer, "footer", line, data, el_special | el_closes_p | el_block_end)                             \
  X(foreignobject, "foreignobject", inline_, data, 0)                                                  \
  X(form, "form", line, data, el_special | el_closes_p | el_block_end)                                 \
  X(frame, "frame", hidden, data, el_void | el_special)                                                \
  X(frameset, "frameset", hidden, data, el_special)                                                    \
  X(h1, "h1", special, data, el_special | el_closes_p | el_heading)                                    \
  X(h2, "h2", special, data, el_special | el_closes_p | el_heading)                                    \
  X(h3, "h3", special, data, el_special | el_closes_p | el_heading)                                    \
  X(h4, "h4", special, data, el_special | el_closes_p | el_heading)                                    \
  X(h5, "h5", special, data, el_special | el_closes_p | el_heading)                                    \
  X(h6, "h6", special, data, el_special | el_closes_p | el_heading)                                    \
  X(head, "head", special, data, el_special)                                                           \
  X(header, "header", line, data, el_special | el_closes_p | el_block_end)                             \
  X(hgroup, "hgroup", line, data, el_special | el_closes_p | el_block_end)                             \
  X(hr, "hr", special, data, el_void | el_special | el_closes_p)                                       \
  X(html, "html", special, data, el_special | el_scope)                                                \
  X(i, "i", special, data, el_formatting)                                                              \
  X(iframe, "iframe", hidden, rawtext, el_special)                                                     \
  X(image, "image", special, data, el_void)                                                            \
  X(img, "img", special, data, el_void | el_special)                                                   \
  X(input, "input", inline_, data, el_void | el_special)                                               \
  X(ins, "ins", inline_, data, 0)                                                                      \
  X(kbd, "kbd", special, data, 0)                                                                      \
  X(keygen, "keygen", hidden, data, el_void | el_special)                                              \
  X(label, "label", inline_, data, 0)                                                                  \
  X(legend, "legend", line, data, 0)                                                                   \
  X(li, "li", special, data, el_special | el_closes_p)                                                 \
  X(link, "link", special, data, el_void | el_special)                                                 \
  X(listing, "listing", special, data, el_special | el_closes_p | el_block_end)                        \
  X(main, "main", line, data, el_special | el_closes_p | el_block_end)                                 \
  X(malignmark, "malignmark", inline_, data, 0)                                                        \
  X(map, "map", inline_, data, 0)                                                                      \
  X(mark, "mark", inline_, data, 0)                                                                    \
  X(marquee, "marquee", line, data, el_special | el_scope | el_block_end)                              \
  X(math, "math", special, data, 0)                                                                    \
  X(menu, "menu", special, data, el_special | el_closes_p | el_block_end)                              \
  X(meta, "meta", special, data, el_void | el_special)                                                 \
  X(meter, "meter", inline_, data, 0)                                                                  \
  X(mglyph, "mglyph", inline_, data, 0)                                                                \
  X(mi, "mi", inline_, data, 0)                                                                        \
  X(mn, "mn", inline_, data, 0)                                                                        \
  X(mo, "mo", inline_, data, 0)                                                                        \
  X(ms, "ms", inline_, data, 0)                                                                        \
  X(mtext, "mtext", inline_, data, 0)                                                                  \
  X(nav, "nav", hidden, data, el_special | el_closes_p | el_block_end)                                 \
  X(nobr, "nobr", inline_, data, el_formatting)                                                        \
  X(noembed, "noembed", hidden, rawtext, el_special)                                                   \
  X(noframes, "noframes", hidden, rawtext, el_special)                                                 \
  X(noscript, "noscript", hidden, rawtext, el_special)                                                 \
  X(object, "object", inline_, data, el_special | el_scope | el_block_end)                             \
  X(ol, "ol", special, data, el_special | el_closes_p | el_block_end)                                  \
  X(optgroup, "optgroup", special, data, 0)                                                            \
  X(option, "option", special, data, 0)                                                                \
  X(output, "output", inline_, data, 0)                                                                \
  X(p, "p", paragraph, data, el_special | el_closes_p)                                                 \
  X(param, "param", hidden, data, el_void | el_special)                                                \
  X(picture, "picture", inline_, data, 0)                                                              \
  X(plaintext, "plaintext", special, plaintext, el_special | el_closes_p)                              \
  X(pre, "pre", special, data, el_special | el_closes_p | el_block_end)                                \
  X(progress, "progress", inline_, data, 0)                                                            \
  X(q, "q", inline_, data, 0)                                                                          \
  X(rb, "rb", inline_, data, 0)                                                                        \
  X(rp, "rp", hidden, data, 0)                                                                         \
  X(rt, "rt", hidden, data, 0)                                                                         \
  X(rtc, "rtc", hidden, data, 0)                                                                       \
  X(ruby, "ruby", inline_, data, 0)                                                                    \
  X(s, "s", special, data, el_formatting)                                                              \
  X(samp, "samp", special, data, 0)                                                                    \
  X(script, "script", hidden, script_data, el_special)                                                 \
  X(search, "search", line, data, el_special | el_closes_p | el_block_end)                             \
  X(section, "section", line, data, el_special | el_closes_p | el_block_end)                           \
  X(select, "select", line, data, el_special)                                                          \
  X(slot, "slot", inline_, data, 0)                                                                    \
  X(small, "small", inline_, data, el_formatting)                                                      \
  X(source, "source", hidden, data, el_void | el_special)                                              \
  X(span, "span", inline_, data, 0)                                                                    \
  X(strike, "strike", special, data, el_formatting)                                                    \
  X(strong, "strong", special, data, el_formatting)                                                    \
  X(style, "style", hidden, rawtext, el_special)                                                       \
  X(sub, "sub", inline_, data, 0)                                                                      \
  X(summary, "summary", line, data, el_special | el_closes_p | el_block_end)                           \
  X(sup, "sup", inline_, data, 0)                                                                      \
  X(svg, "svg", special, data, 0)                                                                      \
  X(table, "table", special, data, el_special | el_scope | el_closes_p)                                \
  X(tbody, "tbody", special, data, el_special | el_table_part)                                         \
  X(td, "td", special, data, el_special | el_scope | el_table_part)                                    \
  X(template_, "template", hidden, data, el_special | el_scope)                                        \
  X(textarea, "textarea", line, rcdata, el_special)                                                    \
  X(tfoot, "tfoot", special, data, el_special | el_table_part)                                         \
  X(th, "th", special, data, el_special | el_scope | el_table_part)                                    \
  X(thead, "thead", special, data, el_special | el_table_part)                                         \
  X(time, "time", inline_, data, 0)                                                                    \
  X(title, "title", special, rcdata, el_special)                                                       \
  X(tr, "tr", special, data, el_special | el_table_part)                                               \
  X(track, "track", hidden, data, el_void | el_special)                                                \
  X(tt, "tt", special, data, el_formatting)                                                            \
  X(u, "u", inline_, data, el_formatting)                                                              \
  X(ul, "ul", special, data, el_special | el_closes_p | el_block_end)                                  \
  X(var, "var", inline_, data, 0)                                                                      \
  X(video, "video", hidden, data, 0)                                                                   \
  X(wbr, "wbr", inline_, data, el_void | el_special)                                                   \
  X(xmp, "xmp", special, rawtext, el_special | el_closes_p)

/// Element identities. `unknown` covers every name not in the table; the builder gives unknown
/// names (custom elements, SVG shapes) numbers of their own from `first_dynamic` on.
enum class tag : std::uint16_t {
  unknown = 0,
#define QUARRY_X(id, name, disp, mode, flags) id,
  QUARRY_HTML_ELEMENTS(QUARRY_X)
#undef QUARRY_X
  count_,
};

/// The first number handed out to names that are not in the table.
inline constexpr std::uint16_t first_dynamic = 256;

/// What the table says about one element.
struct element_info {
  std::string_view name;
  display disp = display::inline_;
  text_mode mode = text_mode::data;
  std::uint32_t flags = 0;
};

/// The properties of `t` (unknown and dynamic tags get the defaults: inline, no flags).
[[nodiscard]] const element_info& info(tag t) noexcept;

/// The element named `name` (lower case), or tag::unknown. A compile-time hash table: one hash and
/// usually one comparison.
[[nodiscard]] tag lookup_tag(std::string_view name) noexcept;

/// True for h1..h6; `level` gets 1..6.
[[nodiscard]] inline bool heading_level(tag t, int& level) noexcept {
  if (t >= tag::h1 && t <= tag::h6) {
    level = static_cast<int>(t) - static_cast<int>(tag::h1) + 1;
    return true;
  }
  return false;
}

}  // namespace quarry::detail::html
