// CMaps (PDF 32000-1 §9.7.5, §9.10.3): how a font's strings split into character codes
// (codespace ranges of 1–4 bytes), codes to CIDs (cidrange/cidchar), and codes to Unicode
// (ToUnicode bfchar/bfrange, including the array form). Identity-H/V are built in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail::pdf {

/// A parsed CMap. Parsing never fails; whatever is malformed is skipped.
class cmap {
 public:
  /// Reads CMap program text (the decoded stream).
  void parse(std::string_view data);

  /// The predefined Identity-H / Identity-V CMap: two-byte codes, CID = code.
  void set_identity();

  /// True when nothing usable was read.
  [[nodiscard]] bool empty() const noexcept { return singles_.empty() && ranges_.empty() && codespace_.empty() && !identity_; }

  /// Reads the next character code of a string at `i` per the codespace ranges; returns the number
  /// of bytes it took (at least 1 while bytes remain).
  std::size_t next_code(std::string_view s, std::size_t i, std::uint32_t& code) const noexcept;

  /// Appends the Unicode text (UTF-8) of a code; false when the map has none.
  bool unicode(std::uint32_t code, std::string& out) const;

  /// The CID of a code (CMaps used as a Type0 font's encoding); false when unmapped.
  bool cid(std::uint32_t code, std::uint32_t& out) const noexcept;

  /// True when the codespace has ranges; otherwise next_code() reads `default_bytes`-byte codes.
  [[nodiscard]] bool has_codespace() const noexcept { return !codespace_.empty(); }
  /// Code length used when the CMap defines no codespace.
  int default_bytes = 2;

 private:
  struct space_range {
    std::uint8_t bytes;
    std::uint8_t lo[4];
    std::uint8_t hi[4];
  };
  // A code (or a range of codes) and its destination: UTF-16BE text in blob_, or a CID.
  struct mapping {
    std::uint32_t lo, hi;
    std::uint32_t text_off;  // into blob_, UTF-16BE; for CID mappings, the first CID
    std::uint16_t text_len;
    bool is_cid;
  };
  void add_space(std::string_view lo, std::string_view hi);
  void add(std::uint32_t lo, std::uint32_t hi, std::string_view utf16, bool as_cid, std::uint32_t cid);
  void finish_sort();

  std::vector<space_range> codespace_;
  std::vector<mapping> singles_;  // sorted by lo (lo == hi)
  std::vector<mapping> ranges_;   // in file order
  std::string blob_;
  bool identity_ = false;
};

/// Appends UTF-16BE text as UTF-8 (unpaired surrogates become U+FFFD).
void append_utf16be(std::string_view bytes, std::string& out);

}  // namespace quarry::detail::pdf
