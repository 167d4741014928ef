// Content-Transfer-Encoding (RFC 2045 §6): quoted-printable and base64 decoding, tolerant of what
// real mailers write (bad padding, stray characters, lower-case hex, soft breaks with trailing
// blanks), and the decoded size of a body without decoding it (attachments are only listed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quarry::detail::eml {

/// How a body is encoded for transport. 7bit, 8bit, binary and unknown values are all read as
/// they stand.
enum class transfer_encoding : std::uint8_t { identity, quoted_printable, base64 };

/// The encoding a Content-Transfer-Encoding value names (case-insensitive, blanks ignored).
[[nodiscard]] transfer_encoding transfer_encoding_from(std::string_view value) noexcept;

/// Appends the bytes `in` encodes. Characters outside the base64 alphabet are skipped; '=' ends a
/// group early (so padding in the middle of concatenated blocks is harmless); a final group of
/// two or three characters still gives its one or two bytes. Returns false, having appended at
/// most `budget` bytes, when the output would exceed `budget`.
[[nodiscard]] bool decode_base64(std::string_view in, std::string& out, std::uint64_t budget);

/// Appends the bytes quoted-printable `in` encodes: "=XX" (either case) is a byte, "=" at the end
/// of a line (trailing blanks allowed) joins the lines, any other "=" stands for itself. Line
/// ends are kept as they are. Returns false as decode_base64 does.
[[nodiscard]] bool decode_quoted_printable(std::string_view in, std::string& out, std::uint64_t budget);

/// RFC 2047 "Q" text (an encoded word): as quoted-printable, but '_' is a space.
void decode_q(std::string_view in, std::string& out);

/// How many bytes decoding `body` would give, without decoding it.
[[nodiscard]] std::uint64_t decoded_size(std::string_view body, transfer_encoding te) noexcept;

/// Decodes `body` into `out` (cleared first); identity bodies are copied. Returns false when the
/// result would exceed `budget` bytes.
[[nodiscard]] bool decode_body(std::string_view body, transfer_encoding te, std::string& out, std::uint64_t budget);

}  // namespace quarry::detail::eml
