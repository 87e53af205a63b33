#!/usr/bin/env bash
# Runs the prime engine and primesieve on the same ranges in the same session, one thread each, alternating
# runs so all see the same machine noise, and prints the median of each and their ratio per case.
# Two anchors: Debian's primesieve package, and primesieve's current release where it has been built into
# .tools/primesieve (Bench/build-primesieve.sh SOURCE_DIR does that from a checkout of its repository); without
# that build the second anchor is skipped, and the script says so.
# Usage: Bench/compare.sh [runs]   (default 5 runs per case; RUNS=... also works)
set -euo pipefail

runs="${1:-${RUNS:-5}}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v primesieve >/dev/null 2>&1; then
  echo "primesieve not found; installing it with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq primesieve >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq primesieve >/dev/null; fi
fi

current="$root/.tools/primesieve/primesieve"
if [ ! -x "$current" ]; then
  echo "primesieve's current release is not built (.tools/primesieve/primesieve): its column is skipped; Bench/build-primesieve.sh SOURCE_DIR builds it" >&2
  current=""
fi

dotnet build "$root/Bench/Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
bench=(dotnet "$root/Bench/bin/Release/net10.0/Bench.dll")

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", b - a }'; }

# Engine: "<seconds> <count>" from its JSON (seconds cover sieving, storing or rendering, not .NET start-up).
ours() { "${bench[@]}" sieve "$@" | sed -n 's/.*"count":\([0-9]*\).*"seconds":\([0-9.eE+-]*\).*/\2 \1/p'; }
# primesieve: "<seconds> <count>" as it reports them itself; the binary is the first argument.
anchor_count() { local bin="$1"; shift; "$bin" "$@" -c -t1 --time | awk '/^Seconds:/ { s = $2 } /^Primes:/ { c = $2 } END { print s, c }'; }

mismatches=0
same_count() { # label "<seconds> <count>" "<seconds> <count>"
  if [ -n "$3" ] && [ "${2#* }" != "${3#* }" ]; then
    echo "COUNT MISMATCH in $1: ours ${2#* }, primesieve ${3#* }" >&2
    mismatches=$((mismatches + 1))
  fi
}

cases=()
add_case() { cases+=("$1"); }

# One case: our run, then each anchor's count of [from, to], alternating; "ours" is the command for our run.
run_case() { # name target from to ours-args...
  local name="$1" target="$2" from="$3" to="$4" a=() b=() c=() x y z
  shift 4
  for _ in $(seq "$runs"); do
    x=$(ours "$@")
    y=$(anchor_count primesieve "$from" "$to")
    z=${current:+$(anchor_count "$current" "$from" "$to")}
    same_count "$name" "$x" "$y"
    same_count "$name" "$x" "$z"
    a+=("${x%% *}")
    b+=("${y%% *}")
    c+=("${z%% *}")
  done
  report "$name" "$(printf '%s\n' "${a[@]}" | median)" "$(printf '%s\n' "${b[@]}" | median)" \
    "${current:+$(printf '%s\n' "${c[@]}" | median)}" "$target"
}

run_count_case() { # name from to target
  run_case "$1" "$4" "$2" "$3" --from "$2" --to "$3" --mode count --threads 1
}

run_store_case() {
  run_case "sieve + store [0, 10^9] vs primesieve count" "3.0" 0 1e9 --from 0 --to 1e9 --mode store --threads 1
}

run_text_case() { # wall clock for all, process start-up included, output to /dev/null
  local a=() b=() c=() t0 t1 text="${TMPDIR:-/tmp}/compare-text.$$"
  for _ in $(seq "$runs"); do
    t0=$(now); "${bench[@]}" sieve --from 0 --to 1e9 --mode text --threads 1 --out /dev/null >/dev/null; t1=$(now)
    a+=("$(elapsed "$t0" "$t1")")
    t0=$(now); primesieve 1e9 --print -t1 >/dev/null; t1=$(now)
    b+=("$(elapsed "$t0" "$t1")")
    if [ -n "$current" ]; then
      t0=$(now); "$current" 1e9 --print -t1 >/dev/null; t1=$(now)
      c+=("$(elapsed "$t0" "$t1")")
    fi
  done
  # Same bytes as primesieve, checked once outside the timed runs.
  "${bench[@]}" sieve --from 0 --to 1e7 --mode text --out "$text" >/dev/null
  if [ "$(sha256sum < "$text")" != "$(primesieve 1e7 --print | sha256sum)" ]; then
    echo "TEXT MISMATCH: [0, 10^7] differs from primesieve --print" >&2
    mismatches=$((mismatches + 1))
  fi
  rm -f "$text"
  report "text [0, 10^9] (wall clock, to /dev/null)" "$(printf '%s\n' "${a[@]}" | median)" "$(printf '%s\n' "${b[@]}" | median)" \
    "${current:+$(printf '%s\n' "${c[@]}" | median)}" "1.0"
}

rows=()
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
report() { # name ours debian current-or-empty target
  local debian current="-" current_ratio="-"
  debian=$(ratio "$2" "$3")
  if [ -n "$4" ]; then current="$4"; current_ratio="$(ratio "$2" "$4")×"; fi
  rows+=("| $1 | $2 | $3 | ${debian}× | $current | $current_ratio | ${5:+≤ $5×} |")
  echo "  $1: ours $2 s, primesieve (Debian) $3 s, ratio $debian; current release ${current} s, ratio ${current_ratio}${5:+ (target ≤ $5)}" >&2
}
version_of() { "$1" --version | head -1 | sed 's/^primesieve //; s/,.*//'; }

anchors="primesieve $(version_of primesieve) (Debian)${current:+ and $(version_of "$current") (built from its repository)}"
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $anchors; .NET $(dotnet --version); $runs runs per case" >&2
run_count_case "count [0, 10^10]" 0 1e10 "2.0"
run_count_case "count [10^12, 10^12 + 10^9]" 1e12 1001000000000 "2.0"
run_count_case "count [10^18, 10^18 + 10^9]" 1e18 1000000001000000000 "2.5"
run_count_case "count [2^64 - 10^8, 2^64 - 1] (one service segment)" 18446744073609551616 18446744073709551615 ""
run_store_case
run_text_case
isprime=$("${bench[@]}" isprime)

echo
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs), $anchors, .NET $(dotnet --version); one thread; median of $runs runs."
echo
echo "| case | ours (s) | primesieve $(version_of primesieve) (s) | ratio | primesieve ${current:+$(version_of "$current")} current (s) | ratio | target |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "IsPrime(ulong) on random odd 64-bit inputs (target: median ≤ 2 µs): $isprime"
if [ "$mismatches" -ne 0 ]; then
  echo "$mismatches result(s) differed from primesieve" >&2
  exit 1
fi
