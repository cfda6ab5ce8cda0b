#!/bin/bash
# Start Postfix (feeder) and Mailutils pop3d, both in the foreground; stop both on TERM, and stop when either exits.
set -uo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"

# ALL non-local mail goes to the capture sink; brackets: no MX lookup.
postconf -e "relayhost = [${SINK_HOST}]:${SINK_PORT}"
echo "entrypoint: relayhost=[${SINK_HOST}]:${SINK_PORT}"

# Stale state from a previous start of this container.
rm -f /var/spool/postfix/pid/*.pid 2>/dev/null || true

postfix start-fg &
postfix_pid=$!
pop3d --config-file=/etc/pop3d.conf --daemon --foreground &
pop3d_pid=$!

stop() {
  kill -TERM "$pop3d_pid" "$postfix_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT

wait -n "$pop3d_pid" "$postfix_pid"
rc=$?
echo "entrypoint: a server exited (rc $rc); stopping" >&2
stop
exit $(( rc == 0 ? 1 : rc ))
