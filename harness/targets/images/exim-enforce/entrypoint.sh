#!/bin/bash
# Configure from the environment, then run the Exim daemon in the foreground with its log
# files tailed to stdout. If either exits, stop the other and exit non-zero.
set -euo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"
OPEN_RELAY="${OPEN_RELAY:-0}"
SENDER_AUTH="${SENDER_AUTH:-1}"
SPF_REJECT="${SPF_REJECT:-1}"
DMARC_REJECT="${DMARC_REJECT:-1}"

# The test DNS server is the only resolver (SPF, DKIM keys, DMARC policies). A name (a container
# on a user-defined network) is resolved through Docker's DNS before resolv.conf is replaced.
# Without DNS_SERVER, 127.0.0.1 (nothing listens): no query ever leaves the container.
dns_ip=127.0.0.1
if [ -n "${DNS_SERVER:-}" ]; then
  dns_ip="$(getent ahostsv4 "$DNS_SERVER" | awk '{ print $1; exit }')"
  [ -n "$dns_ip" ] || { echo "entrypoint: cannot resolve DNS_SERVER=$DNS_SERVER" >&2; exit 1; }
fi
printf 'nameserver %s\noptions timeout:2 attempts:1\n' "$dns_ip" > /etc/resolv.conf

conf=/etc/exim4/update-exim4.conf.conf
sed -i "s|^dc_smarthost=.*|dc_smarthost='${SINK_HOST}::${SINK_PORT}'|" "$conf"
if [ "$OPEN_RELAY" = "1" ]; then
  sed -i "s|^dc_relay_nets=.*|dc_relay_nets='0.0.0.0/0'|" "$conf"     # control: relays for anyone
else
  sed -i "s|^dc_relay_nets=.*|dc_relay_nets=''|" "$conf"
fi
# Switches read by rcpt-local-acl and data-local-acl (.ifdef).
{
  echo "# written by entrypoint.sh from SENDER_AUTH, SPF_REJECT, DMARC_REJECT"
  if [ "$SENDER_AUTH" = "1" ]; then
    echo "HARNESS_SENDER_AUTH = 1"
    [ "$SPF_REJECT" = "1" ] && echo "HARNESS_SPF_REJECT = 1"
    [ "$DMARC_REJECT" = "1" ] && echo "HARNESS_DMARC_REJECT = 1"
  else
    echo "DISABLE_DKIM_VERIFY = 1"
  fi
} > /etc/exim4/conf.d/main/001_senderauth
update-exim4.conf
echo "entrypoint: smarthost ${SINK_HOST}::${SINK_PORT} OPEN_RELAY=${OPEN_RELAY} DNS ${dns_ip} SENDER_AUTH=${SENDER_AUTH} SPF_REJECT=${SPF_REJECT} DMARC_REJECT=${DMARC_REJECT}"

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
