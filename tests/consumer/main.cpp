// Uses the installed public API only: extract into a result, extract into a sink, detect_mime,
// extractors(), version(). Prints "consumer ok" and exits 0 when every check holds.
#include <quarry/quarry.hpp>

#include <cstdio>
#include <span>
#include <string>
#include <string_view>

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "consumer: check failed: %s\n", what);
    ++failures;
  }
}

// Collects streamed content, counting the pieces.
class collect final : public quarry::sink {
 public:
  bool on_content(std::string_view text) override {
    text_.append(text);
    ++pieces_;
    return true;
  }
  const std::string& text() const { return text_; }
  int pieces() const { return pieces_; }

 private:
  std::string text_;
  int pieces_ = 0;
};

}  // namespace

int main() {
  const std::string input = "Hello from a consumer.\r\nSecond line: caf\xC3\xA9.\n";
  const auto bytes = std::as_bytes(std::span(input.data(), input.size()));

  // Extract into a result.
  quarry::result<quarry::document> doc = quarry::extract(bytes, "notes.txt");
  check(doc.ok(), "extract() succeeds");
  if (doc.ok()) {
    check(doc->content == "Hello from a consumer.\nSecond line: caf\xC3\xA9.", "content");
    check(doc->mime_type == "text/plain", "mime type");
    check(doc->metadata.find("encoding") != nullptr, "metadata");
    std::string json;
    quarry::write_document_json(doc.value(), json);
    check(json.rfind("{\"content\":", 0) == 0, "document JSON");
  }

  // Extract into a sink (the streaming path).
  collect out;
  quarry::result<quarry::summary> s = quarry::extract(bytes, "text/plain", quarry::options{}, out);
  check(s.ok(), "extract() into a sink succeeds");
  check(out.pieces() >= 1 && doc.ok() && out.text() == doc->content, "sink content");

  // Errors are values.
  const std::string png = "\x89PNG\r\n\x1A\n";
  quarry::result<quarry::document> bad = quarry::extract(std::as_bytes(std::span(png.data(), png.size())));
  check(!bad.ok() && bad.err().code == quarry::error_code::unsupported_format, "unsupported input is an error");

  check(quarry::detect_mime(bytes, "notes.txt") == "text/plain", "detect_mime");
  check(!quarry::extractors().empty() && quarry::extractors()[0].name == "text", "extractors()");
#ifdef EXPECTED_VERSION
  check(quarry::version() == EXPECTED_VERSION, "version() matches the package version");
#endif
  if (failures) return 1;
  std::printf("consumer ok: quarry %.*s, %zu formats\n", static_cast<int>(quarry::version().size()),
              quarry::version().data(), quarry::extractors().size());
  return 0;
}
