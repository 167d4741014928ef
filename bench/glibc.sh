#!/usr/bin/env bash
# A newer glibc + libstdc++ runtime for the one peer that needs it: @kreuzberg/node's prebuilt binary
# wants GLIBC_2.38+/GLIBCXX_3.4.31, Debian 12 has 2.36. We download Debian 13's libc6, libstdc++6 and
# libgcc-s1 packages with apt (a private apt state: the system's sources and packages are untouched),
# unpack them into build/bench-glibc/root, and the bench runs only that peer's Node process through
# that runtime's loader:  root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path ... node
# Idempotent; prints nothing when already done. Failure is not fatal: the peer is then reported as
# not loading, with its error.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build/bench-glibc
[ -f "$dir/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ] && [ -f "$dir/VERSIONS" ] && exit 0
[ "$(uname -m)" = x86_64 ] || { echo "bench/glibc.sh: only x86_64 is handled" >&2; exit 1; }
rm -rf "$dir" && mkdir -p "$dir"/{etc,lists/partial,cache/archives/partial,debs,root}
abs=$(cd "$dir" && pwd)
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" > "$dir/etc/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$abs/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$abs/lists" -o "Dir::Cache=$abs/cache" -o Dir::State::status=/dev/null
          -o APT::Architecture=amd64 -o APT::Architectures::=amd64 -o APT::Sandbox::User=root)
echo "bench: fetching a Debian 13 glibc runtime for @kreuzberg/node (build/bench-glibc)" >&2
apt-get "${apt_opts[@]}" -qq update >/dev/null
(cd "$dir/debs" && apt-get "${apt_opts[@]}" -qq download libc6 libstdc++6 libgcc-s1 >/dev/null)
for d in "$dir"/debs/*.deb; do dpkg-deb -x "$d" "$dir/root"; done
(cd "$dir/debs" && ls *.deb) > "$dir/VERSIONS"
