// Email: header decoding (folding, RFC 2047 encoded words, RFC 2231 parameters), addresses, dates,
// transfer encodings, the MIME tree (boundaries, nesting, message/rfc822), which part is shown,
// the header block and metadata, attachments, charsets, limits and hostile input.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "formats/eml/address.hpp"
#include "formats/eml/date.hpp"
#include "formats/eml/header.hpp"
#include "formats/eml/params.hpp"
#include "formats/eml/transfer.hpp"
#include "quarry/quarry.hpp"

#if QUARRY_HAS_EML

namespace eml = quarry::detail::eml;
using namespace std::string_literals;

namespace {

std::span<const std::byte> bytes_of(std::string_view s) { return std::as_bytes(std::span(s.data(), s.size())); }

quarry::result<quarry::document> extract(std::string_view message, quarry::options opts = {}) {
  return quarry::extract(bytes_of(message), "eml", opts);
}

quarry::document must_extract(std::string_view message, quarry::options opts = {}) {
  auto r = extract(message, opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().detail);
  if (!r.ok()) return {};
  return std::move(r).value();
}

std::string header_text(std::string_view raw) {
  eml::text_issues issues;
  return eml::decode_header_text(raw, issues);
}

const quarry::value* meta(const quarry::document& d, std::string_view key) { return d.metadata.find(key); }

std::string meta_string(const quarry::document& d, std::string_view key) {
  const quarry::value* v = meta(d, key);
  return v ? v->as_string() : "<absent>";
}

std::vector<std::string> meta_list(const quarry::document& d, std::string_view key) {
  std::vector<std::string> out;
  if (const quarry::value* v = meta(d, key)) {
    for (const auto& item : v->items()) out.push_back(item.as_string());
  }
  return out;
}

bool has_warning(const quarry::document& d, std::string_view code) {
  for (const auto& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

}  // namespace

// ---- header text ----------------------------------------------------------------------------------

TEST(EmlHeader, UnfoldsAndCollapsesWhitespace) {
  EXPECT_EQ(header_text(" Hello\r\n\tworld  again \r\n"), "Hello world again");
  EXPECT_EQ(header_text(""), "");
}

TEST(EmlHeader, EncodedWordsQAndB) {
  EXPECT_EQ(header_text("=?utf-8?q?caf=C3=A9_au_lait?="), "café au lait");
  EXPECT_EQ(header_text("=?UTF-8?B?Y2Fmw6k=?="), "café");
  EXPECT_EQ(header_text("=?iso-8859-1?Q?J=F6rg?= Schmidt"), "Jörg Schmidt");
  EXPECT_EQ(header_text("Re: =?utf-8?q?caf=C3=A9?= news"), "Re: café news");
}

TEST(EmlHeader, AdjacentEncodedWordsJoinWithoutTheSpaceBetween) {
  EXPECT_EQ(header_text("=?utf-8?q?ab?= =?utf-8?q?cd?="), "abcd");
  EXPECT_EQ(header_text("=?utf-8?q?ab?=\r\n =?iso-8859-1?q?=E9?="), "abé");
  // A character split between two words (base64 of "é" is C3 A9, one byte in each word).
  EXPECT_EQ(header_text("=?utf-8?B?w6==?= =?utf-8?B?qQ==?="), "é");
  EXPECT_EQ(header_text("=?utf-8?B?w6==?= =?utf-8?B?qQ==?= x"), "é x");
}

TEST(EmlHeader, WordsAndTextKeepTheirSpace) {
  EXPECT_EQ(header_text("Quarterly =?utf-8?q?r=C3=A9sum=C3=A9?= report"), "Quarterly résumé report");
  EXPECT_EQ(header_text("x=?utf-8?q?y?=z"), "xyz");  // inside a word, as mailers write it
}

TEST(EmlHeader, MalformedEncodedWordsStayAsWritten) {
  EXPECT_EQ(header_text("=?utf-8?x?abc?="), "=?utf-8?x?abc?=");
  EXPECT_EQ(header_text("=?utf-8?q?no end"), "=?utf-8?q?no end");
  EXPECT_EQ(header_text("a = b ?= c"), "a = b ?= c");
  EXPECT_EQ(header_text("=??q?x?="), "=??q?x?=");
}

TEST(EmlHeader, RawEightBitText) {
  EXPECT_EQ(header_text("Gr\xC3\xBC\xC3\x9F" "e"), "Grüße");  // UTF-8 (RFC 6532)
  EXPECT_EQ(header_text("Gr\xFC\xDF" "e"), "Grüße");          // Latin-1 from an old mailer
}

TEST(EmlHeader, UnknownCharsetIsReported) {
  eml::text_issues issues;
  EXPECT_EQ(eml::decode_header_text("=?x-unheard-of?q?abc?=", issues), "abc");
  EXPECT_EQ(issues.unknown_charset, "x-unheard-of");
}

TEST(EmlHeader, ManyUnclosedEncodedWordsAreLinear) {
  const std::string raw = repeat("=?a?q?x", 400000);  // 2.8 MB of word starts, and no "?="
  const auto t0 = std::chrono::steady_clock::now();
  const std::string s = header_text(raw);
  EXPECT_EQ(s.size(), raw.size());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
}

TEST(EmlHeader, FieldReaderFollowsContinuations) {
  eml::field_reader r("Subject: a\r\n b\r\nX: 1\nbogus line\nTo:\n\tc\n");
  eml::field f;
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f.name, "Subject");
  EXPECT_EQ(f.value, " a\r\n b");
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f.name, "X");
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f.name, "To");
  EXPECT_EQ(f.value, "\n\tc");
  EXPECT_FALSE(r.next(f));
}

// ---- parameters -----------------------------------------------------------------------------------

TEST(EmlParams, ContentType) {
  const eml::header_params p(" Text/HTML ;\r\n charset=\"UTF-8\"; boundary=\"a\\\"b\" ;format=flowed (comment)");
  EXPECT_EQ(p.main(), "text/html");
  EXPECT_EQ(p.raw("charset"), "UTF-8");
  EXPECT_EQ(p.raw("boundary"), "a\"b");
  EXPECT_EQ(p.raw("format"), "flowed (comment)");
  EXPECT_EQ(p.raw("missing"), "");
}

TEST(EmlParams, Rfc2231ContinuationsAndCharset) {
  eml::text_issues issues;
  const eml::header_params a("attachment; filename*0*=utf-8''%C3%9Cber; filename*1=\" sicht\"; filename*2*=%2Epdf");
  EXPECT_EQ(a.main(), "attachment");
  EXPECT_EQ(a.text("filename", issues), "Über sicht.pdf");
  const eml::header_params b("attachment; filename*=iso-8859-1'de'Gr%FC%DFe.txt; filename=fallback.txt");
  EXPECT_EQ(b.text("filename", issues), "Grüße.txt");
  // Sections out of order are put in order.
  const eml::header_params c("inline; name*1=\"two\"; name*0=\"one-\"");
  EXPECT_EQ(c.text("name", issues), "one-two");
  EXPECT_TRUE(issues.unknown_charset.empty());
}

TEST(EmlParams, EncodedWordsInFileNames) {
  eml::text_issues issues;
  const eml::header_params p("attachment; filename=\"=?UTF-8?B?w5xiZXJzaWNodC5wZGY=?=\"");
  EXPECT_EQ(p.text("filename", issues), "Übersicht.pdf");
}

// ---- addresses and dates --------------------------------------------------------------------------

TEST(EmlAddress, Lists) {
  eml::text_issues issues;
  const auto list = eml::parse_addresses(
      " \"Doe, John\" <john@example.com>, =?utf-8?q?J=C3=B6rg?= <j@example.de>,\r\n plain@example.org,"
      " old@example.net (Old Style), Team: a@x.org, <b@x.org>; undisclosed-recipients:;",
      issues);
  ASSERT_EQ(list.size(), 6u);
  EXPECT_EQ(eml::format_mailbox(list[0]), "Doe, John <john@example.com>");
  EXPECT_EQ(eml::format_mailbox(list[1]), "Jörg <j@example.de>");
  EXPECT_EQ(eml::format_mailbox(list[2]), "plain@example.org");
  EXPECT_EQ(eml::format_mailbox(list[3]), "Old Style <old@example.net>");
  EXPECT_EQ(eml::format_mailbox(list[4]), "a@x.org");
  EXPECT_EQ(eml::format_mailbox(list[5]), "b@x.org");
}

TEST(EmlAddress, JunkNeverFails) {
  eml::text_issues issues;
  EXPECT_TRUE(eml::parse_addresses("", issues).empty());
  EXPECT_TRUE(eml::parse_addresses(",,,;;:", issues).empty());
  const auto a = eml::parse_addresses("<unclosed@example.com", issues);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].address, "unclosed@example.com");
  (void)eml::parse_addresses(repeat("(", 100000) + "x" + "\"", issues);  // no recursion, no overrun
  // Regression (fuzzer): a ':' after an angle address looped forever.
  const auto colon = eml::parse_addresses("\"Carol\" <carol@example.net>*To: Dave <d@x>", issues);
  ASSERT_EQ(colon.size(), 1u);
  EXPECT_EQ(colon[0].address, "d@x");
}

TEST(EmlDate, Iso8601) {
  EXPECT_EQ(eml::rfc5322_date_to_iso("Fri, 16 Dec 2022 17:04:16 -0500"), "2022-12-16T17:04:16-05:00");
  EXPECT_EQ(eml::rfc5322_date_to_iso("Mon, 9 Jan 2023 15:00:43 +0530"), "2023-01-09T15:00:43+05:30");
  EXPECT_EQ(eml::rfc5322_date_to_iso("9 Jan 2023 15:00 GMT"), "2023-01-09T15:00:00Z");
  EXPECT_EQ(eml::rfc5322_date_to_iso("Thu, 7 Mar 2024 08:00:00 -0000 (UTC)"), "2024-03-07T08:00:00Z");
  EXPECT_EQ(eml::rfc5322_date_to_iso("Tue, 1 Feb 99 10:00:00 EST"), "1999-02-01T10:00:00-05:00");
  EXPECT_EQ(eml::rfc5322_date_to_iso("Tue, 1 Feb 05 10:00:00 PDT"), "2005-02-01T10:00:00-07:00");
  EXPECT_EQ(eml::rfc5322_date_to_iso("Fri Dec 16 17:04:16 2022"), "2022-12-16T17:04:16");
  EXPECT_EQ(eml::rfc5322_date_to_iso("29 Feb 2024"), "2024-02-29");
  EXPECT_EQ(eml::rfc5322_date_to_iso("30 Feb 2024 10:00:00 +0000"), "");
  EXPECT_EQ(eml::rfc5322_date_to_iso("yesterday"), "");
  EXPECT_EQ(eml::rfc5322_date_to_iso(""), "");
}

// ---- transfer encodings ---------------------------------------------------------------------------

TEST(EmlTransfer, Base64IsTolerant) {
  std::string out;
  EXPECT_TRUE(eml::decode_base64("aGVs\r\nbG8=", out, 100));
  EXPECT_EQ(out, "hello");
  out.clear();
  EXPECT_TRUE(eml::decode_base64("aGVsbG8", out, 100));  // padding missing
  EXPECT_EQ(out, "hello");
  out.clear();
  EXPECT_TRUE(eml::decode_base64("QQ==QQ==", out, 100));  // two blocks glued together
  EXPECT_EQ(out, "AA");
  out.clear();
  EXPECT_TRUE(eml::decode_base64(" a G*V sbG8 !", out, 100));  // junk and blanks skipped
  EXPECT_EQ(out, "hello");
  out.clear();
  EXPECT_FALSE(eml::decode_base64("aGVsbG8=", out, 3));
  EXPECT_LE(out.size(), 3u);
  EXPECT_EQ(eml::decoded_size("aGVsbG8=", eml::transfer_encoding::base64), 5u);
}

TEST(EmlTransfer, QuotedPrintable) {
  std::string out;
  EXPECT_TRUE(eml::decode_quoted_printable("caf=C3=a9 =\r\nlong=  \nline=3D=\n", out, 100));
  EXPECT_EQ(out, "café longline=");
  out.clear();
  EXPECT_TRUE(eml::decode_quoted_printable("a=ZZb=4", out, 100));  // bad escapes stay
  EXPECT_EQ(out, "a=ZZb=4");
  out.clear();
  eml::decode_q("J=C3=B6rg_Schmidt", out);
  EXPECT_EQ(out, "Jörg Schmidt");
  EXPECT_EQ(eml::transfer_encoding_from(" Base64 "), eml::transfer_encoding::base64);
  EXPECT_EQ(eml::transfer_encoding_from("QUOTED-PRINTABLE"), eml::transfer_encoding::quoted_printable);
  EXPECT_EQ(eml::transfer_encoding_from("8bit"), eml::transfer_encoding::identity);
}

// ---- whole messages -------------------------------------------------------------------------------

TEST(Eml, HeaderBlockAndMetadata) {
  const std::string msg =
      "Received: from x by y; Fri, 16 Dec 2022 22:04:17 +0000\r\n"
      "From: =?utf-8?q?Zo=C3=AB?= <zoe@example.org>\r\n"
      "To: a@example.com, \"B, Bee\" <b@example.com>\r\n"
      "Cc: c@example.com\r\n"
      "Bcc: hidden@example.com\r\n"
      "Subject: Hello\r\n there\r\n"
      "Date: Fri, 16 Dec 2022 17:04:16 -0500\r\n"
      "Message-ID: <abc@example.org>\r\n"
      "In-Reply-To: <prev@example.org> <older@example.org>\r\n"
      "\r\n"
      "Body text.\r\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content,
            "From: Zoë <zoe@example.org>\nTo: a@example.com, B, Bee <b@example.com>\nCc: c@example.com\n"
            "Date: Fri, 16 Dec 2022 17:04:16 -0500\nSubject: Hello there\n\nBody text.");
  EXPECT_EQ(d.mime_type, "message/rfc822");
  EXPECT_EQ(meta_list(d, "from"), std::vector<std::string>{"Zoë <zoe@example.org>"});
  EXPECT_EQ(meta_list(d, "to"), (std::vector<std::string>{"a@example.com", "B, Bee <b@example.com>"}));
  EXPECT_EQ(meta_list(d, "cc"), std::vector<std::string>{"c@example.com"});
  EXPECT_EQ(meta_list(d, "bcc"), std::vector<std::string>{"hidden@example.com"});
  EXPECT_EQ(meta_list(d, "authors"), std::vector<std::string>{"Zoë"});
  EXPECT_EQ(meta_string(d, "subject"), "Hello there");
  EXPECT_EQ(meta_string(d, "title"), "Hello there");
  EXPECT_EQ(meta_string(d, "date"), "Fri, 16 Dec 2022 17:04:16 -0500");
  EXPECT_EQ(meta_string(d, "createdAt"), "2022-12-16T17:04:16-05:00");
  EXPECT_EQ(meta_string(d, "messageId"), "abc@example.org");
  EXPECT_EQ(meta_string(d, "inReplyTo"), "prev@example.org");
  ASSERT_NE(meta(d, "attachments"), nullptr);
  EXPECT_EQ(meta(d, "attachments")->size(), 0u);
  EXPECT_TRUE(d.warnings.empty());
}

TEST(Eml, MarkdownHeaderBlock) {
  quarry::options o;
  o.format = quarry::output_format::markdown;
  const auto d = must_extract("From: a@example.com\nSubject: *hi*\n\nBody", o);
  EXPECT_EQ(d.content, "**From:** a@example.com\\\n**Subject:** \\*hi\\*\n\nBody");
}

TEST(Eml, AlternativePrefersPlainText) {
  const std::string msg =
      "From: a@example.com\nSubject: s\nContent-Type: multipart/alternative; boundary=\"XX\"\n\n"
      "preamble\n--XX\nContent-Type: text/plain\n\nplain version\n--XX\nContent-Type: text/html\n\n"
      "<p>html version</p>\n--XX--\nepilogue\n";
  const auto d = must_extract(msg);
  EXPECT_TRUE(contains(d.content, "plain version"));
  EXPECT_FALSE(contains(d.content, "html version"));
  EXPECT_FALSE(contains(d.content, "preamble"));
  EXPECT_FALSE(contains(d.content, "epilogue"));
}

TEST(Eml, AlternativeFallsBackToHtmlWhenPlainIsEmpty) {
  const std::string msg =
      "From: a@example.com\nContent-Type: multipart/alternative; boundary=XX\n\n"
      "--XX\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nICAK\n"
      "--XX\nContent-Type: text/html; charset=utf-8\n\n<html><head><title>Page</title><style>p{}</style></head>"
      "<body><p>Hello &amp; <b>welcome</b></p><script>x()</script></body></html>\n--XX--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "From: a@example.com\n\nHello & welcome");
  EXPECT_EQ(meta(d, "title"), nullptr);  // the page's <title> is not the message's
  EXPECT_EQ(meta(d, "charset"), nullptr);
}

TEST(Eml, HtmlCharsetFromThePartNotTheMeta) {
  // The part says windows-1251; the page's <meta> claims UTF-8 and must not win.
  const std::string msg = "Content-Type: text/html; charset=windows-1251\n\n<meta charset=utf-8><p>\xCC\xE8\xF0</p>";
  EXPECT_EQ(must_extract(msg).content, "Мир");
  // Without a charset parameter the page's own declaration decides.
  const std::string msg2 = "Content-Type: text/html\n\n<meta charset=koi8-r><p>\xED\xC9\xD2</p>";
  EXPECT_EQ(must_extract(msg2).content, "Мир");
}

TEST(Eml, RelatedShowsItsRootAndListsTheRest) {
  const std::string msg =
      "Content-Type: multipart/related; boundary=R; start=\"<root@x>\"\n\n"
      "--R\nContent-Type: image/gif\nContent-ID: <img@x>\n\nGIF89a\n"
      "--R\nContent-Type: text/html\nContent-ID: <root@x>\n\n<p>root <img src=cid:img@x alt=logo></p>\n--R--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "root logo");
  ASSERT_EQ(meta(d, "attachments")->size(), 1u);
  EXPECT_EQ(meta(d, "attachments")->items()[0].find("mimeType")->as_string(), "image/gif");
}

TEST(Eml, MixedPartsInOrderAndAttachmentsListed) {
  const std::string msg =
      "Content-Type: multipart/mixed; boundary=M\n\n"
      "--M\n\nfirst\n"
      "--M\nContent-Type: application/pdf; name=\"a.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0x\n"
      "--M\nContent-Type: text/plain\nContent-Disposition: attachment; filename=notes.txt\n\nnot shown\n"
      "--M\nContent-Type: text/plain; name=named.txt\n\nnamed, not shown\n"
      "--M\nContent-Type: text/plain\nContent-Disposition: inline\n\nsecond\n--M--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "first\n\nsecond");
  const quarry::value* a = meta(d, "attachments");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ(a->items()[0].find("name")->as_string(), "a.pdf");
  EXPECT_EQ(a->items()[0].find("mimeType")->as_string(), "application/pdf");
  EXPECT_EQ(a->items()[0].find("size")->as_int(), 6);  // "%PDF-1"
  EXPECT_EQ(a->items()[1].find("name")->as_string(), "notes.txt");
  EXPECT_EQ(a->items()[1].find("size")->as_int(), 9);  // the line end before a boundary is the boundary's
  EXPECT_EQ(a->items()[2].find("name")->as_string(), "named.txt");
}

TEST(Eml, ImagePartsAreReportedAsImages) {
  const std::string msg =
      "Content-Type: multipart/mixed; boundary=M\n\n--M\n\ntext\n"
      "--M\nContent-Type: image/jpeg; name=photo.jpg\nContent-Transfer-Encoding: base64\n\n/9j/4AAQ\n"
      "--M\nContent-Type: image/x-png\n\nPNG\n--M--\n";
  quarry::options o;
  EXPECT_TRUE(must_extract(msg, o).images.empty());  // only when asked for
  o.extract_images = true;
  const auto d = must_extract(msg, o);
  ASSERT_EQ(d.images.size(), 2u);
  EXPECT_EQ(d.images[0].format, "jpeg");
  EXPECT_EQ(d.images[0].name, "photo.jpg");
  EXPECT_EQ(d.images[1].format, "png");
  EXPECT_EQ(d.images[1].name, "");
}

TEST(Eml, AttachmentsInAnAlternativeNotShownAreStillListed) {
  const std::string msg =
      "Content-Type: multipart/alternative; boundary=A\n\n"
      "--A\nContent-Type: text/plain\n\nplain\n"
      "--A\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/html\n\n<p>rich</p>\n"
      "--B\nContent-Type: image/png\nContent-Disposition: attachment; filename=p.png\n\nxxxx\n--B--\n--A--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "plain");
  ASSERT_EQ(meta(d, "attachments")->size(), 1u);
  EXPECT_EQ(meta(d, "attachments")->items()[0].find("name")->as_string(), "p.png");
}

TEST(Eml, NestedMessageIsQuotedWithItsHeaders) {
  const std::string msg =
      "From: outer@example.com\nSubject: Fwd: inner\nContent-Type: multipart/mixed; boundary=O\n\n"
      "--O\n\nSee below.\n"
      "--O\nContent-Type: message/rfc822\n\nFrom: inner@example.com\nSubject: inner\n\nInner body.\n--O--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content,
            "From: outer@example.com\nSubject: Fwd: inner\n\nSee below.\n\n"
            "From: inner@example.com\nSubject: inner\n\nInner body.");
  EXPECT_EQ(meta_string(d, "subject"), "Fwd: inner");  // the top message's, not the nested one's
  quarry::options o;
  o.format = quarry::output_format::markdown;
  const auto md = must_extract(msg, o);
  EXPECT_TRUE(contains(md.content, "> **From:** inner@example.com\\\n> **Subject:** inner\n>\n> Inner body."))
      << md.content;
}

TEST(Eml, Base64EncodedNestedMessage) {
  // message/rfc822 should not be transfer-encoded, but mailers do it.
  const std::string msg =
      "Content-Type: multipart/mixed; boundary=O\n\n"
      "--O\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
      "U3ViamVjdDogaW5uZXIKCklubmVyIGJvZHku\n--O--\n";  // "Subject: inner\n\nInner body."
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "Subject: inner\n\nInner body.");
}

TEST(Eml, DigestPartsAreMessages) {
  const std::string msg =
      "Content-Type: multipart/digest; boundary=D\n\n--D\n\nSubject: one\n\nfirst\n--D\n\nSubject: two\n\nsecond\n--D--\n";
  EXPECT_EQ(must_extract(msg).content, "Subject: one\n\nfirst\n\nSubject: two\n\nsecond");
}

TEST(Eml, BoundaryRules) {
  // A line that only starts with the boundary is body text; trailing blanks after it are allowed;
  // an outer boundary closes an inner multipart that never closed.
  const std::string msg =
      "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
      "--b \t\n\nline one\n--bb not a boundary\n"
      "--b\nContent-Type: multipart/mixed; boundary=\"c\"\n\n--c\n\ninner\n"
      "--b\n\nafter\n--b--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "line one\n--bb not a boundary\n\ninner\n\nafter");
  EXPECT_TRUE(has_warning(d, "truncated"));
}

TEST(Eml, BoundaryThatNeverClosesKeepsTheText) {
  const std::string msg = "Content-Type: multipart/mixed; boundary=z\n\n--z\n\nhello\nworld\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "hello\nworld");
  EXPECT_TRUE(has_warning(d, "truncated"));
}

TEST(Eml, MultipartWithoutItsBoundaryShowsTheBody) {
  const auto d = must_extract("Content-Type: multipart/mixed\n\njust text\n");
  EXPECT_EQ(d.content, "just text");
  EXPECT_TRUE(has_warning(d, "multipart_without_parts"));
}

TEST(Eml, QuotedPrintableAndCharsets) {
  const std::string msg =
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain; charset=iso-8859-2\nContent-Transfer-Encoding: quoted-printable\n\n"
      "Za=BF=F3=B3=E6 g=EA=B6l=B1 ja=BC=F1, a long line that was =\nsoft-broken.\n"
      "--b\nContent-Type: text/plain; charset=koi8-r\n\n\xF0\xD2\xC9\xD7\xC5\xD4\n"
      "--b\nContent-Type: text/plain; charset=us-ascii\n\nna\xC3\xAFve\n"
      "--b\nContent-Type: text/plain\n\nna\xEFve\n--b--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content,
            "Zażółć gęślą jaźń, a long line that was soft-broken.\n\nПривет\n\nnaïve\n\nnaïve");
  EXPECT_TRUE(d.warnings.empty());
}

TEST(Eml, InvalidUtf8IsReplacedAndReported) {
  const auto d = must_extract("Subject: bad \xC3\nContent-Type: text/plain; charset=utf-8\n\nab\xFF\xFE" "cd\xE2\x82");
  EXPECT_TRUE(quarry::detail::is_valid_utf8(d.content));
  EXPECT_TRUE(contains(d.content, "ab\xEF\xBF\xBD\xEF\xBF\xBD" "cd"));
  EXPECT_TRUE(contains(d.content, "Subject: bad \xC3\x83"));  // raw 8-bit header text that is not UTF-8: windows-1252
  EXPECT_TRUE(has_warning(d, "invalid_utf8"));
}

TEST(Eml, EmptyInput) {
  const auto d = must_extract("");
  EXPECT_EQ(d.content, "");
  EXPECT_EQ(meta(d, "subject"), nullptr);
}

TEST(Eml, UnknownCharsetWarnsOnce) {
  const std::string msg =
      "Subject: =?shift_jis?q?abc?=\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain; charset=shift_jis\n\nvalid UTF-8: \xC3\xA9\n"
      "--b\nContent-Type: text/plain; charset=gb2312\n\nnot UTF-8: \xE9\n--b--\n";
  const auto d = must_extract(msg);
  EXPECT_TRUE(contains(d.content, "valid UTF-8: é"));
  EXPECT_TRUE(contains(d.content, "not UTF-8: é"));  // windows-1252
  int n = 0;
  for (const auto& w : d.warnings) n += w.code == "unsupported_charset";
  EXPECT_EQ(n, 1);
}

TEST(Eml, EncryptedBodiesAreListedWithAWarning) {
  const std::string msg =
      "Subject: secret\nContent-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=E\n\n"
      "--E\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n"
      "--E\nContent-Type: application/octet-stream; name=encrypted.asc\n\n-----BEGIN PGP MESSAGE-----\n--E--\n";
  const auto d = must_extract(msg);
  EXPECT_EQ(d.content, "Subject: secret");
  EXPECT_TRUE(has_warning(d, "encrypted"));
  EXPECT_EQ(meta(d, "attachments")->size(), 2u);
}

TEST(Eml, FormatFlowed) {
  const std::string msg =
      "Content-Type: text/plain; format=flowed; delsp=yes\n\n"
      "one two \nthree\n>quoted a \n>quoted b\n>> deeper\n From stuffed\n-- \nsig\n";
  EXPECT_EQ(must_extract(msg).content, "one twothree\n> quoted aquoted b\n>> deeper\nFrom stuffed\n--\nsig");
}

TEST(Eml, LineEndingsOfAllKinds) {
  EXPECT_EQ(must_extract("Subject: cr\r\rline 1\rline 2\r").content, "Subject: cr\n\nline 1\nline 2");
  EXPECT_EQ(must_extract("Subject: mixed\n\nline 1\r\nline 2\n").content, "Subject: mixed\n\nline 1\nline 2");
}

TEST(Eml, MboxFromLineAndNoHeaders) {
  EXPECT_EQ(must_extract("From someone@example.com Mon Jan  1 00:00:00 2024\nSubject: s\n\nbody").content,
            "Subject: s\n\nbody");
  EXPECT_EQ(must_extract("no header here\njust text").content, "no header here\njust text");
  EXPECT_EQ(must_extract("Subject: no blank line").content, "Subject: no blank line");
}

TEST(Eml, Utf16Body) {
  const std::string msg = "Content-Type: text/plain; charset=utf-16\n\n\xFF\xFEh\0i\0\n\0"s;
  EXPECT_EQ(must_extract(msg).content, "hi");
}

// ---- limits and hostile input -----------------------------------------------------------------------

TEST(EmlHostile, DeepNestingIsLimitExceeded) {
  std::string msg;
  for (int i = 0; i < 100000; ++i) {
    msg += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" + std::to_string(i) + "\n";
  }
  msg += "\ndeep\n";
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = extract(msg);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  // The same nesting with one boundary for every level, and nested messages.
  std::string same = repeat("Content-Type: multipart/mixed; boundary=b\n\n--b\n", 100000) + "\nx\n";
  EXPECT_EQ(extract(same).err().code, quarry::error_code::limit_exceeded);
  std::string messages = repeat("Content-Type: message/rfc822\n\n", 100000) + "x";
  EXPECT_EQ(extract(messages).err().code, quarry::error_code::limit_exceeded);
}

TEST(EmlHostile, NestingWithinTheLimitIsRead) {
  quarry::options o;
  o.limits.max_depth = 50;
  std::string msg;
  for (int i = 0; i < 40; ++i) msg += "Content-Type: message/rfc822\n\nSubject: level " + std::to_string(i) + "\n";
  msg += "\ninnermost\n";
  const auto d = must_extract(msg, o);
  EXPECT_TRUE(contains(d.content, "Subject: level 39"));
  EXPECT_TRUE(contains(d.content, "innermost"));
  o.format = quarry::output_format::markdown;
  const auto md = must_extract(msg, o);
  EXPECT_TRUE(contains(md.content, "> > > > > > > > innermost"));  // quoting stops at 8 levels
  EXPECT_FALSE(contains(md.content, "> > > > > > > > > "));
}

TEST(EmlHostile, TooManyPartsIsLimitExceeded) {
  quarry::options o;
  o.limits.max_entries = 1000;
  const std::string msg = "Content-Type: multipart/mixed; boundary=b\n\n" + repeat("--b\n\nx\n", 5000) + "--b--\n";
  const auto r = extract(msg, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  o.limits.max_entries = 10000;
  EXPECT_TRUE(extract(msg, o).ok());
}

TEST(EmlHostile, FiftyMegabytesOfBase64) {
  const std::string b64 = repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n", 50u << 20 >> 6);
  // As an attachment it is only measured.
  const std::string attached = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nhi\n--b\nContent-Type: application/zip\n"
                               "Content-Transfer-Encoding: base64\n\n" + b64 + "--b--\n";
  const auto t0 = std::chrono::steady_clock::now();
  const auto d = must_extract(attached);
  EXPECT_EQ(d.content, "hi");
  ASSERT_EQ(meta(d, "attachments")->size(), 1u);
  EXPECT_EQ(meta(d, "attachments")->items()[0].find("size")->as_int(), static_cast<std::int64_t>((50u << 20 >> 6) * 57));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  // As the text it is decoded, within limits.max_decompressed_bytes.
  const std::string body = "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" + b64;
  quarry::options o;
  o.limits.max_decompressed_bytes = 1u << 20;
  const auto r = extract(body, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  o.limits.max_decompressed_bytes = 64u << 20;
  o.limits.max_output_bytes = 64u << 20;
  const auto ok = extract(body, o);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->content.size(), (50u << 20 >> 6) * 57);  // 57 bytes per encoded line, no line breaks
}

TEST(EmlHostile, TenMegabyteHeader) {
  const std::string huge = "X-Junk: " + std::string(10u << 20, 'a') + "\nSubject: " + repeat("word ", 2u << 20) +
                           "\nFrom: " + repeat("a@b, ", 1u << 20) + "\n\nbody";
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = extract(huge);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  if (r.ok()) {
    EXPECT_TRUE(contains(r->content, "body"));
  } else {
    EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  }
}

TEST(EmlHostile, TruncatedAtEveryByte) {
  const std::string msg =
      "From: =?utf-8?q?Zo=C3=AB?= <z@x>\r\nSubject: t\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\nContent-Type: text/plain\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9\r\n--c\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n"
      "--c--\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\ninner\r\n--b\r\n"
      "Content-Disposition: attachment; filename*0*=utf-8''%C3%A9; filename*1=x\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--b--\r\n";
  ASSERT_EQ(must_extract(msg).content, "From: Zoë <z@x>\nSubject: t\n\ncafé\n\nSubject: in\n\ninner");
  for (std::size_t n = 0; n <= msg.size(); ++n) {
    const auto r = extract(std::string_view(msg).substr(0, n));
    ASSERT_TRUE(r.ok()) << n;
    EXPECT_TRUE(quarry::detail::is_valid_utf8(r->content));
  }
}

TEST(EmlHostile, RandomBytes) {
  std::string noise(4u << 20, '\0');
  std::uint64_t state = 12345;
  for (char& c : noise) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    c = static_cast<char>(state >> 56);
  }
  quarry::options o;
  o.limits.max_output_bytes = 1u << 20;
  const auto r = extract(noise, o);
  if (r.ok()) {
    EXPECT_TRUE(quarry::detail::is_valid_utf8(r->content));
  } else {
    EXPECT_EQ(r.err().code, quarry::error_code::limit_exceeded);
  }
  // The same bytes behind MIME headers.
  const auto r2 = extract("Content-Type: multipart/mixed; boundary=\"\xFF\"\n\n--\xFF\nContent-Transfer-Encoding: base64\n\n" + noise, o);
  if (!r2.ok()) {
    EXPECT_EQ(r2.err().code, quarry::error_code::limit_exceeded);
  }
}

#endif  // QUARRY_HAS_EML
