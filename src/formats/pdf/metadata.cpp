#include "formats/pdf/metadata.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "formats/pdf/date.hpp"

namespace quarry::detail::pdf {

namespace {

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0; };
  std::size_t a = 0, b = s.size();
  while (a < b && !not_space(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && !not_space(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

std::vector<std::string> split_list(const std::string& s, std::string_view separators) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p <= s.size()) {
    const std::size_t q = s.find_first_of(separators, p);
    std::string item = trim(s.substr(p, q == std::string::npos ? std::string::npos : q - p));
    if (!item.empty()) out.push_back(std::move(item));
    if (q == std::string::npos) break;
    p = q + 1;
  }
  return out;
}

value array_of(const std::vector<std::string>& items) {
  value v = value::array();
  for (const auto& s : items) v.push_back(value(s));
  return v;
}

// The XMP values we use, from the packet's RDF (element or attribute form).
struct xmp_values {
  std::string title, subject, keywords, creator_tool, producer, created, modified;
  std::vector<std::string> authors;
};

std::string_view local_name(const char* name) {
  std::string_view n(name);
  const std::size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// rdf:Alt / rdf:Seq / rdf:Bag hold rdf:li items; simple properties hold text.
std::vector<std::string> items_of(const pugi::xml_node& n) {
  std::vector<std::string> out;
  for (pugi::xml_node c : n.children()) {
    for (pugi::xml_node li : c.children()) {
      if (local_name(li.name()) != "li") continue;
      std::string t = trim(li.text().get());
      if (!t.empty()) out.push_back(std::move(t));
    }
  }
  return out;
}

std::string first_li_or_text(const pugi::xml_node& n) {
  std::vector<std::string> items = items_of(n);
  if (!items.empty()) return items.front();
  return trim(n.text().get());
}

void read_xmp(const std::string& xml, xmp_values& v) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default)) return;
  // Walk every element and attribute once (no recursion: pugixml's traversal is iterative here).
  std::vector<pugi::xml_node> stack{doc.document_element()};
  std::size_t visited = 0;
  while (!stack.empty() && ++visited < 100000) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    if (!n) continue;
    const std::string_view name = n.name();
    auto set = [&](std::string& field, std::string val) {
      if (field.empty()) field = trim(std::move(val));
    };
    if (name == "dc:title") set(v.title, first_li_or_text(n));
    else if (name == "dc:description") set(v.subject, first_li_or_text(n));
    else if (name == "pdf:Keywords") set(v.keywords, n.text().get());
    else if (name == "pdf:Producer") set(v.producer, n.text().get());
    else if (name == "xmp:CreatorTool") set(v.creator_tool, n.text().get());
    else if (name == "xmp:CreateDate") set(v.created, n.text().get());
    else if (name == "xmp:ModifyDate") set(v.modified, n.text().get());
    else if (name == "dc:creator" && v.authors.empty()) {
      v.authors = items_of(n);
    }
    for (pugi::xml_attribute a : n.attributes()) {
      const std::string_view an = a.name();
      if (an == "pdf:Producer") set(v.producer, a.value());
      else if (an == "xmp:CreatorTool") set(v.creator_tool, a.value());
      else if (an == "xmp:CreateDate") set(v.created, a.value());
      else if (an == "xmp:ModifyDate") set(v.modified, a.value());
      else if (an == "pdf:Keywords") set(v.keywords, a.value());
    }
    for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) {
      if (c.type() == pugi::node_element) stack.push_back(c);
    }
  }
}

std::string info_string(QPDFObjectHandle info, const char* key) {
  QPDFObjectHandle h = info.getKey(key);
  if (!h.isString()) return {};
  return trim(h.getUTF8Value());
}

}  // namespace

void write_metadata(context& ctx) {
  QPDF& doc = ctx.doc;
  writer& out = ctx.out;
  std::string title, author, subject, keywords, creator, producer, created, modified;
  try {
    QPDFObjectHandle info = doc.getTrailer().getKey("/Info");
    if (info.isDictionary()) {
      title = info_string(info, "/Title");
      author = info_string(info, "/Author");
      subject = info_string(info, "/Subject");
      keywords = info_string(info, "/Keywords");
      creator = info_string(info, "/Creator");
      producer = info_string(info, "/Producer");
      created = pdf_date_to_iso(info_string(info, "/CreationDate"));
      modified = pdf_date_to_iso(info_string(info, "/ModDate"));
    }
  } catch (std::exception&) {
    ctx.warn("pdf_metadata", "the document information dictionary is damaged");
  }
  xmp_values x;
  try {
    QPDFObjectHandle md = doc.getRoot().getKey("/Metadata");
    std::string xml;
    if (md.isStream() && ctx.read_stream(md, xml)) read_xmp(xml, x);
  } catch (std::exception&) {
    ctx.warn("pdf_metadata", "the XMP metadata is damaged");
  }
  if (title.empty()) title = x.title;
  if (subject.empty()) subject = x.subject;
  if (keywords.empty()) keywords = x.keywords;
  if (creator.empty()) creator = x.creator_tool;
  if (producer.empty()) producer = x.producer;
  if (created.empty()) created = x.created;
  if (modified.empty()) modified = x.modified;
  std::vector<std::string> authors = author.empty() ? x.authors : split_list(author, ";");

  if (!title.empty()) out.metadata("title", value(title));
  if (!authors.empty()) out.metadata("authors", array_of(authors));
  if (!subject.empty()) out.metadata("subject", value(subject));
  if (!keywords.empty()) out.metadata("keywords", array_of(split_list(keywords, ",;")));
  if (!creator.empty()) out.metadata("createdBy", value(creator));
  if (!producer.empty()) out.metadata("producer", value(producer));
  if (!created.empty()) out.metadata("createdAt", value(created));
  if (!modified.empty()) out.metadata("modifiedAt", value(modified));
  out.metadata("pdfVersion", value(doc.getPDFVersion()));
  out.metadata("isEncrypted", value(doc.isEncrypted()));
}

}  // namespace quarry::detail::pdf
