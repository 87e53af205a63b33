#!/usr/bin/env bash
# Builds primesieve's current release from a checkout of its repository into .tools/primesieve (ignored by git), for
# Bench/compare.sh to use as its second anchor beside Debian's package. Nothing of primesieve is committed here.
# Usage: Bench/build-primesieve.sh SOURCE_DIR   (a clone of kimwalisch/primesieve at the release to measure)
set -euo pipefail

src="${1:?usage: Bench/build-primesieve.sh SOURCE_DIR}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/.tools/primesieve/build"

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target primesieve >/dev/null
ln -sf build/primesieve "$root/.tools/primesieve/primesieve"
"$root/.tools/primesieve/primesieve" --version | head -1
