#!/usr/bin/env bash
# End-to-end timings of the service: LocalHost (Release) on its own Azurite with empty storage, then the
# scenarios a new user tries first. Prints one line per step with wall-clock seconds and what it checked.
# Usage: Bench/service.sh [to]   (default 1000000000: the job [0, to], then [to/2, 1.5·to] to show reuse)
set -euo pipefail

to="${1:-1000000000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

[ -x "$root/node_modules/.bin/azurite" ] || (cd "$root" && npm ci --no-audit --no-fund >/dev/null)
data="$(mktemp -d)"
blob=$(free_port); queue=$(free_port); table=$(free_port); port=$(free_port)
"$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --location "$data" \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" &
azurite=$!
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"

dotnet build "$root/LocalHost" -c Release --nologo -v quiet >/dev/null
dotnet "$root/LocalHost/bin/Release/net10.0/LocalHost.dll" --urls="http://127.0.0.1:$port" "--AzureWebJobsStorage=$storage" \
  --AzureFunctionsJobHost:extensions:durableTask:hubName=ServiceBench >"$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; kill $azurite 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT
api="http://127.0.0.1:$port"
until curl -s -o /dev/null "$api/api/openapi.json"; do sleep 0.2; done

run_job() { # from to: start, then follow the status URL until 200; prints the output JSON
  local code
  code=$(curl -s -o "$data/start.json" -w '%{http_code}' -X POST "$api/api/primes?from=$1&to=$2")
  [ "$code" = 200 ] && { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["output"]))' "$data/start.json"; return; }
  until [ "$(curl -s -o "$data/status.json" -w '%{http_code}' "$api/runtime/webhooks/durabletask/instances/primes-$1-$2")" = 200 ]; do sleep 0.2; done
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runtimeStatus"]=="Completed", d; print(json.dumps(d["output"]))' "$data/status.json"
}
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
t=$(now); out=$(run_job 0 "$to"); echo "job [0, $to]: $(since "$t") s, count $(field "$out" count), segments $(field "$out" segments)"
t=$(now); sha=$(curl -s "$api/api/primes/primes-0-$to/results?format=text" | sha256sum | cut -d' ' -f1)
echo "text + sha256sum: $(since "$t") s, checksum $([ "$sha" = "$(field "$out" sha256)" ] && echo matches || echo DIFFERS)"
t=$(now); curl -s -o /dev/null "$api/api/primes/primes-0-$to/results?format=text"; echo "text to /dev/null: $(since "$t") s"
t=$(now); again=$(run_job 0 "$to"); echo "same range again: $(since "$t") s, count $(field "$again" count)"
t=$(now); over=$(run_job $((to / 2)) $((to + to / 2))); echo "job [$((to / 2)), $((to + to / 2))]: $(since "$t") s, count $(field "$over" count), segments reused $(field "$over" segmentsReused) of $(field "$over" segments)"
if command -v primesieve >/dev/null; then
  t=$(now); primesieve "$to" --print | sha256sum >/dev/null; echo "primesieve $to --print | sha256sum: $(since "$t") s"
fi
