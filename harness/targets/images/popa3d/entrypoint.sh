#!/bin/bash
# Start syslogd (popa3d's only log), Postfix (feeder) and popa3d, then wait; stop all of them on TERM.
# popa3d -D detaches (no foreground mode), so it is watched by pid file-less polling of `pidof`.
set -uo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"

# ALL non-local mail goes to the capture sink; brackets: no MX lookup.
postconf -e "relayhost = [${SINK_HOST}]:${SINK_PORT}"
echo "entrypoint: relayhost=[${SINK_HOST}]:${SINK_PORT}"

# Stale state from a previous start of this container.
rm -f /var/spool/postfix/pid/*.pid 2>/dev/null || true

busybox syslogd -n -O /dev/stdout &
syslog_pid=$!
postfix start-fg &
postfix_pid=$!
popa3d -D || { echo "entrypoint: popa3d did not start" >&2; exit 1; }

stop() {
  # shellcheck disable=SC2046
  kill -TERM $(pidof popa3d) "$postfix_pid" 2>/dev/null || true
  wait "$postfix_pid" 2>/dev/null || true
  kill -TERM "$syslog_pid" 2>/dev/null || true
}
# `sleep & wait` (not a bare sleep): bash runs the trap as soon as the signal arrives, so `docker stop` takes ~1 s.
trap 'stop; exit 0' TERM INT

while kill -0 "$postfix_pid" 2>/dev/null && pidof popa3d >/dev/null; do
  sleep 1 &
  wait $!
done
echo "entrypoint: a server exited; stopping" >&2
stop
exit 1
