#!/bin/bash
# Configure from the environment, then start Courier's daemons (they detach: there is no single
# foreground process) under a busybox syslogd that writes to stdout, and stay alive while courierd
# runs. On TERM/INT stop them all, so `docker stop` returns at once instead of after its timeout.
set -euo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"
OPEN_RELAY="${OPEN_RELAY:-0}"

# Runtime directories (/run/courier, its authdaemon socket dir) as Debian's init scripts make them
# from the packages' tmpfiles.d entries; stale state from a previous start of this container.
while read -r type path mode user group _rest; do
  if [ "$type" = "d" ]; then install -d -m "$mode" -o "$user" -g "$group" "$path"; fi
done < <(cat /usr/lib/tmpfiles.d/courier*.conf)
rm -f /run/courier/*.pid /run/courier/*.lock /run/courier/authdaemon/pid* /dev/log 2>/dev/null || true

# Courier resolves relay hosts with its own DNS resolver, which ignores /etc/hosts (and there is no
# DNS here): the smarthost must be an IP address literal.
if [[ "$SINK_HOST" =~ ^[0-9]+(\.[0-9]+){3}$ ]]; then
  sink_ip="$SINK_HOST"
else
  sink_ip="$(getent ahostsv4 "$SINK_HOST" | awk '{ print $1; exit }')"
  [ -n "$sink_ip" ] || { echo "entrypoint: cannot resolve SINK_HOST '$SINK_HOST' (no --add-host?)" >&2; exit 1; }
fi
# ALL non-local mail goes to the capture sink (empty domain = every domain; brackets: no MX lookup).
printf ': [%s],%s\n' "$sink_ip" "$SINK_PORT" > /etc/courier/esmtproutes

# The harness connects from the bridge gateway (docker's port publishing). Debian's smtpaccess/default
# relays for 10/8 and 192.168/16; on a bridge in those ranges the gateway would be a relay client,
# so name it explicitly (the longest match wins): plain "allow", or RELAYCLIENT for the control.
gw=""
while read -r _iface dest gwhex _rest; do
  if [ "$dest" = "00000000" ]; then
    gw="$(printf '%d.%d.%d.%d' "0x${gwhex:6:2}" "0x${gwhex:4:2}" "0x${gwhex:2:2}" "0x${gwhex:0:2}")"; break
  fi
done < <(tail -n +2 /proc/net/route 2>/dev/null || true)
# CLIENT_ADDRESSES: the harness's further client addresses (gateways of extra networks it spreads its connections
# over, against MAXPERIP/MAXPERC): each is named exactly like the bridge gateway, so no address turns a relay verdict.
rm -f /etc/courier/smtpaccess/harness-gateway
if [ "$OPEN_RELAY" = "1" ]; then access='allow,RELAYCLIENT'; else access='allow'; fi
for addr in ${gw:+"$gw"} ${CLIENT_ADDRESSES:-}; do
  [ "$addr" != "0.0.0.0" ] || continue
  printf '# ConformanceHarness: the harness connects from here\n%s\t%s\n' "$addr" "$access" >> /etc/courier/smtpaccess/harness-gateway
done
makesmtpaccess

echo "entrypoint: esmtproutes [${sink_ip}],${SINK_PORT} (${SINK_HOST}) OPEN_RELAY=${OPEN_RELAY}${gw:+ gateway $gw}${CLIENT_ADDRESSES:+ client addresses $CLIENT_ADDRESSES}"

busybox syslogd -n -O /dev/stdout &
syslog_pid=$!
for _ in $(seq 1 50); do [ -S /dev/log ] && break; sleep 0.1; done

stop() {
  trap - TERM INT
  pop3d-ssl stop 2>/dev/null || true
  pop3d stop 2>/dev/null || true
  esmtpd-msa stop 2>/dev/null || true
  esmtpd stop 2>/dev/null || true
  courier stop 2>/dev/null || true
  authdaemond stop 2>/dev/null || true
  kill -TERM "$syslog_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT

# authdaemond first: courierd and the listeners resolve local users (and AUTH) through it.
authdaemond start
courier start
esmtpd start
esmtpd-msa start
pop3d start
pop3d-ssl start

# Stay alive while courierd runs; `sleep & wait` so a TERM is handled at once, not after the sleep.
set +e
while pidof courierd >/dev/null; do
  sleep 1 &
  wait $!
done
echo "entrypoint: courierd exited; stopping" >&2
stop
exit 1
