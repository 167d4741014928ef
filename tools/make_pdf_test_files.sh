#!/usr/bin/env bash
# Makes the PDFs of tests/golden/pdf/: layout.pdf, written here by hand (a heading, two columns, a
# footnote with a superscript, a hyphenated word), and encrypted ones made from a PDF written here
# with the qpdf program (Debian package qpdf; scripts/bootstrap installs it). Rerun only to change
# them: the outputs are committed, and qpdf's random salts make every run's bytes differ.
set -euo pipefail
out=${1:-"$(dirname "$0")/../tests/golden/pdf"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/plain.pdf" "$out/layout.pdf" <<'PY'
import sys

def write(path, content):
  objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
          b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
          b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
          b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
          b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>"]
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
  open(path, "wb").write(out)

write(sys.argv[1], b"BT /F1 14 Tf 72 700 Td (Encrypted text, readable with the right password.) Tj ET")
left = [b"Quarry reads the text of a PDF", b"in the order a person reads it:", b"this column first, to its end,",
        b"even where the lines of the other", b"column sit on the same base-"]
right = [b"Then this column, whose lines", b"start at the same heights as the", b"lines on the left; a wide gutter",
         b"keeps the two apart. Einstein", b"wrote E = mc"]
c = b"BT /F2 24 Tf 72 720 Td (Reading Order) Tj ET\n"
c += b"BT /F2 11 Tf 13 TL 72 680 Td " + b" ".join(b"(" + l + b") '" for l in left) + b" (lines, as here.) ' ET\n"
c += b"BT /F2 11 Tf 13 TL 320 680 Td " + b" ".join(b"(" + l + b") '" for l in right)
c += b" 5 Ts /F2 7 Tf (2) Tj 0 Ts /F2 11 Tf (.) Tj ET\n"
c += b"BT /F1 8 Tf 72 100 Td (A footnote in a smaller font, alone at the bottom.) Tj ET\n"
write(sys.argv[2], c)
PY
# RC4 128-bit with a user password; AES-256 with only an owner password (opens with the empty one).
qpdf --allow-weak-crypto --encrypt secret owner 128 --use-aes=n -- "$tmp/plain.pdf" "$out/encrypted-user-password.pdf"
qpdf --encrypt "" owner 256 -- "$tmp/plain.pdf" "$out/encrypted-owner-only.pdf"
printf 'Encrypted text, readable with the right password.\n' > "$out/encrypted-owner-only.pdf.txt"
