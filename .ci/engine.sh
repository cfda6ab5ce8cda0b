#!/usr/bin/env bash
# .ci/engine.sh — make sure a container engine, the local base image and the egress block exist.
#
# Usage:
#   bash .ci/engine.sh                 engine + base image + egress block; prints the API version last
#   bash .ci/engine.sh --check-egress  prove a container on the bridge cannot reach outside
#                                      (exit 0 = blocked, 1 = NOT blocked, 2 = could not check)
#   bash .ci/engine.sh --build [NAME…] also build harness/targets/images/NAME (all when none given)
#                                      as conformance-harness/NAME:dev and under the tag the harness
#                                      looks for (a hash of the inputs), with the host network;
#                                      an image already there under that tag is not built again
#   bash .ci/engine.sh --image-ref NAME|FOLDER  print the reference the harness gives that image (no setup)
#   bash .ci/engine.sh --api-version   print only the engine's API version (no setup)
#
# Idempotent and quick when everything is already there (one `docker info`, one image inspect,
# one iptables check).
#
# Another engine: with DOCKER_HOST set (e.g. DOCKER_HOST=tcp://10.213.0.1:23751, the engine of
# .ci/second-engine.sh) the base image is made on that engine (copied from the local engine when it has
# it: docker save | docker load), and the egress block covers that engine's bridge too when the bridge is
# on this host; an engine elsewhere gets a warning instead (its host's iptables must block it).
#
# Network design (why builds use the host network and containers the bridge):
#   * Target containers run on a docker bridge (default bridge, or any br-* network). A chain of
#     our own, CH-EGRESS, hooked from DOCKER-USER, lets forwarded packets that come in from a
#     docker bridge go only to the same bridge (container <-> container) and REJECTs everything
#     else. Traffic from a container to the host itself (the bridge gateway, e.g. 172.17.0.1,
#     where the capture sink listens) is not forwarded (it is INPUT), so it stays allowed.
#     Replies to connections that were let in (published ports) are ESTABLISHED and allowed.
#     Result: a container can reach the host and its sibling containers, nothing else — not
#     even the DNS server in its resolv.conf.
#   * `docker build` needs apt (the Debian mirror) inside the build container. Rather than
#     punching holes for the mirror's addresses (which change, and resolve via DNS that is
#     blocked too), image builds use `docker build --network host`: build steps run in the
#     host's network namespace and never cross the FORWARD chain. Only builds get that; the
#     images' servers always run on the bridge with the block in place.
#   * The block is IPv4 only: docker's bridges here have no IPv6 (dockerd runs without
#     --ipv6), so a container has no IPv6 route out.
set -uo pipefail

BASE_IMAGE="conformance-harness/base:bookworm"
SUITE="bookworm"
DOCKERD_LOG="/var/log/dockerd.log"
CHAIN="CH-EGRESS"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log()  { echo "engine: $*"; }
warn() { echo "engine: WARNING: $*" >&2; }
die()  { echo "engine: ERROR: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" = "0" ]; }
engine_up() { docker info >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# The apt mirror this machine uses (deb822 *.sources and one-line *.list), never a guessed host.
# Prints "URI SUITE COMPONENTS…" lines for the Debian suites of $SUITE (main, -updates, -security).
apt_debian_sources() {
  local f
  shopt -s nullglob
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    awk -v s="$SUITE" '
      /^[[:space:]]*deb[[:space:]]/ {
        i = 2
        if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }   # skip [options]
        uri = $i; suite = $(i+1); comps = ""
        for (j = i + 2; j <= NF; j++) comps = comps " " $j
        if (suite == s || suite == s "-updates" || suite == s "-security") print uri, suite comps
      }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk -v s="$SUITE" '
      function flush() {
        if (enabled && types ~ /(^| )deb( |$)/ && uris != "") {
          nu = split(uris, U, " "); ns = split(suites, S, " ")
          for (a = 1; a <= nu; a++) for (b = 1; b <= ns; b++)
            if (S[b] == s || S[b] == s "-updates" || S[b] == s "-security") print U[a], S[b], comps
        }
        types = ""; uris = ""; suites = ""; comps = ""; enabled = 1
      }
      BEGIN { enabled = 1 }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
        if (key == "types") types = $0
        else if (key == "uris") uris = $0
        else if (key == "suites") suites = $0
        else if (key == "components") comps = $0
        else if (key == "enabled" && tolower($0) == "no") enabled = 0
      }
      END { flush() }' "$f"
  done
  shopt -u nullglob
}

# The mirror for the main suite ($SUITE itself).
apt_mirror() {
  apt_debian_sources | awk -v s="$SUITE" '$2 == s { print $1; exit }'
}

# An apt proxy, if apt is configured with one (debootstrap reads http_proxy).
apt_proxy() {
  command -v apt-config >/dev/null 2>&1 || return 0
  apt-config dump 2>/dev/null | sed -n 's/^Acquire::http::Proxy "\(.*\)";$/\1/p' | head -n1
}

# ---------------------------------------------------------------------------------------------
apt_install() {
  # apt-get update only when needed: when a package has no install candidate.
  local missing=() p
  for p in "$@"; do
    if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then missing+=("$p"); fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt-get update (no candidate for: ${missing[*]})"
    apt-get update -qq || die "apt-get update failed"
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install $* failed"
}

ensure_engine() {
  if engine_up; then
    log "container engine already answers (docker info ok)"
    return 0
  fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there; start that engine, or unset DOCKER_HOST to use (or install) a local dockerd"
  fi
  # A local dockerd that is still starting: wait for it rather than start a second one.
  if [ -r /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
    log "dockerd (pid $(cat /var/run/docker.pid)) is running but not answering yet; waiting"
    local w
    for w in $(seq 1 60); do
      if engine_up; then log "dockerd answers after ${w}s"; return 0; fi
      sleep 1
    done
    die "dockerd (pid $(cat /var/run/docker.pid)) runs but does not answer; see $DOCKERD_LOG"
  fi
  if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    cat >&2 <<'EOF'
engine: ERROR: no container engine answers `docker info`, and this script can only install one
engine: as root on an apt-based Linux. To get an engine, do one of:
engine:   * install Docker Engine (https://docs.docker.com/engine/install/) and start it
engine:     (`sudo systemctl start docker`, or run `dockerd` in the background);
engine:   * point the client at a running engine: export DOCKER_HOST=unix:///path/docker.sock
engine:     or DOCKER_HOST=tcp://HOST:2375 (rootless Docker, Podman's docker-compatible socket…);
engine:   * on Debian/Ubuntu as root: apt-get install docker.io iptables && dockerd &
EOF
    exit 1
  fi
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  command -v iptables >/dev/null 2>&1 || need+=(iptables)
  command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
  if [ "${#need[@]}" -gt 0 ]; then
    apt_install "${need[@]}"
    log "installed: ${need[*]}"
  fi
  # The docker.io package may have started its own daemon already (init script): check again.
  if engine_up; then log "engine answers after install"; return 0; fi
  log "starting dockerd in the background (log: $DOCKERD_LOG)"
  # setsid: its own session, so the end of the shell (or job) that started it does not take it down.
  setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  local pid=$! i
  for i in $(seq 1 60); do
    if engine_up; then log "dockerd (pid $pid) answers after ${i}s"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$DOCKERD_LOG" >&2
      die "dockerd exited; see $DOCKERD_LOG"
    fi
    sleep 1
  done
  tail -n 20 "$DOCKERD_LOG" >&2
  die "dockerd did not answer within 60 s; see $DOCKERD_LOG"
}

# ---------------------------------------------------------------------------------------------
ensure_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE present"
    return 0
  fi
  # Another engine (DOCKER_HOST) gets the image the local engine already has: the same bytes, no second debootstrap.
  # ENGINE_NO_COPY=1 makes it as a fresh machine would (harness/ConformanceHarness.Bench/fresh-machine.sh).
  if [ -n "${DOCKER_HOST:-}" ] && [ "${ENGINE_NO_COPY:-0}" != "1" ] && env -u DOCKER_HOST docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "copying $BASE_IMAGE from the local engine to $DOCKER_HOST (docker save | docker load)"
    if env -u DOCKER_HOST docker save "$BASE_IMAGE" | docker load >/dev/null; then
      log "base image $BASE_IMAGE loaded into $DOCKER_HOST"
      return 0
    fi
    warn "copying $BASE_IMAGE to $DOCKER_HOST failed; building it there"
  fi
  is_root || die "base image $BASE_IMAGE missing and debootstrap needs root"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  local mirror proxy dir t0
  mirror="$(apt_mirror)"
  [ -n "$mirror" ] || die "cannot find the apt mirror for '$SUITE' in /etc/apt/sources.list{,.d/}"
  proxy="$(apt_proxy)"
  dir="$(mktemp -d /var/tmp/ch-base.XXXXXX)"
  t0=$(date +%s)
  log "building $BASE_IMAGE: debootstrap --variant=minbase $SUITE $dir $mirror"
  if ! env ${proxy:+http_proxy=$proxy} debootstrap --variant=minbase "$SUITE" "$dir" "$mirror" \
        >/var/log/ch-debootstrap.log 2>&1; then
    tail -n 20 /var/log/ch-debootstrap.log >&2
    rm -rf "$dir"
    die "debootstrap failed (log: /var/log/ch-debootstrap.log)"
  fi
  # apt inside the image uses the same mirror(s) as this machine (one-line format; the
  # debian-archive-keyring in the image trusts them).
  apt_debian_sources | awk '{ printf "deb %s", $1; for (i = 2; i <= NF; i++) printf " %s", $i; print "" }' \
    | sort -u >"$dir/etc/apt/sources.list"
  rm -f "$dir"/etc/apt/sources.list.d/*
  if [ -n "$proxy" ]; then
    echo "Acquire::http::Proxy \"$proxy\";" >"$dir/etc/apt/apt.conf.d/01proxy"
  fi
  # Small images: no recommends, no docs; clean caches.
  cat >"$dir/etc/apt/apt.conf.d/90conformance-harness" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/archives/*.deb
  # The package lists of every suite, fetched once here: each image's `apt-get update` then finds them current (the
  # mirror answers "not modified") instead of downloading and unpacking the same lists again, once per image (about
  # 10 MB and a few seconds of CPU each). Without them (the chroot's apt failed) each image fetches its own, as before.
  if ! chroot "$dir" apt-get update -qq >>/var/log/ch-debootstrap.log 2>&1; then
    warn "apt-get update in the base image failed (see /var/log/ch-debootstrap.log): each image fetches its own lists"
    rm -rf "$dir"/var/lib/apt/lists/*
  fi
  rm -f "$dir"/var/cache/apt/*.bin
  tar -C "$dir" -c . | docker import \
      -c 'ENV DEBIAN_FRONTEND=noninteractive' -c 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null \
    || { rm -rf "$dir"; die "docker import failed"; }
  rm -rf "$dir"
  log "built $BASE_IMAGE in $(( $(date +%s) - t0 ))s (apt sources: $(tr '\n' ';' <<<"$(apt_debian_sources | awk '{print $1" "$2}')"))"
}

# ---------------------------------------------------------------------------------------------
# The engine's default bridge interface (docker0 unless dockerd runs with --bridge), and whether it is on this host:
# only then do this host's iptables see its containers' traffic.
engine_bridge() {
  local b
  b="$(docker network inspect bridge --format '{{index .Options "com.docker.network.bridge.name"}}' 2>/dev/null)"
  echo "${b:-docker0}"
}

bridge_is_here() {
  local b="$1" gw
  command -v ip >/dev/null 2>&1 && ip link show "$b" >/dev/null 2>&1 || return 1
  gw="$(docker network inspect bridge --format '{{range .IPAM.Config}}{{.Gateway}}{{end}}' 2>/dev/null)"
  # An engine elsewhere may name its bridge docker0 too: the gateway address must be this host's bridge's.
  [ -z "$gw" ] || ip -4 -o addr show dev "$b" 2>/dev/null | grep -q " ${gw}/"
}

# The marker the harness reads (a volume's label): this engine's bridge is covered by the block. The harness warns
# when an engine has no marker for its bridge (it cannot guarantee that targets there have no egress).
EGRESS_MARKER="conformance-harness-egress"
EGRESS_LABEL="conformance-harness.egress-blocked-bridge"
mark_engine() {
  local b="$1" current
  current="$(docker volume inspect "$EGRESS_MARKER" --format "{{index .Labels \"$EGRESS_LABEL\"}}" 2>/dev/null)"
  [ "$current" = "$b" ] && return 0
  docker volume rm -f "$EGRESS_MARKER" >/dev/null 2>&1
  docker volume create --label "$EGRESS_LABEL=$b" "$EGRESS_MARKER" >/dev/null || warn "could not mark the engine (volume $EGRESS_MARKER)"
}

ensure_egress_block() {
  command -v iptables >/dev/null 2>&1 || { is_root && apt_install iptables; }
  if ! is_root; then warn "not root: cannot install the egress block (iptables)"; return 0; fi
  local bridge
  bridge="$(engine_bridge)"
  if ! bridge_is_here "$bridge"; then
    warn "the engine at ${DOCKER_HOST:-the local socket} has its bridge ($bridge) on another host: this host's iptables cannot block its containers' egress; block it there (the CH-EGRESS rules below, for that bridge) — the harness will say it cannot guarantee it"
    return 0
  fi
  # DOCKER-USER is created by dockerd; create it ourselves if this engine did not.
  iptables -w -N DOCKER-USER 2>/dev/null || true
  iptables -w -N "$CHAIN" 2>/dev/null || true
  # The bridges to cover: docker's own names, every bridge an earlier run covered (another engine's), and this one's.
  local ifaces ifc
  ifaces="$( { printf '%s\n' docker0 br-+ "$bridge"
               iptables -w -S "$CHAIN" 2>/dev/null | awk '$3 == "-i" && $5 == "-o" && $4 == $6 && $8 == "RETURN" { print $4 }'; } | awk '!seen[$0]++')"
  # Refill our chain (atomic enough: one short flush+append on each run).
  iptables -w -F "$CHAIN"
  for ifc in $ifaces; do
    iptables -w -A "$CHAIN" -i "$ifc" -o "$ifc" -j RETURN                 # container <-> container
  done
  iptables -w -A "$CHAIN" -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN  # replies
  for ifc in $ifaces; do
    iptables -w -A "$CHAIN" -i "$ifc" -p tcp -j REJECT --reject-with tcp-reset
    iptables -w -A "$CHAIN" -i "$ifc" -j REJECT --reject-with icmp-admin-prohibited
  done
  iptables -w -A "$CHAIN" -j RETURN
  # Hook it first in DOCKER-USER, exactly once.
  if ! iptables -w -C DOCKER-USER -j "$CHAIN" 2>/dev/null; then
    iptables -w -I DOCKER-USER 1 -j "$CHAIN"
  fi
  # DOCKER-USER must be reached from FORWARD (dockerd does this; be sure for other engines).
  if ! iptables -w -C FORWARD -j DOCKER-USER 2>/dev/null; then
    iptables -w -I FORWARD 1 -j DOCKER-USER
  fi
  mark_engine "$bridge"
  log "egress block in place (iptables chain $CHAIN via DOCKER-USER, bridges $(echo $ifaces): bridge -> host and bridge -> same bridge only)"
}

# ---------------------------------------------------------------------------------------------
# A fixed MAC address for the engine's bridge on this host. A Linux bridge whose address nobody set takes the lowest
# address of its ports, so it changes whenever a container's veth with a lower random address joins (or the lowest one
# leaves). Containers keep the gateway's old address in their neighbour cache until it goes stale (15-45 s, then the
# probes), and the host drops what they send it meanwhile: the sink relay's answers to the harness were lost that way
# (issue 18: a relayed message did not reach the sink within 20 s on the second engine's chbr1). dockerd fixes the
# address of the bridges it creates (docker0, br-*: addr_assign_type 3, "set"); a bridge made for dockerd --bridge by
# hand is not fixed. Setting the address, even to the one it has, makes the kernel keep it (net/bridge/br_stp_if.c).
ensure_bridge_address() {
  is_root || return 0
  local bridge gw mac
  bridge="$(engine_bridge)"
  bridge_is_here "$bridge" || return 0
  [ "$(cat "/sys/class/net/$bridge/addr_assign_type" 2>/dev/null)" = "3" ] && return 0
  mac="$(cat "/sys/class/net/$bridge/address" 2>/dev/null)"
  if [ -z "$mac" ] || [ "$mac" = "00:00:00:00:00:00" ]; then
    # No port yet, so no address: docker's own scheme for its containers, 02:42 and the IPv4 address (here the
    # gateway's, which no container has).
    gw="$(bridge_gateway)"
    [[ "$gw" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || { warn "bridge $bridge has no IPv4 address: its MAC address is left to follow its ports"; return 0; }
    mac="$(printf '02:42:%02x:%02x:%02x:%02x' ${gw//./ })"
  fi
  if ip link set dev "$bridge" address "$mac"; then
    log "bridge $bridge: MAC address fixed at $mac (it no longer follows its ports)"
  else
    warn "could not fix the MAC address of bridge $bridge: containers may lose the gateway for up to a minute when another one starts"
  fi
}

# ---------------------------------------------------------------------------------------------
# Prove the block: from a container on the default bridge, a TCP connect to the apt mirror's
# address must fail. The mirror is a host this machine reaches anyway (apt), so even a broken
# block sends nothing anywhere it must not. As a positive control, the same container must reach
# a listener on the bridge gateway (where the capture sink lives): that shows the block is not
# simply "no network at all".
bridge_gateway() {
  local gw
  gw="$(docker network inspect bridge --format '{{range .IPAM.Config}}{{.Gateway}}{{end}}' 2>/dev/null)"
  if [ -z "$gw" ] && command -v ip >/dev/null 2>&1; then
    gw="$(ip -4 -o addr show "$(engine_bridge)" 2>/dev/null | awk '{sub(/\/.*/, "", $4); print $4; exit}')"
  fi
  echo "$gw"
}

check_egress() {
  engine_up || { echo "egress: cannot check: no container engine answers" >&2; return 2; }
  docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 \
    || { echo "egress: cannot check: image $BASE_IMAGE missing (run bash .ci/engine.sh)" >&2; return 2; }
  local mirror host ip gw lport="" lpid="" out rc
  mirror="$(apt_mirror)"
  host="$(sed -E 's#^[a-z]+://([^/:@]*@)?([^/:]+).*#\2#' <<<"$mirror")"
  if [[ "$host" =~ ^[0-9.]+$ ]]; then ip="$host"
  else ip="$(getent ahostsv4 "$host" 2>/dev/null | awk '{print $1; exit}')"; fi
  [ -n "$ip" ] || { echo "egress: cannot check: cannot resolve the apt mirror host '$host'" >&2; return 2; }
  gw="$(bridge_gateway)"
  # Positive control: a one-shot listener on the gateway (needs python3; skipped without it).
  local tmp; tmp="$(mktemp)"
  if [ -n "$gw" ] && command -v python3 >/dev/null 2>&1; then
    python3 -c '
import socket, sys
s = socket.socket(); s.bind((sys.argv[1], 0)); s.listen(1); s.settimeout(20)
print(s.getsockname()[1], flush=True)
try:
    c, _ = s.accept(); c.close()
except OSError:
    pass' "$gw" >"$tmp" 2>/dev/null &
    lpid=$!
    for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$tmp" ] && break; sleep 0.2; done
    lport="$(head -n1 "$tmp")"
  fi
  out="$(docker run --rm --pull never --network bridge "$BASE_IMAGE" bash -c '
      try() { timeout 5 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
      if try "$1" 80; then echo "OUTSIDE OPEN"; else echo "OUTSIDE BLOCKED"; fi
      if [ -n "$3" ]; then if try "$2" "$3"; then echo "GATEWAY OPEN"; else echo "GATEWAY BLOCKED"; fi; fi
      ' _ "$ip" "$gw" "$lport" 2>&1)"
  rc=$?
  [ -n "$lpid" ] && { kill "$lpid" 2>/dev/null; wait "$lpid" 2>/dev/null; }
  rm -f "$tmp"
  if ! grep -qE '^OUTSIDE (OPEN|BLOCKED)$' <<<"$out"; then
    echo "egress: cannot check: container failed (rc $rc): $out" >&2; return 2
  fi
  if grep -qx 'GATEWAY OPEN' <<<"$out"; then
    echo "egress: container -> bridge gateway $gw:$lport connected (host/sink reachable, as intended)"
  elif grep -qx 'GATEWAY BLOCKED' <<<"$out"; then
    echo "egress: WARNING: container -> bridge gateway $gw:$lport failed: the capture sink on the host would be unreachable" >&2
  fi
  if grep -qx 'OUTSIDE BLOCKED' <<<"$out"; then
    echo "egress: BLOCKED — a container on the bridge cannot reach outside (tcp connect to apt mirror $host $ip:80 refused)"
    return 0
  fi
  echo "egress: NOT BLOCKED — a container on the bridge reached $host $ip:80; run bash .ci/engine.sh as root"
  return 1
}

# ---------------------------------------------------------------------------------------------
# The reference ContainerImages.EnsureBuiltAsync gives the image of folder NAME on base $BASE_IMAGE: its tag is the
# first 12 hex digits of the SHA-256 of the base image's name and every file of the folder (relative path, newline,
# content; paths in ordinal order) — ContainerImages.InputsHash, which a unit test holds this to. An image built here
# under it is one the harness reuses instead of building it again.
image_ref() {
  local folder="$REPO_ROOT/harness/targets/images/$1" f
  [[ "$1" == */* ]] && folder="$1"   # a folder of its own (the unit test's)
  [ -f "$folder/Dockerfile" ] || die "no Dockerfile in $folder"
  printf 'conformance-harness/%s:%s\n' "$(basename "$folder")" "$(
    { printf '%s\n' "$BASE_IMAGE"
      (cd "$folder" && find . -type f | sed 's#^\./##' | LC_ALL=C sort) | while IFS= read -r f; do
        printf '%s\n' "$f"; cat "$folder/$f"
      done; } | sha256sum | cut -c1-12)"
}

# Build order when building them all: the images of the targets that run longest come first, so their runs can start
# first — Courier's (its tarpit: about 3 min of scenarios after it starts, every other target is done in 2) and the
# test DNS zone Courier's SMTP target starts beside it (no start without it), then Sendmail's (18 smuggling carriers)
# and the image of five targets (postfix); the others in name order.
FIRST_IMAGES=(courier testdns sendmail postfix)

build_images() {
  local dir="$REPO_ROOT/harness/targets/images" names=("$@") n pids=() failed=0 slots
  if [ "${#names[@]}" -eq 0 ]; then
    for n in "${FIRST_IMAGES[@]}"; do [ -f "$dir/$n/Dockerfile" ] && names+=("$n"); done
    for n in "$dir"/*/; do
      n="$(basename "$n")"
      [ -f "$dir/$n/Dockerfile" ] && [[ " ${FIRST_IMAGES[*]} " != *" $n "* ]] || continue
      # The capture sink's relay container serves only engines elsewhere: on this host's bridge the harness listens
      # on the gateway itself (TargetLauncher.StartSinkAsync), so the main job has no use for it.
      [ "$n" = "capture-sink" ] && bridge_is_here "$(engine_bridge)" && continue
      names+=("$n")
    done
  fi
  # The images are independent (each FROM the base image, built once above): build them side by side, as many at
  # once as there are cores (at least two: one apt-get downloads while another unpacks).
  slots=$(nproc 2>/dev/null || echo 2); [ "$slots" -lt 2 ] && slots=2
  for n in "${names[@]}"; do
    [ -f "$dir/$n/Dockerfile" ] || die "no Dockerfile in $dir/$n"
    while [ "$(jobs -rp | wc -l)" -ge "$slots" ]; do sleep 1; done
    build_one "$dir" "$n" &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n" || failed=1; done
  [ $failed -eq 0 ] || die "an image build failed (see above)"
}

build_one() {
  local dir="$1" n="$2" t0 ref lock fd
  t0=$(date +%s)
  ref="$(image_ref "$n")"
  # The lock ContainerImages takes too (ImageBuildLock): a harness started meanwhile waits for this build rather than
  # building the same image beside it, and this waits for the harness's. Held until this subshell ends.
  lock="${TMPDIR:-/tmp}"
  lock="${lock%/}/conformance-harness-build-${ref//[\/:]/_}.lock"
  if command -v flock >/dev/null 2>&1 && exec {fd}>>"$lock"; then flock -x "$fd"; fi
  if docker image inspect "$ref" >/dev/null 2>&1; then
    docker tag "$ref" "conformance-harness/$n:dev"
    log "image $ref is up to date"
    return 0
  fi
  log "building $ref"
  if ! DOCKER_BUILDKIT=0 docker build -q --network host --build-arg "BASE_IMAGE=$BASE_IMAGE" \
      -t "$ref" -t "conformance-harness/$n:dev" "$dir/$n" >/dev/null 2>"/var/tmp/ch-build-$n.log"; then
    tail -n 30 "/var/tmp/ch-build-$n.log" >&2
    log "build of $n failed"
    return 1
  fi
  log "built $ref in $(( $(date +%s) - t0 ))s"
}

api_version() { docker version --format '{{.Server.APIVersion}}' 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
main() {
  case "${1:-}" in
    --check-egress) check_egress; exit $? ;;
    --api-version)  api_version || exit 1; exit 0 ;;
    --image-ref)    image_ref "${2:?--image-ref NAME}"; exit 0 ;;
    -h|--help)      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
  local build=0 names=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --build) build=1 ;;
      -*) die "unknown option $1 (see --help)" ;;
      *) names+=("$1") ;;
    esac
    shift
  done
  ensure_engine
  ensure_egress_block
  ensure_bridge_address
  ensure_base_image
  if [ $build -eq 1 ]; then build_images ${names[@]+"${names[@]}"}; fi
  local v
  v="$(api_version)" || die "engine stopped answering"
  log "engine API version: $v"
  echo "$v"
}

main "$@"
