#include "formats/html/metadata.hpp"

#include "formats/html/tables.hpp"

namespace quarry::detail::html {

namespace {

// Hostile pages can repeat <meta> tags endlessly; these bound what is kept.
constexpr std::size_t max_list_entries = 256;
constexpr std::size_t max_object_keys = 64;

std::string lower_ascii(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return r;
}

// "image:secure_url" -> "imageSecureUrl".
std::string camel_case(std::string_view s) {
  std::string r;
  bool upper = false;
  for (char c : s) {
    if (c == ':' || c == '_' || c == '-' || c == '.') {
      upper = !r.empty();
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    upper = false;
    r += c;
  }
  return r;
}

void set_first(value& obj, std::string_view key, std::string v) {
  if (key.empty() || v.empty() || obj.find(key) != nullptr || obj.size() >= max_object_keys) return;
  obj.set(key, value(std::move(v)));
}

}  // namespace

std::string collapse_whitespace(std::string_view s) {
  std::string r;
  bool pending = false;
  append_collapsed(r, pending, s);
  return r;
}

void metadata_collector::on_html(const tag_view& t) {
  if (has_html_) return;
  has_html_ = true;
  const std::string_view* lang = t.find("lang");
  if (lang == nullptr) lang = t.find("xml:lang");
  if (lang != nullptr) language_ = collapse_whitespace(*lang);
}

void metadata_collector::on_meta(const tag_view& t) {
  const std::string_view* content = t.find("content");
  if (content == nullptr) return;
  std::string v = collapse_whitespace(*content);
  if (const std::string_view* equiv = t.find("http-equiv"); equiv != nullptr) {
    if (lower_ascii(*equiv) == "content-language" && http_language_.empty()) http_language_ = std::move(v);
    return;
  }
  const std::string_view* key = t.find("property");
  if (key == nullptr) key = t.find("name");
  if (key == nullptr) return;
  const std::string name = lower_ascii(collapse_whitespace(*key));
  if (name.starts_with("og:")) {
    set_first(open_graph_, camel_case(std::string_view(name).substr(3)), std::move(v));
  } else if (name.starts_with("twitter:")) {
    set_first(twitter_, camel_case(std::string_view(name).substr(8)), std::move(v));
  } else if (name == "description") {
    if (description_.empty()) description_ = std::move(v);
  } else if (name == "keywords") {
    std::string_view rest = v;
    while (!rest.empty() && keywords_.size() < max_list_entries) {
      const std::size_t comma = rest.find(',');
      std::string word = collapse_whitespace(rest.substr(0, comma));
      if (!word.empty()) keywords_.push_back(std::move(word));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  } else if (name == "author") {
    if (!v.empty() && authors_.size() < max_list_entries) authors_.push_back(std::move(v));
  } else if (name == "generator") {
    if (generator_.empty()) generator_ = std::move(v);
  } else if (name == "article:published_time") {
    if (created_.empty()) created_ = std::move(v);
  } else if (name == "article:modified_time") {
    if (modified_.empty()) modified_ = std::move(v);
  }
}

void metadata_collector::on_link(const tag_view& t) {
  const std::string_view* rel = t.find("rel");
  const std::string_view* href = t.find("href");
  if (rel == nullptr || href == nullptr || !canonical_.empty()) return;
  // rel is a list of space-separated tokens.
  const std::string rels = lower_ascii(*rel);
  std::string_view rest = rels;
  while (!rest.empty()) {
    const std::size_t start = rest.find_first_not_of(" \t\n\f\r");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::size_t end = rest.find_first_of(" \t\n\f\r");
    if (rest.substr(0, end) == "canonical") {
      canonical_ = collapse_whitespace(*href);
      return;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
}

void metadata_collector::set_title(std::string_view raw) {
  if (has_title_) return;
  has_title_ = true;
  title_ = collapse_whitespace(raw);
}

void metadata_collector::emit(writer& out, std::string_view charset) const {
  auto string_list = [](const std::vector<std::string>& items) {
    value a = value::array();
    for (const auto& s : items) a.push_back(value(s));
    return a;
  };
  if (!title_.empty()) out.metadata("title", value(title_));
  if (!description_.empty()) out.metadata("description", value(description_));
  if (!keywords_.empty()) out.metadata("keywords", string_list(keywords_));
  if (!authors_.empty()) {
    out.metadata("author", value(authors_.front()));
    out.metadata("authors", string_list(authors_));
  }
  if (!language_.empty()) out.metadata("language", value(language_));
  else if (!http_language_.empty()) out.metadata("language", value(http_language_));
  if (!canonical_.empty()) out.metadata("canonical", value(canonical_));
  if (!generator_.empty()) out.metadata("generator", value(generator_));
  if (!created_.empty()) out.metadata("createdAt", value(created_));
  if (!modified_.empty()) out.metadata("modifiedAt", value(modified_));
  if (open_graph_.size() != 0) out.metadata("openGraph", open_graph_);
  if (twitter_.size() != 0) out.metadata("twitter", twitter_);
  out.metadata("charset", value(charset));
}

}  // namespace quarry::detail::html
