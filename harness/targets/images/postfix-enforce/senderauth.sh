#!/bin/bash
# Turn the sender-authentication pieces on or off from the environment (called by entrypoint.sh
# with the resolver's address). Postfix itself keeps smtp_dns_support_level = disabled: only
# policyd-spf, OpenDKIM and OpenDMARC look anything up, and only at the test DNS server.
set -euo pipefail
dns_ip="$1"
SENDER_AUTH="${SENDER_AUTH:-1}"
SPF_REJECT="${SPF_REJECT:-1}"
DMARC_REJECT="${DMARC_REJECT:-1}"
DKIM_SIGN="${DKIM_SIGN:-0}"
DKIM_SELECTOR="${DKIM_SELECTOR:-sel}"

set_conf() {   # set_conf FILE KEY VALUE: replace or append "KEY VALUE"
  sed -i "/^$2[[:space:]]/d" "$1"
  printf '%-23s %s\n' "$2" "$3" >> "$1"
}

milters=()
if [ "$SENDER_AUTH" = "1" ]; then
  # SPF at RCPT time for clients that are neither local nor authenticated (RFC 7208 §2.4).
  postconf -e 'smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, check_policy_service unix:private/policyd-spf'
  if [ "$SPF_REJECT" = "1" ]; then reject=Fail; else reject=False; fi
  sed -i "s/^HELO_reject = .*/HELO_reject = $reject/; s/^Mail_From_reject = .*/Mail_From_reject = $reject/" \
    /etc/postfix-policyd-spf-python/policyd-spf.conf
  set_conf /etc/opendmarc.conf RejectFailures "$([ "$DMARC_REJECT" = "1" ] && echo true || echo false)"
  install -d /etc/opendmarc && printf '127.0.0.1\n::1\n' > /etc/opendmarc/ignore.hosts
  install -d -o opendmarc -g opendmarc /run/opendmarc
  milters+=(inet:127.0.0.1:8891 inet:127.0.0.1:8893)
else
  postconf -e 'smtpd_recipient_restrictions ='
fi

mode=v
if [ "$DKIM_SIGN" = "1" ]; then
  mode=sv
  # The harness's key (DKIM_SIGN_KEY, PEM), or a new one at every start; either way the public half is
  # published in /dkim/example.test.record for `docker cp`.
  keydir=/etc/opendkim/keys/example.test
  install -d -o opendkim -g opendkim -m 750 /etc/opendkim/keys "$keydir"
  if [ -n "${DKIM_SIGN_KEY:-}" ]; then
    printf '%s\n' "$DKIM_SIGN_KEY" > "$keydir/$DKIM_SELECTOR.private"
  else
    openssl genrsa -out "$keydir/$DKIM_SELECTOR.private" 2048 2>/dev/null
  fi
  chown opendkim:opendkim "$keydir/$DKIM_SELECTOR.private"
  chmod 600 "$keydir/$DKIM_SELECTOR.private"
  pub="v=DKIM1; k=rsa; p=$(openssl rsa -in "$keydir/$DKIM_SELECTOR.private" -pubout -outform DER 2>/dev/null | base64 -w0)"
  install -d /dkim
  echo "${DKIM_SELECTOR}._domainkey.example.test TXT ${pub}" > /dkim/example.test.record
  echo "entrypoint: DKIM signing key for example.test, record (also in /dkim/example.test.record):"
  echo "entrypoint:   $(cat /dkim/example.test.record)"
  set_conf /etc/opendkim.conf Domain example.test
  set_conf /etc/opendkim.conf Selector "$DKIM_SELECTOR"
  set_conf /etc/opendkim.conf KeyFile "$keydir/$DKIM_SELECTOR.private"
  # Signed: mail from authenticated clients, from the submission service (daemon name ORIGINATING),
  # and from the hosts in DKIM_SIGN_HOSTS (space-separated addresses or networks).
  printf '127.0.0.1\n::1\n' > /etc/opendkim/internal.hosts
  for h in ${DKIM_SIGN_HOSTS:-}; do echo "$h" >> /etc/opendkim/internal.hosts; done
  set_conf /etc/opendkim.conf InternalHosts /etc/opendkim/internal.hosts
  set_conf /etc/opendkim.conf MTA ORIGINATING
  [ "$SENDER_AUTH" = "1" ] || milters+=(inet:127.0.0.1:8891)
fi
set_conf /etc/opendkim.conf Mode "$mode"
# Debian's OpenDKIM resolves with libunbound, which by itself recurses from the root servers (and
# ignores Nameservers without a forwarder config): forward everything to the test DNS server, and no
# DNSSEC validation (the test zone is unsigned). Unbound answers the special-use name "test." (RFC 6761
# §6.2) itself with NXDOMAIN by default; "nodefault" lets those queries through to the forwarder.
install -d /etc/opendkim
cat > /etc/opendkim/unbound.conf <<UNBOUND
server:
  do-ip6: no
  module-config: "iterator"
  username: ""
  chroot: ""
  local-zone: "test." nodefault
forward-zone:
  name: "."
  forward-addr: ${dns_ip}
UNBOUND
set_conf /etc/opendkim.conf ResolverConfiguration /etc/opendkim/unbound.conf
install -d -o opendkim -g opendkim /run/opendkim

if [ "${#milters[@]}" -gt 0 ]; then
  postconf -e "smtpd_milters = ${milters[*]}" 'non_smtpd_milters = inet:127.0.0.1:8891' 'milter_default_action = accept'
else
  postconf -e 'smtpd_milters =' 'non_smtpd_milters =' 
fi
