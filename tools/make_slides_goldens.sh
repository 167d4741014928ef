#!/bin/sh
# Regenerates the PPTX, ODT and ODP golden inputs from our Markdown sources, so the test files
# come from real writers:
#   tests/golden/pptx/src/NAME.md -> tests/golden/pptx/NAME.pptx   (pandoc)
#   tests/golden/odt/src/NAME.md  -> tests/golden/odt/NAME.odt     (pandoc)
#   tests/golden/pptx/NAME.pptx   -> tests/golden/odp/NAME.odp     (LibreOffice, when installed;
#                                    pandoc writes no ODP)
# With --expected QUARRY_BINARY it also rewrites the expected outputs (NAME.EXT.txt, NAME.EXT.md)
# from that binary: review the diff before committing them.
#
# Usage: tools/make_slides_goldens.sh [--expected build/rel/bin/quarry]
# Needs pandoc (apt-get install -y pandoc); libreoffice-impress-nogui for the ODP files.
# SOURCE_DATE_EPOCH fixes the dates pandoc writes into them.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
golden="$root/tests/golden"
quarry=""
if [ "${1:-}" = "--expected" ]; then
  quarry=${2:?"--expected needs the quarry binary"}
fi
command -v pandoc >/dev/null || { echo "make_slides_goldens: pandoc is not installed" >&2; exit 1; }
export SOURCE_DATE_EPOCH=0

expected() {
  if [ -n "$quarry" ]; then
    "$quarry" "$1" > "$1.txt"
    "$quarry" --markdown "$1" > "$1.md"
  fi
  echo "${1#"$golden"/}"
}

for ext in pptx odt; do
  for src in "$golden/$ext"/src/*.md; do
    name=$(basename "$src" .md)
    # Resources (images) are found next to the source.
    (cd "$golden/$ext/src" && pandoc --from markdown --to "$ext" --resource-path=. -o "$golden/$ext/$name.$ext" "$name.md")
    expected "$golden/$ext/$name.$ext"
  done
done

if command -v soffice >/dev/null; then
  mkdir -p "$golden/odp"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  for deck in "$golden"/pptx/*.pptx; do
    name=$(basename "$deck" .pptx)
    # A private profile: a running LibreOffice or a read-only home must not interfere.
    HOME="$tmp" soffice --headless "-env:UserInstallation=file://$tmp/profile" --convert-to odp \
      --outdir "$tmp" "$deck" >/dev/null 2>&1
    mv "$tmp/$name.odp" "$golden/odp/$name.odp"
    expected "$golden/odp/$name.odp"
  done
else
  echo "make_slides_goldens: soffice is not installed; the ODP files were left as they are" >&2
fi
