#!/bin/bash
# Build sendmail.cf from the environment, then run busybox syslogd (to stdout) and the
# sendmail daemon in the foreground. If either exits, stop the other and exit non-zero.
#   --configure-only  write the configuration and exit (used at image build time)
set -euo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"
OPEN_RELAY="${OPEN_RELAY:-0}"
SENDMAIL_CLIENT_LIMITS="${SENDMAIL_CLIENT_LIMITS:-harness}"

cd /etc/mail

# sendmail.mc -> sendmail.cf (m4 only: fast; the databases were built at image build time).
if [ "$OPEN_RELAY" = "1" ]; then relay='s|^@OPEN_RELAY@||'; else relay='/^@OPEN_RELAY@/d'; fi
sed -e "s|@SINK_HOST@|${SINK_HOST}|g" -e "s|@SINK_PORT@|${SINK_PORT}|g" -e "$relay" \
    sendmail.mc.in > sendmail.mc
m4 sendmail.mc > sendmail.cf.new && mv sendmail.cf.new sendmail.cf
chmod 644 sendmail.cf

# Debian's access map limits every client to 10 connections per 10 minutes and 10 at once.
# All harness connections arrive from one address (the bridge gateway, via docker's port
# publishing), so by default that address is exempted from ClientRate/ClientConn (the greet
# pause and every other rule stay Debian's).
cp access.debian access
gw=""
while read -r _iface dest gwhex _rest; do
  if [ "$dest" = "00000000" ]; then
    gw="$(printf '%d.%d.%d.%d' "0x${gwhex:6:2}" "0x${gwhex:4:2}" "0x${gwhex:2:2}" "0x${gwhex:0:2}")"; break
  fi
done < <(tail -n +2 /proc/net/route 2>/dev/null || true)
if [ "$SENDMAIL_CLIENT_LIMITS" != "debian" ] && [ -n "$gw" ] && [ "$gw" != "0.0.0.0" ]; then
  printf '# ConformanceHarness: the harness connects from here (bridge gateway)\nClientRate:%s\t0\nClientConn:%s\t0\n' "$gw" "$gw" >> access
fi
makemap hash access.db < access
chown smmta:smmsp access.db 2>/dev/null || true

echo "entrypoint: SMART_HOST [${SINK_HOST}]:${SINK_PORT} OPEN_RELAY=${OPEN_RELAY} client limits: ${SENDMAIL_CLIENT_LIMITS}${gw:+ (gateway $gw)}"
[ "${1:-}" = "--configure-only" ] && exit 0

# Sendmail insists on a qualified name for the container's own hostname: docker's /etc/hosts
# line "IP <container-id>" makes it sleep 60 s ("My unqualified host name ... unknown; sleeping
# for retry"). Put mx.example.test first on that line (rewritten in place: a bind mount).
host="$(cat /proc/sys/kernel/hostname)"
case "$host" in
  *.*) ;;
  *) hosts="$(awk -v h="$host" '{ for (i = 2; i <= NF; i++) if ($i == h) { $0 = $1 " mx.example.test " h; break } } 1' /etc/hosts)"
     printf '%s\n' "$hosts" > /etc/hosts ;;
esac

install -d -o smmta -g smmsp -m 2755 /run/sendmail/mta
install -d -o smmsp -g smmsp -m 2775 /run/sendmail/msp
rm -f /run/sendmail/mta/sendmail.pid /dev/log

busybox syslogd -n -O /dev/stdout &
syslog_pid=$!
for _ in $(seq 1 50); do [ -S /dev/log ] && break; sleep 0.1; done

/usr/sbin/sendmail -bD -q1m &
sendmail_pid=$!

stop() { kill -TERM "$sendmail_pid" "$syslog_pid" 2>/dev/null || true; wait 2>/dev/null || true; }
trap 'stop; exit 0' TERM INT

set +e
wait -n "$sendmail_pid" "$syslog_pid"
rc=$?
echo "entrypoint: sendmail or syslogd exited (rc $rc); stopping" >&2
stop
exit $(( rc == 0 ? 1 : rc ))
