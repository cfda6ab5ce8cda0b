#!/bin/bash
# Configure from the environment, then supervise Dovecot and Postfix (both in the foreground).
# If either exits, stop the other and exit non-zero.
set -euo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"
OPEN_RELAY="${OPEN_RELAY:-0}"
POP3_PLAINTEXT="${POP3_PLAINTEXT:-0}"
AUTH_CLEARTEXT="${AUTH_CLEARTEXT:-0}"

# ALL non-local mail goes to the capture sink; brackets: no MX lookup.
postconf -e "relayhost = [${SINK_HOST}]:${SINK_PORT}"

if [ "$OPEN_RELAY" = "1" ]; then
  postconf -e 'mynetworks = 0.0.0.0/0'            # control: relays for anyone
else
  postconf -e "mynetworks = $(cat /etc/postfix/mynetworks.default)"
fi

if [ "$POP3_PLAINTEXT" = "1" ]; then
  echo 'disable_plaintext_auth = no' > /etc/dovecot/switches.conf    # control: USER/PASS in clear
else
  echo 'disable_plaintext_auth = yes' > /etc/dovecot/switches.conf
fi

if [ "$AUTH_CLEARTEXT" = "1" ]; then
  postconf -e 'smtpd_tls_auth_only = no'          # control: SMTP AUTH offered and accepted before STARTTLS on 25
else
  postconf -e 'smtpd_tls_auth_only = yes'
fi

echo "entrypoint: relayhost=[${SINK_HOST}]:${SINK_PORT} OPEN_RELAY=${OPEN_RELAY} POP3_PLAINTEXT=${POP3_PLAINTEXT} AUTH_CLEARTEXT=${AUTH_CLEARTEXT}"

# Stale state from a previous start of this container.
rm -f /var/spool/postfix/pid/*.pid /run/dovecot/master.pid 2>/dev/null || true

dovecot -F &
dovecot_pid=$!
# Postfix's SASL needs Dovecot's auth socket: wait for it (max 10 s) before greeting anyone.
for _ in $(seq 1 100); do
  [ -S /var/spool/postfix/private/auth ] && break
  kill -0 "$dovecot_pid" 2>/dev/null || { echo "entrypoint: dovecot exited" >&2; exit 1; }
  sleep 0.1
done

postfix start-fg &
postfix_pid=$!

stop() {
  kill -TERM "$postfix_pid" "$dovecot_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT

set +e
wait -n "$dovecot_pid" "$postfix_pid"
rc=$?
echo "entrypoint: a server exited (rc $rc); stopping" >&2
stop
exit $(( rc == 0 ? 1 : rc ))
