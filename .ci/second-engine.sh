#!/usr/bin/env bash
# .ci/second-engine.sh — a second Docker engine on this host: a real engine other than the local socket's,
# for the SecondEngine tests (a target, the sink and a shard on an engine the harness reaches over tcp://).
#
# Usage:
#   bash .ci/second-engine.sh start    start it (idempotent: quick when it already answers); prints its DOCKER_HOST last
#   bash .ci/second-engine.sh stop     stop it and remove its bridge (idempotent); its images stay in its data root
#   bash .ci/second-engine.sh status   exit 0 when it answers, 1 when not
#   bash .ci/second-engine.sh host     print its DOCKER_HOST (tcp://10.213.0.1:23751)
#   bash .ci/second-engine.sh purge    stop it and delete its data root (its images) too
#
# Another engine of the same kind (harness/ConformanceHarness.Bench/fresh-machine.sh): SECOND_ENGINE_NAME (data root,
# exec root, pid file, socket and log are named after it), SECOND_ENGINE_BRIDGE, SECOND_ENGINE_CIDR, SECOND_ENGINE_PORT;
# SECOND_ENGINE_LOCAL=1 makes it a fresh local engine: its unix socket only (DOCKER_HOST=unix://…, which the harness
# treats as an engine on this machine), and start leaves the base image and the egress block to .ci/engine.sh.
#
# Why not docker:dind: privileged containers cannot start on this machine kind (runc: "unable to apply caps"). A second
# dockerd on the host is as real an engine: its own data root, exec root (and so its own containerd), pid file, unix
# socket and bridge. It listens on tcp:// at its bridge's address, which is not loopback: the harness then treats it
# as an engine elsewhere (container sink, ports published and reached at that address), as it would a dind service.
#
# Networking: the engine runs with --iptables=false, because a second dockerd that manages iptables would rewrite the
# chains (DOCKER, DOCKER-ISOLATION-*) the first engine's running containers depend on. What it would have added, this
# script adds for its bridge only: containers on the bridge may talk to each other (targets -> capture sink). Without
# masquerading nothing from the bridge can leave the host anyway, and `.ci/engine.sh` (run at the end of start, with
# DOCKER_HOST set to this engine) adds the bridge to the CH-EGRESS chain, which rejects it outright, imports the base
# image into this engine (from the first engine when that one has it, else debootstrap) and marks the engine as set up.
# The engine's API port is refused to its own containers (a target must not drive the engine). engine.sh also fixes the
# bridge's MAC address: one made here by `ip link add` would otherwise take its lowest port's, changing as containers
# start, and the running ones (the sink relay) would send to the gateway's old address for 20 s and more (issue 18).
set -uo pipefail

BRIDGE="${SECOND_ENGINE_BRIDGE:-chbr1}"
BRIDGE_CIDR="${SECOND_ENGINE_CIDR:-10.213.0.1/24}"     # an unused private range; traffic stays on this host
ADDRESS="${BRIDGE_CIDR%/*}"
PORT="${SECOND_ENGINE_PORT:-23751}"
NAME="${SECOND_ENGINE_NAME:-ch-second-engine}"
LOCAL="${SECOND_ENGINE_LOCAL:-0}"
DATA_ROOT="/var/lib/$NAME"       # kept on stop: images built there are reused by the next start
EXEC_ROOT="/var/run/$NAME"
PIDFILE="/var/run/$NAME.pid"
SOCKET="/var/run/$NAME.sock"
LOG="/var/log/$NAME.log"
HOST_URL="tcp://$ADDRESS:$PORT"
LISTEN=(-H "unix://$SOCKET" -H "$HOST_URL" -H "tcp://127.0.0.1:$PORT")
if [ "$LOCAL" = "1" ]; then HOST_URL="unix://$SOCKET"; LISTEN=(-H "$HOST_URL"); fi
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "second-engine: $*"; }
die() { echo "second-engine: ERROR: $*" >&2; exit 1; }

answers() { docker -H "$HOST_URL" version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }
daemon_pid() { [ -r "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE" 2>/dev/null)" 2>/dev/null && cat "$PIDFILE"; }

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge || die "cannot create bridge $BRIDGE"
  fi
  ip -4 addr show dev "$BRIDGE" | grep -q " ${ADDRESS}/" || ip addr add "$BRIDGE_CIDR" dev "$BRIDGE" || die "cannot address $BRIDGE"
  ip link set "$BRIDGE" up
}

# What dockerd --iptables would have done for this bridge, and no more: container <-> container on it is accepted
# (after DOCKER-USER, so CH-EGRESS is consulted first). Its own API port is refused from its containers.
ensure_rules() {
  iptables -w -C FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null \
    || iptables -w -A FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
  [ "$LOCAL" = "1" ] && return 0   # no API port to refuse
  iptables -w -C INPUT -i "$BRIDGE" -p tcp --dport "$PORT" -j REJECT --reject-with tcp-reset 2>/dev/null \
    || iptables -w -I INPUT 1 -i "$BRIDGE" -p tcp --dport "$PORT" -j REJECT --reject-with tcp-reset
}

remove_rules() {
  while iptables -w -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null; do :; done
  while iptables -w -D INPUT -i "$BRIDGE" -p tcp --dport "$PORT" -j REJECT --reject-with tcp-reset 2>/dev/null; do :; done
}

start() {
  [ "$(id -u)" = "0" ] || die "needs root (a bridge, iptables, dockerd)"
  command -v dockerd >/dev/null 2>&1 || die "dockerd is missing: run bash .ci/engine.sh first"
  ensure_bridge
  ensure_rules
  if answers; then
    log "already answers at $HOST_URL"
  else
    if [ -n "$(daemon_pid)" ]; then
      log "dockerd (pid $(daemon_pid)) is running but not answering yet; waiting"
    else
      mkdir -p "$DATA_ROOT" "$EXEC_ROOT"
      log "starting dockerd (data root $DATA_ROOT, bridge $BRIDGE $BRIDGE_CIDR, log $LOG)"
      # setsid: its own session, so the end of the caller (a test run) does not take it down.
      setsid nohup dockerd --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
        "${LISTEN[@]}" \
        --bridge "$BRIDGE" --iptables=false --ip-masq=false >>"$LOG" 2>&1 </dev/null &
    fi
    local i
    for i in $(seq 1 60); do
      answers && break
      sleep 0.5
    done
    answers || { tail -n 20 "$LOG" >&2; die "dockerd did not answer at $HOST_URL within 30 s; see $LOG"; }
    log "answers at $HOST_URL"
  fi
  # The base image and the egress block, as for the first engine (idempotent, quick when done). A fresh local engine
  # is left empty: the run being measured sets it up.
  if [ "$LOCAL" != "1" ]; then
    DOCKER_HOST="$HOST_URL" bash "$REPO_ROOT/.ci/engine.sh" >/dev/null || die "engine.sh failed for $HOST_URL"
  fi
  echo "$HOST_URL"
}

stop() {
  local pid
  pid="$(daemon_pid)"
  if [ -n "$pid" ]; then
    # Its containers first (the harness's, if a run was killed), then the daemon; bounded waits.
    docker -H "$HOST_URL" ps -aq 2>/dev/null | xargs -r docker -H "$HOST_URL" rm -f >/dev/null 2>&1
    kill -TERM "$pid" 2>/dev/null
    local i
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "dockerd $pid did not stop on TERM; killing it"; kill -KILL "$pid"; }
    log "stopped dockerd $pid"
  else
    log "not running"
  fi
  remove_rules
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link delete "$BRIDGE" && log "removed bridge $BRIDGE"; fi
  return 0
}

# Stop, then delete what the engine kept: its images and containers (data root), exec root and socket, and the
# egress rules .ci/engine.sh added for its bridge (CH-EGRESS keeps every bridge it has seen until told otherwise).
purge() {
  stop
  local rule
  while read -r rule; do
    [ -n "$rule" ] && eval "iptables -w ${rule/-A /-D }" 2>/dev/null
  done < <(iptables -w -S CH-EGRESS 2>/dev/null | grep -E -- "-i $BRIDGE( |$)")
  # The daemon is gone, but mounts may linger (overlays under the data root, the netns file under the exec root;
  # /proc/mounts names them by their real path, /run for /var/run): unmount before deleting.
  local dir
  for dir in "$DATA_ROOT" "$EXEC_ROOT"; do
    [ -e "$dir" ] || continue
    awk -v d="$(realpath "$dir")/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null
  done
  rm -rf "$DATA_ROOT" "$EXEC_ROOT" "$SOCKET" && log "deleted $DATA_ROOT and $EXEC_ROOT"
}

case "${1:-}" in
  start)  start ;;
  stop)   stop ;;
  purge)  purge ;;
  status) if answers; then log "answers at $HOST_URL"; exit 0; else log "does not answer at $HOST_URL"; exit 1; fi ;;
  host)   echo "$HOST_URL" ;;
  *)      sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
