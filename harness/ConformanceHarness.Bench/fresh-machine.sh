#!/usr/bin/env bash
# fresh-machine.sh [COMMIT] [BASELINE.json] — issue 17's "main job on a fresh machine" figure, as root on this host.
#
# A fresh machine of this kind: a clean clone of COMMIT (default: this checkout's HEAD), an engine with no images at
# all, nothing built by dotnet, an empty NuGet cache (packages come from the feed again); the .NET SDK is installed.
# The engine is a dockerd of its own (.ci/second-engine.sh with SECOND_ENGINE_LOCAL=1: its own data root, exec root,
# bridge chbr5 and unix socket), so the main engine's images and containers are neither used nor touched; the harness
# sees it as a local engine (DOCKER_HOST=unix://…). ENGINE_NO_COPY=1 makes .ci/engine.sh debootstrap the base image
# instead of copying it from the main engine. Then the README's two commands, timed as one:
#     dotnet tool restore && dotnet pwsh run.ps1
# Prints the wall time, /usr/bin/time's figures, the phases (from the timestamped output and a 1 s sampler: base
# image, CLI publish, image builds, targets, end) and the load average during the run; with BASELINE.json, the
# verdict changes against it (`merge … --baseline`). The engine, its data root and the clone are deleted at the end
# (KEEP=1 keeps the clone and the logs; they are under /tmp/fresh-*/ either way until then).
set -uo pipefail
repo="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
commit="$(git -C "$repo" rev-parse "${1:-HEAD}")" || exit 2
baseline="${2:-}"
[ "$(id -u)" = "0" ] || { echo "fresh-machine: needs root (a dockerd of its own)" >&2; exit 2; }

# FRESH_SLOT=1..3 runs beside another measurement (its own engine, bridge and range): two commits side by side under
# the same load.
slot="${FRESH_SLOT:-0}"
export SECOND_ENGINE_NAME="ch-fresh-engine$slot" SECOND_ENGINE_BRIDGE="chbr$((5 + slot))" \
  SECOND_ENGINE_CIDR="10.$((215 + slot)).0.1/24" SECOND_ENGINE_LOCAL=1
engine="$repo/.ci/second-engine.sh"
work="$(mktemp -d /tmp/fresh-XXXXXX)"
clone="$work/clone"
sampler=""
finish() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  bash "$engine" purge >/dev/null 2>&1
  if [ "${KEEP:-0}" = "1" ]; then echo "fresh-machine: kept $work"; else rm -rf "$work"; fi
}
trap finish EXIT

bash "$engine" purge >/dev/null 2>&1   # from nothing, whatever an interrupted run left
host="$(bash "$engine" start | tail -n1)" || exit 1
[ "$(docker -H "$host" images -q | wc -l)" = "0" ] || { echo "fresh-machine: the engine is not empty" >&2; exit 1; }
git clone -q "$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir)" "$clone" && git -C "$clone" checkout -q --detach "$commit" || exit 1
mkdir -p "$work/nuget"

t0="${EPOCHREALTIME/./}"
since() { local now="${EPOCHREALTIME/./}"; printf '%6.1f' "$(( (now - t0) / 100000 ))e-1"; }
# The sampler: load average, and which phase's processes run (read-only: pgrep lists, it never signals).
( while :; do
    printf '%s load %s publish=%s cli=%s images=%s containers=%s\n' "$(since)" "$(cut -d' ' -f1 /proc/loadavg)" \
      "$(pgrep -f "dotnet publish $clone/" >/dev/null && echo 1 || echo 0)" \
      "$(pgrep -f "$clone/harness/ConformanceHarness.Cli/bin/Release/composite/conformance-harness" >/dev/null && echo 1 || echo 0)" \
      "$(docker -H "$host" images -q 2>/dev/null | sort -u | wc -l)" "$(docker -H "$host" ps -q 2>/dev/null | wc -l)"
    sleep 1
  done >"$work/samples.log" ) &
sampler=$!

( cd "$clone" && env DOCKER_HOST="$host" NUGET_PACKAGES="$work/nuget" ENGINE_NO_COPY=1 CONFORMANCE_HARNESS_TRACE=1 \
    /usr/bin/time -v -o "$work/time.txt" bash -c 'dotnet tool restore && dotnet pwsh run.ps1' ) 2>&1 \
  | while IFS= read -r line; do printf '%s %s\n' "$(since)" "$line"; done >"$work/run.log"
status=${PIPESTATUS[0]}
kill "$sampler" 2>/dev/null; sampler=""

echo "fresh-machine: commit $commit, exit $status, logs in $work (run.log, samples.log, time.txt)"
grep -E 'Elapsed|Maximum resident|User time|System time' "$work/time.txt"
echo "phases (seconds from the start):"
grep -m1 -E 'Tool .* was restored|Restore was successful' "$work/run.log" | sed 's/^/  tool restored   /'
grep -E 'engine: (built|building) ' "$work/run.log" | sed 's/^/  /'
# The main job's background image builds (run.ps1 main: reports/images.log; seconds each, not from the start).
[ -f "$clone/reports/images.log" ] && grep -E 'engine: (built|build of)' "$clone/reports/images.log" | sed 's/^/  images.log: /'
awk '{ n = substr($6, 8) } n != last { printf "  %s images on the engine\n", $1 " " n; last = n }' "$work/samples.log" | tail -n 14
awk '$4 == "publish=1" { if (!a) a = $1; b = $1 } END { if (a) printf "  publish         %s .. %s\n", a, b }' "$work/samples.log"
grep -E 'built image|building image' "$work/run.log" | sed -E 's#conformance-harness/([a-z0-9_-]+):[0-9a-f]+#\1#; s# from [^ ]+ on [^ ]+##' | sed 's/^/  /'
grep -E 'target [a-z0-9-]+ (started|greeted)' "$work/run.log" | sed 's/^/  /'
tail -n1 "$work/run.log" | sed 's/^/  end   /'
awk '{ print $3 }' "$work/samples.log" | sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "load average (1 min) during the run: min %s, median %s, max %s (%d samples)\n", v[1], v[int((NR + 1) / 2)], v[NR], NR }'
if [ -n "$baseline" ] && [ -f "$clone/reports/report.json" ]; then
  cp "$clone/reports/report.json" "$work/report.json"
  "$clone/harness/ConformanceHarness.Cli/bin/Release/composite/conformance-harness" merge "$clone/reports/report.json" --baseline "$baseline" \
    | tail -n 15
fi
exit "$status"
