#!/usr/bin/env bash
# Makes the encrypted PDFs of tests/golden/pdf/ from a PDF written here, with the qpdf program
# (Debian package qpdf; scripts/bootstrap installs it). Rerun only to change them: the outputs are
# committed, and qpdf's random salts make every run's bytes differ.
set -euo pipefail
out=${1:-"$(dirname "$0")/../tests/golden/pdf"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/plain.pdf" <<'PY'
import sys
content = b"BT /F1 14 Tf 72 700 Td (Encrypted text, readable with the right password.) Tj ET"
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
out = bytearray(b"%PDF-1.7\n")
offsets = []
for i, o in enumerate(objs):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    out += b"%010d 00000 n \n" % off
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
# RC4 128-bit with a user password; AES-256 with only an owner password (opens with the empty one).
qpdf --allow-weak-crypto --encrypt secret owner 128 --use-aes=n -- "$tmp/plain.pdf" "$out/encrypted-user-password.pdf"
qpdf --encrypt "" owner 256 -- "$tmp/plain.pdf" "$out/encrypted-owner-only.pdf"
printf 'Encrypted text, readable with the right password.\n' > "$out/encrypted-owner-only.pdf.txt"
