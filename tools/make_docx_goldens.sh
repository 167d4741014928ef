#!/bin/sh
# Regenerates the DOCX golden inputs (tests/golden/docx/NAME.docx) from our Markdown sources
# (tests/golden/docx/src/NAME.md) with pandoc, so the test files come from a real DOCX writer.
# With --expected QUARRY_BINARY it also rewrites the expected outputs (NAME.docx.txt, NAME.docx.md)
# from that binary: review the diff before committing them.
#
# Usage: tools/make_docx_goldens.sh [--expected build/rel/bin/quarry]
# Needs pandoc (apt-get install -y pandoc). SOURCE_DATE_EPOCH keeps the files reproducible.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/tests/golden/docx"
quarry=""
if [ "${1:-}" = "--expected" ]; then
  quarry=${2:?"--expected needs the quarry binary"}
fi
command -v pandoc >/dev/null || { echo "make_docx_goldens: pandoc is not installed" >&2; exit 1; }
export SOURCE_DATE_EPOCH=0
for src in "$dir"/src/*.md; do
  name=$(basename "$src" .md)
  # Resources (images) are found next to the source.
  (cd "$dir/src" && pandoc --from markdown --to docx --resource-path=. -o "$dir/$name.docx" "$name.md")
  if [ -n "$quarry" ]; then
    "$quarry" "$dir/$name.docx" > "$dir/$name.docx.txt"
    "$quarry" --markdown "$dir/$name.docx" > "$dir/$name.docx.md"
  fi
  echo "$name.docx"
done
