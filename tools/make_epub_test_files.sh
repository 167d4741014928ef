#!/usr/bin/env bash
# Makes the EPUBs of tests/golden/epub/ with pandoc (Debian package pandoc) from our own Markdown
# in tools/epub_golden/: each book as EPUB 2 and EPUB 3, and one with a table of contents and a
# cover image (the EPUB 3 navigation document and the EPUB 2 toc page are then in the spine, and
# must not be read as text). Rerun only to change them: the outputs are committed, and the
# expected .txt/.md beside them are checked by hand, then regenerated with the CLI:
#   tools/make_epub_test_files.sh [OUT_DIR] [QUARRY_CLI]
# SOURCE_DATE_EPOCH and fixed identifiers keep the dates and ids in them the same from run to run
# (the archives' bytes still differ).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out=$(realpath -m "${1:-$here/../tests/golden/epub}")
cli=${2:+$(realpath "$2")}
src="$here/epub_golden"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$out"
# A 1x1 PNG for the image and the cover, written here.
python3 - "$tmp/lighthouse.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(b"\x00\x20\x40\x80")) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY
cp "$src"/*.md "$tmp/"
cd "$tmp"
for book in novel plain; do
  for v in 2 3; do
    pandoc "$book.md" -t "epub$v" --metadata identifier="urn:uuid:00000000-0000-4000-8000-00000000000$v" \
      -o "$out/$book-epub$v.epub"
  done
done
for v in 2 3; do
  pandoc novel.md -t "epub$v" --toc --epub-cover-image=lighthouse.png \
    --metadata identifier="urn:uuid:00000000-0000-4000-8000-00000000001$v" -o "$out/toc-cover-epub$v.epub"
done
if [ -n "$cli" ]; then
  for f in "$out"/*.epub; do
    "$cli" "$f" > "$f.txt"
    "$cli" --markdown "$f" > "$f.md"
  done
fi
