#!/usr/bin/env bash
# side-by-side.sh ROUNDS 'COMMAND A' 'COMMAND B' [more commands…]
#
# Relative wall times on a shared, loaded machine: hyperfine runs its commands one block after another, so a load
# spike lands on one of them. Here every round runs each command once, in turn (hyperfine --runs 1, exit codes
# ignored), so load affects all alike; the script prints each command's median wall time and user CPU, and the
# median of the per-round ratios to the first command. Quiet machine: plain `hyperfine -N -i -w 2 A B` says the same.
set -euo pipefail
rounds="$1"; shift
[ "$#" -ge 2 ] || { echo "usage: $0 ROUNDS 'COMMAND A' 'COMMAND B' [...]" >&2; exit 2; }
dir="$(mktemp -d)"
for i in $(seq "$rounds"); do
  hyperfine -N -i --runs 1 --export-json "$dir/$i.json" "$@" >/dev/null 2>&1
done
python3 - "$dir" "$rounds" "$@" <<'PY'
import json, statistics, sys
folder, rounds, commands = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
wall = {c: [] for c in commands}; user = {c: [] for c in commands}
for i in range(1, rounds + 1):
    for r in json.load(open(f"{folder}/{i}.json"))["results"]:
        wall[r["command"]].append(r["times"][0]); user[r["command"]].append(r["user"])
first = commands[0]
for c in commands:
    ratios = [w / f for w, f in zip(wall[c], wall[first])]
    print(f"{statistics.median(wall[c])*1000:8.0f} ms wall  {statistics.median(user[c])*1000:6.0f} ms user  "
          f"x{statistics.median(ratios):.2f} of the first  ({rounds} rounds)  {c}")
PY
rm -rf "$dir"
