#!/usr/bin/env bash
# π(x) by the engine against primecount in the same run, one case after the other so both see the same machine:
# prints x, both answers, whether they are equal, and both times. Exit code 1 on any difference.
# Usage: Bench/counts.sh [threads] [x ...]   (default 1 thread; x as 1e16, 2^64-1, or digits)
set -euo pipefail

threads="${1:-1}"
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(1e12 1e13 1e14 1e15 1e16)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

command -v primecount >/dev/null || { echo "primecount not found: apt-get install primecount-bin" >&2; exit 2; }
dotnet build "$root/Bench/Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
bench=(dotnet "$root/Bench/bin/Release/net10.0/Bench.dll")

printf '%-22s %-20s %-20s %-6s %10s %10s\n' x ours primecount equal "ours (s)" "theirs (s)"
status=0
for x in "${cases[@]}"; do
  json="$("${bench[@]}" count "$x" --threads "$threads")"
  digits="$(sed -n 's/.*"input":"\([0-9]*\)".*/\1/p' <<<"$json")"
  ours="$(sed -n 's/.*"answer":"\([0-9]*\)".*/\1/p' <<<"$json")"
  seconds="$(sed -n 's/.*"seconds":\([0-9.eE+-]*\).*/\1/p' <<<"$json")"
  start=$(date +%s.%N)
  theirs="$(primecount "$digits" --threads="$threads")"
  theirs_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
  equal=yes
  [ "$ours" = "$theirs" ] || { equal=NO; status=1; }
  printf '%-22s %-20s %-20s %-6s %10s %10s\n' "$digits" "$ours" "$theirs" "$equal" "$seconds" "$theirs_seconds"
done
exit $status
