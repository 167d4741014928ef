// The ZIP reader: well-formed archives, names, ZIP64, and the hostile ones (bombs, lying
// directories, truncation, encryption).
#include <gtest/gtest.h>

#include <string>

#include "core/zip.hpp"
#include "zip_writer.hpp"

namespace {

using quarry::detail::zip_archive;
using quarry::test::zip_writer;

std::span<const std::byte> bytes_of(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }

quarry::result<zip_archive> open(const std::string& s, quarry::limits lim = {}) { return zip_archive::open(bytes_of(s), lim); }

std::string read(zip_archive& z, std::string_view name) {
  std::string out;
  const auto st = z.read(name, out);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.err().detail);
  return out;
}

TEST(Zip, ReadsStoredAndDeflatedEntries) {
  const std::string big(100000, 'x');
  const std::string archive = zip_writer()
                                  .add("mimetype", "application/epub+zip", {.deflate = false})
                                  .add("word/document.xml", "<doc>hello</doc>")
                                  .add("big.txt", big)
                                  .add("empty", "")
                                  .build();
  auto z = open(archive);
  ASSERT_TRUE(z.ok()) << z.err().detail;
  ASSERT_EQ(z.value().entries().size(), 4u);
  EXPECT_EQ(z.value().entries()[1].name, "word/document.xml");
  EXPECT_EQ(z.value().entries()[1].method, 8);
  EXPECT_EQ(read(z.value(), "mimetype"), "application/epub+zip");
  EXPECT_EQ(read(z.value(), "word/document.xml"), "<doc>hello</doc>");
  EXPECT_EQ(read(z.value(), "big.txt"), big);
  EXPECT_EQ(read(z.value(), "empty"), "");
  EXPECT_EQ(z.value().inflated_bytes(), 20u + 16u + big.size());
}

TEST(Zip, FindsNamesExactlyThenIgnoringCaseAndLeadingSlash) {
  const std::string archive = zip_writer().add("Word/Document.xml", "a").add("b", "b").add("Word/document.xml", "c").build();
  auto z = open(archive);
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(read(z.value(), "Word/document.xml"), "c");
  EXPECT_EQ(read(z.value(), "/Word/Document.xml"), "a");
  EXPECT_NE(z.value().find("WORD/DOCUMENT.XML"), nullptr);
  EXPECT_EQ(z.value().find("missing.xml"), nullptr);
  std::string out;
  const auto st = z.value().read("missing.xml", out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::corrupt);
}

TEST(Zip, NamesInUtf8OrCp437) {
  const std::string archive = zip_writer()
                                  .add("caf\xC3\xA9.txt", "1", {.utf8_flag = true})
                                  .add("na\x8Fve.txt", "2")         // CP437 0x8F = Å
                                  .add("dir\\file.txt", "3")        // Windows separators
                                  .build();
  auto z = open(archive);
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z.value().entries()[0].name, "café.txt");
  EXPECT_EQ(z.value().entries()[1].name, "naÅve.txt");
  EXPECT_EQ(z.value().entries()[2].name, "dir/file.txt");
}

TEST(Zip, Zip64EndRecords) {
  const std::string archive = zip_writer().add("a.xml", "<a/>").add("b.xml", "<b/>").build(-1, 0, true);
  auto z = open(archive);
  ASSERT_TRUE(z.ok()) << z.err().detail;
  ASSERT_EQ(z.value().entries().size(), 2u);
  EXPECT_EQ(read(z.value(), "b.xml"), "<b/>");
}

TEST(Zip, DataBeforeTheArchiveShiftsOffsets) {
  std::string archive = "#!/bin/sh\nexit 0\n";
  archive += zip_writer().add("x.txt", "shifted").build();
  auto z = open(archive);
  ASSERT_TRUE(z.ok()) << z.err().detail;
  EXPECT_EQ(read(z.value(), "x.txt"), "shifted");
}

TEST(Zip, CrcMismatchIsReportedNotFatal) {
  const std::string archive = zip_writer().add("x.txt", "data", {.bad_crc = true}).add("y.txt", "fine").build();
  auto z = open(archive);
  ASSERT_TRUE(z.ok());
  std::string out;
  bool crc_ok = true;
  ASSERT_TRUE(z.value().read("x.txt", out, &crc_ok).ok());
  EXPECT_EQ(out, "data");
  EXPECT_FALSE(crc_ok);
  ASSERT_TRUE(z.value().read("y.txt", out, &crc_ok).ok());
  EXPECT_TRUE(crc_ok);
}

TEST(ZipHostile, NotAZipOrTruncatedBeforeTheDirectory) {
  for (const std::string& s : {std::string(), std::string("PK\x03\x04"), std::string(5000, 'z'),
                              zip_writer().add("a", "b").build().substr(0, 40)}) {
    const auto z = open(s);
    ASSERT_FALSE(z.ok());
    EXPECT_EQ(z.err().code, quarry::error_code::corrupt);
  }
}

TEST(ZipHostile, EveryTruncationIsAnErrorOrData) {
  const std::string archive = zip_writer().add("a.xml", std::string(3000, 'a') + "end").add("b.xml", "bee").build();
  for (std::size_t n = 0; n < archive.size(); ++n) {
    auto z = open(archive.substr(0, n));
    if (!z.ok()) continue;
    for (const auto& e : z.value().entries()) {
      std::string out;
      (void)z.value().read(e, out);  // any outcome but a crash
    }
  }
  SUCCEED();
}

TEST(ZipHostile, ZipBombStopsAtTheRatioBound) {
  // 40 MB of zeros deflates to ~40 KB: past 250:1, so the read stops early with bounded memory.
  std::string zeros(40u << 20, '\0');
  const std::string archive = zip_writer().add("bomb.xml", zeros).build();
  zeros.clear();
  zeros.shrink_to_fit();
  auto z = open(archive);
  ASSERT_TRUE(z.ok());
  std::string out;
  const auto st = z.value().read("bomb.xml", out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::limit_exceeded);
  EXPECT_NE(st.err().detail.find("zip bomb"), std::string::npos) << st.err().detail;
  EXPECT_LE(out.size(), (archive.size() * zip_archive::max_ratio) + (2u << 20));
}

TEST(ZipHostile, TheInflateBudgetIsSharedByAllReads) {
  const std::string text(600 * 1024, 'q');
  const std::string archive = zip_writer().add("1", text).add("2", text).build();
  quarry::limits lim;
  lim.max_decompressed_bytes = 1u << 20;  // room for one entry, not two
  auto z = open(archive, lim);
  ASSERT_TRUE(z.ok());
  std::string out;
  ASSERT_TRUE(z.value().read("1", out).ok());
  const auto st = z.value().read("2", out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::limit_exceeded);
  EXPECT_NE(st.err().detail.find("max_decompressed_bytes"), std::string::npos);
}

TEST(ZipHostile, TooManyEntries) {
  zip_writer w;
  for (int i = 0; i < 200; ++i) {
    std::string name = std::to_string(i);
    name.insert(0, 1, 'f');
    w.add(name, "", {.deflate = false});
  }
  quarry::limits lim;
  lim.max_entries = 100;
  const auto z = open(w.build(), lim);
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.err().code, quarry::error_code::limit_exceeded);
  // A lying count alone is no reason to fail or to reserve: the directory's bytes bound it.
  const auto lying = open(zip_writer().add("a", "b").build(65535));
  ASSERT_TRUE(lying.ok());
  EXPECT_EQ(lying.value().entries().size(), 1u);
}

TEST(ZipHostile, DirectoryThatLies) {
  // A central directory offset pointing elsewhere, and a declared size far larger than the data.
  const std::string moved = zip_writer().add("a.txt", "alpha").build(-1, 7);
  auto z = open(moved);
  ASSERT_TRUE(z.ok()) << z.err().detail;  // found through the end record's position instead
  EXPECT_EQ(read(z.value(), "a.txt"), "alpha");
  const std::string big_claim = zip_writer().add("a.txt", "alpha", {.declared_size_delta = 1'000'000'000}).build();
  auto z2 = open(big_claim);
  ASSERT_TRUE(z2.ok());
  EXPECT_EQ(read(z2.value(), "a.txt"), "alpha");
}

TEST(ZipHostile, EncryptedAndUnknownMethods) {
  const std::string archive = zip_writer()
                                  .add("secret", "x", {.encrypted_flag = true})
                                  .add("bzip2", "x", {.method_override = 12})
                                  .add("garbage", "x", {.deflate = false, .method_override = 8})
                                  .build();
  auto z = open(archive);
  ASSERT_TRUE(z.ok());
  std::string out;
  auto st = z.value().read("secret", out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::encrypted);
  st = z.value().read("bzip2", out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.err().detail.find("method 12"), std::string::npos);
  st = z.value().read("garbage", out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().code, quarry::error_code::corrupt);
}

}  // namespace
