#include "formats/epub/encryption.hpp"

#include "formats/epub/paths.hpp"
#include "formats/xml/xml_load.hpp"
#include "formats/xml/xml_nodes.hpp"

namespace quarry::detail::epub {

namespace {

bool is_obfuscation(std::string_view algorithm) noexcept {
  return algorithm == "http://www.idpf.org/2008/embedding" || algorithm == "http://ns.adobe.com/pdf/enc#RC";
}

// The first descendant element of `e` named `local` (a bounded walk: EncryptedData is shallow,
// and the walk follows parent links, so depth costs no stack).
pugi::xml_node find_descendant(pugi::xml_node e, std::string_view local) {
  pugi::xml_node n = e.first_child();
  while (n) {
    if (n.type() == pugi::node_element && local_name(n.name()) == local) return n;
    if (n.type() == pugi::node_element && n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != e && !n.next_sibling()) n = n.parent();
    if (n == e) break;
    n = n.next_sibling();
  }
  return {};
}

}  // namespace

std::vector<encrypted_part> read_encryption(std::string_view xml, std::size_t max_parts) {
  std::vector<encrypted_part> parts;
  xml_source src;
  load_xml(xml, src);
  // <encryption><enc:EncryptedData><enc:EncryptionMethod Algorithm=.../>
  //   <enc:CipherData><enc:CipherReference URI=.../></enc:CipherData></enc:EncryptedData>
  for (pugi::xml_node d = src.doc.document_element().first_child(); d && parts.size() < max_parts; d = d.next_sibling()) {
    if (d.type() != pugi::node_element || local_name(d.name()) != "EncryptedData") continue;
    const pugi::xml_node method = find_descendant(d, "EncryptionMethod");
    const pugi::xml_node ref = find_descendant(d, "CipherReference");
    encrypted_part part;
    if (!ref || !resolve_href({}, ref.attribute("URI").value(), part.path)) continue;
    part.obfuscation = is_obfuscation(method.attribute("Algorithm").value());
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace quarry::detail::epub
