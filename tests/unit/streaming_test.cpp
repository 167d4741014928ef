// streaming_extraction gives the same result as extract() whatever the split of the input.
#include <gtest/gtest.h>

#include <string>

#include "quarry/quarry.hpp"

namespace {

class collect final : public quarry::sink {
 public:
  bool on_content(std::string_view t) override {
    content.append(t);
    max_piece = std::max(max_piece, t.size());
    return true;
  }
  void on_metadata(std::string_view key, quarry::value&& v) override { metadata.set(key, std::move(v)); }
  std::string content;
  std::size_t max_piece = 0;
  quarry::value metadata = quarry::value::object();
};

std::span<const std::byte> bytes_of(std::string_view s) { return std::as_bytes(std::span(s.data(), s.size())); }

std::string stream_in_pieces(std::string_view doc, std::size_t piece, std::string_view hint, collect& out) {
  quarry::streaming_extraction x(hint, {}, out);
  for (std::size_t i = 0; i < doc.size(); i += piece) {
    EXPECT_TRUE(x.feed(bytes_of(doc.substr(i, piece))).ok());
  }
  auto r = x.finish();
  EXPECT_TRUE(r.ok());
  return r.ok() ? r.value().mime_type : std::string();
}

}  // namespace

TEST(Streaming, AnySplitOfUtf8AndUtf16TextGivesTheSameContent) {
  const std::string utf8 = "caf\xC3\xA9 \xF0\x9F\x98\x80 line\r\nnext\rlast \xE2\x82\xAC";
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("h\xE9llo\r\nw\xF6rld")) {
    utf16 += c;
    utf16 += '\0';
  }
  utf16 += "\x3D\xD8\x00\xDE";  // U+1F600 as a surrogate pair
  for (const std::string& doc : {utf8, utf16}) {
    auto whole = quarry::extract(bytes_of(doc), "txt");
    ASSERT_TRUE(whole.ok());
    for (std::size_t piece : {1u, 2u, 3u, 5u, 7u, 64u}) {
      collect out;
      EXPECT_EQ(stream_in_pieces(doc, piece, "txt", out), "text/plain");
      EXPECT_EQ(out.content, whole.value().content) << "piece size " << piece;
      EXPECT_EQ(out.metadata, whole.value().metadata);
    }
  }
}

TEST(Streaming, LargeTextGoesToTheSinkInBoundedPieces) {
  std::string doc;
  while (doc.size() < (3u << 20)) doc += "The quick brown fox jumps over the lazy dog. \xC3\xA9\n";
  collect out;
  stream_in_pieces(doc, 100000, "", out);
  EXPECT_EQ(out.content.size() + 1, doc.size());  // only the final newline is dropped
  EXPECT_LE(out.max_piece, 64u * 1024);
}

TEST(Streaming, ErrorsAreSticky) {
  quarry::options opts;
  opts.limits.max_input_bytes = 10;
  collect out;
  quarry::streaming_extraction x("txt", opts, out);
  EXPECT_TRUE(x.feed(bytes_of("12345")).ok());
  auto st = x.feed(bytes_of("678901"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::limit_exceeded);
  auto r = x.finish();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
}

TEST(Streaming, BinaryInputIsUnsupported) {
  std::string doc(20000, '\0');
  doc[0] = '\x01';
  collect out;
  quarry::streaming_extraction x("", {}, out);
  auto st = x.feed(bytes_of(doc));  // past the sniffing window: the format is decided here
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::unsupported_format);
  auto r = x.finish();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::unsupported_format);
}

TEST(Streaming, ExpectedSizeGivesTheSameResultForGatheringFormats) {
  // HTML is gathered whole; the hint only sizes the buffer (a wrong hint must not matter either).
  std::string doc = "<html><body>";
  while (doc.size() < 200000) doc += "<p>Paragraph with <b>bold</b> text &amp; an entity.</p>\n";
  doc += "</body></html>";
  const auto whole = quarry::extract(bytes_of(doc), "text/html");
  ASSERT_TRUE(whole.ok());
  for (std::uint64_t hint : {std::uint64_t{0}, std::uint64_t{doc.size()}, std::uint64_t{10}, std::uint64_t{1} << 40}) {
    collect out;
    quarry::options opts;
    opts.limits.max_input_bytes = 1u << 20;  // a huge hint is capped by the input limit
    quarry::streaming_extraction x("text/html", opts, out);
    x.expect_size(hint);
    for (std::size_t i = 0; i < doc.size(); i += 4096) ASSERT_TRUE(x.feed(bytes_of(std::string_view(doc).substr(i, 4096))).ok());
    ASSERT_TRUE(x.finish().ok());
    EXPECT_EQ(out.content, whole.value().content) << hint;
  }
}
