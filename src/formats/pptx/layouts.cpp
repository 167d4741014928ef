#include "formats/pptx/layouts.hpp"

#include "formats/office/xml_part.hpp"

namespace quarry::detail::pptx {

ph_family family_of(std::string_view t) noexcept {
  if (t == "title" || t == "ctrTitle") return ph_family::title;
  if (t.empty() || t == "body" || t == "obj" || t == "subTitle") return ph_family::body;
  return ph_family::other;
}

const placeholder* layout::match(std::string_view type, std::int64_t idx) const noexcept {
  if (idx >= 0) {
    for (const placeholder& p : placeholders) {
      if (p.idx == idx) return &p;
    }
  }
  for (const placeholder& p : placeholders) {
    if (p.type == type) return &p;
  }
  const ph_family f = family_of(type);
  if (f == ph_family::other) return nullptr;
  for (const placeholder& p : placeholders) {
    if (family_of(p.type) == f) return &p;
  }
  return nullptr;
}

void read_placeholders(pugi::xml_node root, std::vector<placeholder>& out, std::size_t limit) {
  const pugi::xml_node tree = child_named(child_named(root, "cSld"), "spTree");
  for (pugi::xml_node sp = tree.first_child(); sp && out.size() < limit; sp = sp.next_sibling()) {
    if (local_name(sp) != "sp") continue;
    const pugi::xml_node ph = child_named(child_named(child_named(sp, "nvSpPr"), "nvPr"), "ph");
    if (!ph) continue;
    placeholder p;
    p.type = attribute_named(ph, "type").value();
    p.idx = attribute_named(ph, "idx").as_llong(-1);
    if (const pugi::xml_node off = child_named(child_named(child_named(sp, "spPr"), "xfrm"), "off")) {
      p.positioned = true;
      p.x = off.attribute("x").as_llong(0);
      p.y = off.attribute("y").as_llong(0);
    }
    read_list_style(child_named(child_named(sp, "txBody"), "lstStyle"), p.bullets);
    out.push_back(std::move(p));
  }
}

result<bool> layout_cache::load(std::string_view part, std::string& text, pugi::xml_document& doc) {
  return read_xml_part(zip_, part, text, doc, out_);
}

result<const layout_cache::master*> layout_cache::master_of(std::string_view layout_part) {
  const std::vector<office::relationship> rels = office::read_relationships(zip_, layout_part, out_);
  const office::relationship* r = office::find_by_type(rels, "/slideMaster");
  if (!r) return static_cast<const master*>(nullptr);
  if (const auto it = masters_.find(r->target); it != masters_.end()) return static_cast<const master*>(it->second.get());
  if (masters_.size() >= max_parts) return static_cast<const master*>(nullptr);
  auto m = std::make_unique<master>();
  std::string text;
  pugi::xml_document doc;
  result<bool> loaded = load(r->target, text, doc);
  if (!loaded.ok()) return std::move(loaded).err();
  if (loaded.value()) {
    read_placeholders(doc.document_element(), m->placeholders, max_placeholders);
    read_list_style(child_named(child_named(doc.document_element(), "txStyles"), "bodyStyle"), m->body_bullets);
  }
  const master* made = m.get();
  masters_.emplace(r->target, std::move(m));
  return made;
}

result<const layout*> layout_cache::of_slide(const std::vector<office::relationship>& slide_rels) {
  const office::relationship* r = office::find_by_type(slide_rels, "/slideLayout");
  if (!r) return static_cast<const layout*>(nullptr);
  if (const auto it = layouts_.find(r->target); it != layouts_.end()) return static_cast<const layout*>(it->second.get());
  if (layouts_.size() >= max_parts) return static_cast<const layout*>(nullptr);
  auto l = std::make_unique<layout>();
  {
    std::string text;
    pugi::xml_document doc;
    result<bool> loaded = load(r->target, text, doc);
    if (!loaded.ok()) return std::move(loaded).err();
    if (loaded.value()) read_placeholders(doc.document_element(), l->placeholders, max_placeholders);
  }
  result<const master*> m = master_of(r->target);
  if (!m.ok()) return std::move(m).err();
  if (const master* mp = m.value()) {
    l->body_bullets = mp->body_bullets;
    // What a layout placeholder leaves unsaid comes from the master's placeholder of its family.
    for (placeholder& p : l->placeholders) {
      const placeholder* from = nullptr;
      for (const placeholder& q : mp->placeholders) {
        if (q.type == p.type || (!from && family_of(q.type) == family_of(p.type) && family_of(p.type) != ph_family::other)) {
          from = &q;
          if (q.type == p.type) break;
        }
      }
      if (!from) continue;
      if (!p.positioned && from->positioned) {
        p.positioned = true;
        p.x = from->x;
        p.y = from->y;
      }
      for (std::size_t i = 0; i < p.bullets.size(); ++i) {
        if (p.bullets[i] == bullet::unknown) p.bullets[i] = from->bullets[i];
      }
    }
  }
  const layout* made = l.get();
  layouts_.emplace(r->target, std::move(l));
  return made;
}

}  // namespace quarry::detail::pptx
