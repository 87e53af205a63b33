#!/usr/bin/env bash
# End-to-end timings of the service: LocalHost (Release) on its own Azurite with empty storage.
#   Bench/service.sh jobs [runs]  (default) the jobs [10^6, 2·10^6], [0, 10^9] and [0, 10^10], each on a warm host: POST
#                                 to 200 split into phases (queued, sieving, merging, finishing) from the times the
#                                 orchestration records, against the engine alone on the same range and threads, and
#                                 primesieve printing it; medians of `runs` (default 3), as a table. Each host is fresh,
#                                 and is warmed by a job of the same width elsewhere on the grid, itself timed as the
#                                 first job of a fresh host (the runtime optimises what a job runs as it goes: the first
#                                 wide job pays for it). JOBS="from to,from to" chooses other ranges.
#   Bench/service.sh workers [to] [n]  the job [0, to] (default 10^10) on 1, 2, … n (default 3) LocalHost workers sharing one
#                                 Azurite and one task hub, each time on empty storage: wall time from POST to 200, CPU
#                                 seconds of each worker and of Azurite, segments each worker sieved, and the count
#                                 against primecount.
#   Bench/service.sh count [x] [from]  the count job [from, x] (default [0, 10^16 + 1], beside which primecount
#                                 answers π(10^16)) on WORKERS (default 1) LocalHost workers sharing one Azurite and task
#                                 hub: wall time from POST to 200, the answer, CPU seconds of each worker, and primecount
#                                 on 1 and on all threads right after, on the same machine. With from > 0 primecount
#                                 answers π(x) − π(from − 1), on all threads only.
#   Bench/service.sh walk [to]    what a new user tries first: the job [0, to], its text, the same range again, then
#                                 [to/2, 1.5·to] to show reuse (default to = 10^9).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

[ -x "$root/node_modules/.bin/azurite" ] || (cd "$root" && npm ci --no-audit --no-fund >/dev/null)
dotnet build "$root/LocalHost" -c Release --nologo -v quiet >/dev/null
dotnet build "$root/Bench" -c Release --nologo -v quiet >/dev/null
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
data="" azurite="" host="" api="" storage="" extra=()

stop_host() {
  [ -n "$host" ] && { kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; }
  [ -n "$azurite" ] && { kill "$azurite" 2>/dev/null || true; wait "$azurite" 2>/dev/null || true; }
  [ -n "$data" ] && rm -rf "$data"
  data="" azurite="" host=""
}
trap stop_host EXIT

start_host() { # a fresh Azurite with empty storage, and LocalHost on it
  stop_host
  data="$(mktemp -d)"
  local blob queue table port
  blob=$(free_port); queue=$(free_port); table=$(free_port); port=$(free_port)
  "$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry --location "$data" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" >"$data/azurite.log" 2>&1 &
  azurite=$!
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  dotnet "$root/LocalHost/bin/Release/net10.0/LocalHost.dll" --urls="http://127.0.0.1:$port" "--AzureWebJobsStorage=$storage" \
    --AzureFunctionsJobHost:extensions:durableTask:hubName=ServiceBench "${extra[@]}" >"$data/host.log" 2>&1 &
  host=$!
  api="http://127.0.0.1:$port"
  until curl -s -o /dev/null "$api/api/openapi.json"; do sleep 0.2; done
}

start_and_follow() { # url: POST it, then follow the status URL its answer names until 200; prints the output JSON
  local code status
  code=$(curl -s -o "$data/start.json" -w '%{http_code}' -X POST "$1")
  [ "$code" = 200 ] && { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["output"]))' "$data/start.json"; return; }
  status=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["statusQueryGetUri"])' "$data/start.json")
  until [ "$(curl -s -o "$data/status.json" -w '%{http_code}' "$status")" = 200 ]; do sleep 0.2; done
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runtimeStatus"]=="Completed", d; print(json.dumps(d["output"]))' "$data/status.json"
}
run_job() { start_and_follow "$api/api/primes?from=$1&to=$2"; } # from to: a range job
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# The ranges `jobs` times, "from to" each; JOBS="0 1000000000" Bench/service.sh jobs 1 times one.
IFS=',' read -r -a RANGES <<<"${JOBS:-1000000 2000000,0 1000000000,0 10000000000}"

time_job() { # from to host [options]: the Bench job command's line, tagged with the host's state
  dotnet "$root/Bench/bin/Release/net10.0/Bench.dll" job --url "$api" --from "$1" --to "$2" --threads "$(nproc)" --cpu-of "$host" "$azurite" --storage "$storage" "${@:4}" | sed "s/^{/{\"host\":\"$3\",/"
}

jobs() {
  local runs="${1:-3}" results
  results="$(mktemp)"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $runs runs; load before: $(load)"
  for run in $(seq "$runs"); do
    for range in "${RANGES[@]}"; do
      set -- $range
      start_host
      run_job 1000000000000000 1000000000001000 >/dev/null   # the host is up and has answered a job
      # A job as wide on segments of its own (the width is 10^8), so that the timed job below finds nothing stored.
      local shift=$(( ($2 / 100000000 + 2) * 100000000 )) line
      line=$(time_job $(($1 + shift)) $(($2 + shift)) fresh --skip-primesieve)
      echo "run $run: $line load $(load)"
      echo "$line" >>"$results"
      line=$(time_job "$1" "$2" warm)
      echo "run $run: $line load $(load)"
      echo "$line" >>"$results"
    done
  done
  stop_host
  python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print()
print("| job | host | POST→200 (s) | queued | sieving | merging | finishing | engine alone (s) | job / engine | engine storing (s) | job / engine storing "
      "| CPU s: host + Azurite / engine | primesieve --print (s) | first answer |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for key in sorted(dict.fromkeys((r["host"], r["from"], r["to"]) for r in rows), key=lambda k: k[0] != "warm"):
    runs = [r for r in rows if (r["host"], r["from"], r["to"]) == key]
    for r in runs:
        r["hostCpu"], r["storageCpu"] = r["jobCpu"]
    def med(field, digits=2):
        values = [r[field] for r in runs if r[field] is not None]
        return f"{statistics.median(values):.{digits}f}" if values else "–"
    answers = ", ".join(sorted({str(r["firstAnswer"]) for r in runs}))
    ok = all(r["verified"] for r in runs)
    print(f"| [{key[1]}, {key[2]}]{'' if ok else ' MISMATCH'} | {key[0]} | {med('job')} | {med('queued')} | {med('sieving')} | {med('merging')} "
          f"| {med('finishing')} | {med('engine')} | {med('ratio')}× | {med('engineStored')} | {med('storedRatio')}× "
          f"| {med('hostCpu', 1)} + {med('storageCpu', 1)} / {med('engineCpu', 1)} "
          f"| {med('primesieve')} | {answers} |")
PY
  echo "load after: $(load); medians of $runs runs, engine and primesieve on $(nproc) threads (primesieve --print on one);"
  echo "warm: after a job as wide elsewhere (that job is the 'fresh' row: the first wide job of a new host);"
  echo "engine storing: the engine alone also storing each segment (a blob and a catalog row) in the same Azurite"
  rm -f "$results"
}

cpu_seconds() { # pid: user + system CPU seconds so far
  awk -v tick="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / tick }' "/proc/$1/stat"
}

add_workers() { # n: workers 2…n beside the one start_host started, on its Azurite and task hub; sets pids and ports
  local w port
  pids=("$host") ports=("${api##*:}")
  for w in $(seq 2 "$1"); do
    port=$(free_port)
    dotnet "$root/LocalHost/bin/Release/net10.0/LocalHost.dll" --urls="http://127.0.0.1:$port" "--AzureWebJobsStorage=$storage" \
      --AzureFunctionsJobHost:extensions:durableTask:hubName=ServiceBench "${extra[@]}" >"$data/host$w.log" 2>&1 &
    pids+=($!) ports+=("$port")
    until curl -s -o /dev/null "http://127.0.0.1:$port/api/openapi.json"; do sleep 0.2; done
  done
}
stop_added_workers() {
  local pid
  for pid in "${pids[@]:1}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
cpu_since() { # "before" CPU seconds of each of pids, space-separated: what each took since, space-separated
  local before=($1) w out=()
  for w in "${!pids[@]}"; do out+=("$(awk -v a="${before[$w]}" -v b="$(cpu_seconds "${pids[$w]}")" 'BEGIN { printf "%.1f", b - a }')"); done
  echo "${out[*]}"
}
cpu_now() { local pid out=(); for pid in "${pids[@]}"; do out+=("$(cpu_seconds "$pid")"); done; echo "${out[*]}"; }

workers() {
  local to="${1:-10000000000}" most="${2:-3}" n w t ports pids expected
  expected=$(command -v primecount >/dev/null && primecount "$to" || echo "?")
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; job [0, $to]; primecount: $expected; load $(load)"
  echo "| workers | POST→200 (s) | count | CPU s per worker | segments sieved per worker | Azurite CPU s |"
  echo "|---|---|---|---|---|---|"
  extra=(--Logging:LogLevel:PrimeFunctions.Orchestration.SieveSegmentActivity=Debug)   # a line per segment sieved
  for n in $(seq "$most"); do
    start_host   # Azurite, and worker 1 (its log: host.log)
    add_workers "$n"
    local before sieved=() azurite_before wall
    before=$(cpu_now); azurite_before=$(cpu_seconds "$azurite")
    t=$(now); out=$(run_job 0 "$to"); wall=$(since "$t")
    for w in "${!pids[@]}"; do
      local log="$data/host$((w + 1)).log"; [ "$w" = 0 ] && log="$data/host.log"
      sieved+=("$(grep -c "primes, sieved" "$log" || true)")
    done
    echo "| $n | $wall | $(field "$out" count) | $(cpu_since "$before") | ${sieved[*]} | $(awk -v a="$azurite_before" -v b="$(cpu_seconds "$azurite")" 'BEGIN { printf "%.1f", b - a }') |"
    stop_added_workers
  done
  stop_host
  echo "load after: $(load)"
}

count() {
  local x="${1:-10000000000000001}" from="${2:-0}" n="${WORKERS:-1}" t out wall answer low before pids ports
  start_host
  add_workers "$n"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; count [$from, $x] on $n worker(s); load $(load)"
  before=$(cpu_now)
  t=$(now); out=$(start_and_follow "$api/api/counts?from=$from&to=$x"); wall=$(since "$t")
  echo "service: $wall s, count $(field "$out" count), method $(field "$out" method); CPU s per worker: $(cpu_since "$before"); load $(load)"
  stop_added_workers
  stop_host
  command -v primecount >/dev/null || return 0
  if [ "$from" = 0 ]; then
    t=$(now); answer=$(primecount "$x" --threads=1); echo "primecount --threads=1: $(since "$t") s, $answer"
  fi
  t=$(now); answer=$(primecount "$x" --threads="$(nproc)")
  if [ "$from" != 0 ]; then
    low=$(primecount "$(python3 -c "print($from - 1)")" --threads="$(nproc)")
    answer="$(python3 -c "print($answer - $low)") (π($x) = $answer, π($from − 1) = $low)"
  fi
  echo "primecount --threads=$(nproc): $(since "$t") s, $answer"
  echo "load after: $(load)"
}

walk() {
  local to="${1:-1000000000}" t out sha again over
  start_host
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; load $(load)"
  t=$(now); out=$(run_job 0 "$to"); echo "job [0, $to]: $(since "$t") s, count $(field "$out" count), segments $(field "$out" segments)"
  t=$(now); sha=$(curl -s "$api/api/primes/primes-0-$to/results?format=text" | sha256sum | cut -d' ' -f1)
  echo "text + sha256sum: $(since "$t") s, checksum $([ "$sha" = "$(field "$out" sha256)" ] && echo matches || echo DIFFERS)"
  t=$(now); curl -s -o /dev/null "$api/api/primes/primes-0-$to/results?format=text"; echo "text to /dev/null: $(since "$t") s"
  t=$(now); again=$(run_job 0 "$to"); echo "same range again: $(since "$t") s, count $(field "$again" count)"
  t=$(now); over=$(run_job $((to / 2)) $((to + to / 2))); echo "job [$((to / 2)), $((to + to / 2))]: $(since "$t") s, count $(field "$over" count), segments reused $(field "$over" segmentsReused) of $(field "$over" segments)"
  if command -v primesieve >/dev/null; then
    t=$(now); primesieve "$to" --print | sha256sum >/dev/null; echo "primesieve $to --print | sha256sum: $(since "$t") s"
  fi
}

case "${1:-jobs}" in
  jobs) jobs "${2:-3}" ;;
  walk) walk "${2:-1000000000}" ;;
  workers) workers "${2:-10000000000}" "${3:-3}" ;;
  count) count "${2:-10000000000000001}" "${3:-0}" ;;
  *) echo "usage: $0 [jobs [runs] | walk [to] | workers [to] [n] | count [x] [from]]" >&2; exit 2 ;;
esac
