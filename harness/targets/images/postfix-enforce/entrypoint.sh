#!/bin/bash
# Configure from the environment, then supervise a syslog-to-stdout relay, Dovecot, OpenDKIM,
# OpenDMARC and Postfix (all in the foreground). If one exits, stop the others and exit non-zero.
set -euo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"
OPEN_RELAY="${OPEN_RELAY:-0}"
POP3_PLAINTEXT="${POP3_PLAINTEXT:-0}"
AUTH_CLEARTEXT="${AUTH_CLEARTEXT:-0}"
SENDER_AUTH="${SENDER_AUTH:-1}"
SPF_REJECT="${SPF_REJECT:-1}"
DMARC_REJECT="${DMARC_REJECT:-1}"
DKIM_SIGN="${DKIM_SIGN:-0}"
DKIM_SELECTOR="${DKIM_SELECTOR:-sel}"

# The test DNS server is the only resolver (SPF, DKIM keys, DMARC policies). A name (a container
# on a user-defined network) is resolved through Docker's DNS before resolv.conf is replaced.
# Without DNS_SERVER, 127.0.0.1 (nothing listens): no query ever leaves the container.
dns_ip=127.0.0.1
if [ -n "${DNS_SERVER:-}" ]; then
  dns_ip="$(getent ahostsv4 "$DNS_SERVER" | awk '{ print $1; exit }')"
  [ -n "$dns_ip" ] || { echo "entrypoint: cannot resolve DNS_SERVER=$DNS_SERVER" >&2; exit 1; }
fi
printf 'nameserver %s\noptions timeout:2 attempts:1\n' "$dns_ip" > /etc/resolv.conf

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

/usr/local/bin/senderauth.sh "$dns_ip"

echo "entrypoint: DNS ${dns_ip} SENDER_AUTH=${SENDER_AUTH} SPF_REJECT=${SPF_REJECT} DMARC_REJECT=${DMARC_REJECT} DKIM_SIGN=${DKIM_SIGN}"
echo "entrypoint: relayhost=[${SINK_HOST}]:${SINK_PORT} OPEN_RELAY=${OPEN_RELAY} POP3_PLAINTEXT=${POP3_PLAINTEXT} AUTH_CLEARTEXT=${AUTH_CLEARTEXT}"

# Stale state from a previous start of this container.
rm -f /var/spool/postfix/pid/*.pid /run/dovecot/master.pid 2>/dev/null || true

/usr/local/bin/syslog-stdout.py &
syslog_pid=$!
for _ in $(seq 1 50); do [ -S /dev/log ] && break; sleep 0.1; done

dovecot -F &
dovecot_pid=$!
milter_pids=()
if grep -q '^smtpd_milters = ..*' <(postconf smtpd_milters); then
  opendkim -f -x /etc/opendkim.conf &
  milter_pids+=($!)
  if [ "$SENDER_AUTH" = "1" ]; then
    opendmarc -f -c /etc/opendmarc.conf &
    milter_pids+=($!)
  fi
fi
# Postfix's SASL needs Dovecot's auth socket: wait for it (max 10 s) before greeting anyone.
for _ in $(seq 1 100); do
  [ -S /var/spool/postfix/private/auth ] && break
  kill -0 "$dovecot_pid" 2>/dev/null || { echo "entrypoint: dovecot exited" >&2; exit 1; }
  sleep 0.1
done

# With milter_default_action = accept, mail taken before a milter listens would go unchecked.
for port in $(postconf -h smtpd_milters | grep -o '127.0.0.1:[0-9]*' | cut -d: -f2); do
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
done

postfix start-fg &
postfix_pid=$!

stop() {
  kill -TERM "$postfix_pid" "$dovecot_pid" ${milter_pids[@]+"${milter_pids[@]}"} "$syslog_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT

set +e
wait -n "$dovecot_pid" "$postfix_pid" ${milter_pids[@]+"${milter_pids[@]}"} "$syslog_pid"
rc=$?
echo "entrypoint: a server exited (rc $rc); stopping" >&2
stop
exit $(( rc == 0 ? 1 : rc ))
