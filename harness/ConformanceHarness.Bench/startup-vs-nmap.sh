#!/usr/bin/env bash
# startup-vs-nmap.sh [CLI …]     (default: the CLI `run.ps1` publishes)
#
# Issue 17's start-up and relay figures, reproducibly: starts the open-relay Postfix control on 127.0.0.1:25, turns
# off its in_flow_delay, then prints hyperfine medians (-N -w 3 -r RUNS, default 20) of, for each CLI given:
#   --version; list; one scenario on the live server; every relay form, RCPT only (--select smtp/relay and --tag relay,
#   --no-data -j 8), each beside `nmap -n -p 25 --script smtp-open-relay 127.0.0.1` and as a ratio to it; then the relay
#   ratios again interleaved (side-by-side.sh: one run of each per round, so a load spike hits both alike).
# Measure on a quiet machine (the load average is printed before and after). The control is stopped at the end.
#
# Why in_flow_delay=0s: after a few dozen RCPT-only transactions Postfix's queue manager runs out of in-flow tokens and
# every MAIL FROM waits 1 s (nmap then takes 7–16 s, the harness 3.4 s) — that measures Postfix, not the clients.
# Why nmap -n: without it nmap first waits on the machine's resolver (unreachable here) for a reverse lookup.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-20}"
[ "$#" -gt 0 ] || set -- "$root/harness/ConformanceHarness.Cli/bin/Release/composite/conformance-harness"
for cli in "$@"; do [ -x "$cli" ] || { echo "not an executable: $cli (publish first: dotnet pwsh run.ps1 cli -- --version)" >&2; exit 2; }; done
command -v hyperfine >/dev/null && command -v nmap >/dev/null || { echo "needs hyperfine and nmap (apt-get install hyperfine nmap)" >&2; exit 2; }

tag="$(docker images conformance-harness/postfix --format '{{.Tag}}' | head -n1)"
[ -n "$tag" ] || { echo "no conformance-harness/postfix image: run 'dotnet pwsh run.ps1' once" >&2; exit 2; }
name="startup-bench-orelay-$$"
docker run -d --rm --name "$name" -e OPEN_RELAY=1 -e SINK_HOST=127.0.0.1 -e SINK_PORT=9 -p 127.0.0.1:25:25 "conformance-harness/postfix:$tag" >/dev/null
trap 'docker stop -t 2 "$name" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 60); do
  python3 -c "import socket; s=socket.create_connection(('127.0.0.1',25),1); assert s.recv(3)==b'220'" 2>/dev/null && break
  sleep 0.5
done
docker exec "$name" sh -c 'postconf -e in_flow_delay=0s && postfix reload' >/dev/null 2>&1

cd "$root"   # the CLI finds the repository's catalog from here
dir="$(mktemp -d)"
median() {  # LABEL COMMAND…: hyperfine's median of each command, in ms, one line each
  local label="$1"; shift
  hyperfine -N -i -w 3 -r "$runs" --export-json "$dir/$label.json" "$@" >/dev/null 2>&1
  python3 - "$dir/$label.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
nmap = next((r["median"] for r in results if r["command"].startswith("nmap")), None)
for r in results:
    ratio = f"  x{r['median'] / nmap:.2f} nmap" if nmap and not r["command"].startswith("nmap") else ""
    print(f"{r['median'] * 1000:7.0f} ms median  {r['mean'] * 1000:7.0f} ms mean  {r['user'] * 1000:6.0f} ms user{ratio}  {r['command']}")
PY
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)   ($(nproc) cores, $runs runs each)"
nmap=(nmap -n -p 25 --script smtp-open-relay 127.0.0.1)
for cli in "$@"; do
  echo "== $cli"
  median version "$cli --version"
  median list "$cli list"
  median one "$cli run --target live:127.0.0.1:25 --select smtp/relay/plain --no-data"
  median select "${nmap[*]}" "$cli run --target live:127.0.0.1:25 --select smtp/relay --no-data -j 8"
  median tag "${nmap[*]}" "$cli run --target live:127.0.0.1:25 --tag relay --no-data -j 8"
  echo "-- interleaved, $runs rounds:"
  "$root/harness/ConformanceHarness.Bench/side-by-side.sh" "$runs" "${nmap[*]}" \
    "$cli run --target live:127.0.0.1:25 --select smtp/relay --no-data -j 8" "$cli run --target live:127.0.0.1:25 --tag relay --no-data -j 8"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$dir"
