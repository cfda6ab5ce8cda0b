#!/bin/bash
# Configure from the environment, then run the Exim daemon in the foreground with its log
# files tailed to stdout. If either exits, stop the other and exit non-zero.
set -euo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"
OPEN_RELAY="${OPEN_RELAY:-0}"

conf=/etc/exim4/update-exim4.conf.conf
sed -i "s|^dc_smarthost=.*|dc_smarthost='${SINK_HOST}::${SINK_PORT}'|" "$conf"
if [ "$OPEN_RELAY" = "1" ]; then
  sed -i "s|^dc_relay_nets=.*|dc_relay_nets='0.0.0.0/0'|" "$conf"     # control: relays for anyone
else
  sed -i "s|^dc_relay_nets=.*|dc_relay_nets=''|" "$conf"
fi
update-exim4.conf
echo "entrypoint: smarthost ${SINK_HOST}::${SINK_PORT} OPEN_RELAY=${OPEN_RELAY}"

install -d -o Debian-exim -g adm -m 2750 /var/log/exim4
for f in mainlog rejectlog paniclog; do
  touch "/var/log/exim4/$f"; chown Debian-exim:adm "/var/log/exim4/$f"
done
rm -f /run/exim4/exim.pid 2>/dev/null || true

tail -q -n 0 -F /var/log/exim4/mainlog /var/log/exim4/rejectlog /var/log/exim4/paniclog &
tail_pid=$!
exim4 -bdf -q1m &
exim_pid=$!

stop() { kill -TERM "$exim_pid" "$tail_pid" 2>/dev/null || true; wait 2>/dev/null || true; }
trap 'stop; exit 0' TERM INT

set +e
wait -n "$exim_pid" "$tail_pid"
rc=$?
echo "entrypoint: exim or its log tail exited (rc $rc); stopping" >&2
stop
exit $(( rc == 0 ? 1 : rc ))
