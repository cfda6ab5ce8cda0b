#!/bin/bash
# Write /etc/smtpd.conf from the environment, keep the resolver off DNS, run smtpd in the
# foreground (-d: logs to stderr).
#   SINK_HOST, SINK_PORT  smarthost for all non-local mail (default host.docker.internal:2525)
#   OPEN_RELAY=1          match from any for any action "relay" (open-relay control)
#   OPENSMTPD_TLS=0|1     STARTTLS (+ AUTH, + port 587). Default: on for OpenSMTPD >= 7, off
#                         for 6.x: Debian bookworm's 6.8.0p2 fails every TLS handshake with
#                         OpenSSL 3 ("SSL routines::EVP lib", upstream issues #1171/#1239,
#                         fixed in 7.x), so there it would advertise STARTTLS that cannot work.
set -euo pipefail

SINK_HOST="${SINK_HOST:-host.docker.internal}"
SINK_PORT="${SINK_PORT:-2525}"
OPEN_RELAY="${OPEN_RELAY:-0}"
version="$( (smtpd -h 2>&1 || true) | sed -n 's/^version: OpenSMTPD \([0-9.a-z]*\).*/\1/p')"
if [ -z "${OPENSMTPD_TLS:-}" ]; then
  case "$version" in 6.*|5.*) OPENSMTPD_TLS=0 ;; *) OPENSMTPD_TLS=1 ;; esac
fi

sedargs=(-e "s|@SINK@|${SINK_HOST}:${SINK_PORT}|")
if [ "$OPEN_RELAY" = "1" ]; then sedargs+=(-e 's|^@OPEN_RELAY@||'); else sedargs+=(-e '/^@OPEN_RELAY@/d'); fi
if [ "$OPENSMTPD_TLS" = "1" ]; then sedargs+=(-e 's|^@TLS@||' -e '/^@NOTLS@/d')
else sedargs+=(-e 's|^@NOTLS@||' -e '/^@TLS@/d'); fi
sed "${sedargs[@]}" /etc/smtpd/smtpd.conf.in > /etc/smtpd.conf

# OpenSMTPD's resolver (libasr) ignores nsswitch and looks up every client in DNS.
# "lookup file" makes it use /etc/hosts only (which has host.docker.internal). The file is
# docker's bind mount: rewrite it in place, never replace it.
printf '# written by entrypoint.sh: no DNS in this container\nlookup file\n' > /etc/resolv.conf
sed -i 's/^hosts:.*/hosts:          files/' /etc/nsswitch.conf

smtpd -n >/dev/null
echo "entrypoint: OpenSMTPD ${version} relay host smtp://${SINK_HOST}:${SINK_PORT} OPEN_RELAY=${OPEN_RELAY} OPENSMTPD_TLS=${OPENSMTPD_TLS}"
exec smtpd -d
