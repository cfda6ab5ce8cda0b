#!/bin/bash
# Start syslogd (Cyrus's only log), cyrmaster (pop3d, lmtpd) and Postfix (feeder) in the foreground; stop all of
# them on TERM, and stop when either server exits.
set -uo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"

# ALL non-local mail goes to the capture sink; brackets: no MX lookup.
postconf -e "relayhost = [${SINK_HOST}]:${SINK_PORT}"
echo "entrypoint: relayhost=[${SINK_HOST}]:${SINK_PORT}"

# Stale state from a previous start of this container; /run is empty in a new one (Debian's init script makes these).
rm -f /var/spool/postfix/pid/*.pid /run/cyrus-master.pid 2>/dev/null || true
install -d -o cyrus -g mail -m 750 /run/cyrus /run/cyrus/socket /run/cyrus/proc /run/cyrus/lock

busybox syslogd -n -O /dev/stdout &
syslog_pid=$!
/usr/sbin/cyrmaster &
cyrus_pid=$!
postfix start-fg &
postfix_pid=$!

stop() {
  kill -TERM "$postfix_pid" "$cyrus_pid" 2>/dev/null || true
  wait "$postfix_pid" "$cyrus_pid" 2>/dev/null || true
  kill -TERM "$syslog_pid" 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT

wait -n "$cyrus_pid" "$postfix_pid"
rc=$?
echo "entrypoint: a server exited (rc $rc); stopping" >&2
stop
exit $(( rc == 0 ? 1 : rc ))
