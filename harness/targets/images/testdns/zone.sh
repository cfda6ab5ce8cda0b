#!/bin/bash
# Print the test zone as dnsmasq options (txt-record=, host-record=, mx-host=, cname=).
#
# Record lines (ZONE_FILE, ZONE_RECORDS and the built-in zone alike), one a line, '#' comments:
#   <name> TXT <text>            the text as one string; longer than 255 octets it is split into
#                                several character-strings (RFC 7208 §3.3 and RFC 6376 §3.6.2.2
#                                join them again)
#   <name> A <ipv4>
#   <name> MX <preference> <host>
#   <name> CNAME <target>
# In every line the word HARNESS_IP is replaced by $HARNESS_IP.
set -euo pipefail

# The address targets on this network see the harness connect from: connections to published
# ports arrive from the bridge gateway (docker-proxy), which is also this container's gateway.
gateway() {
  local iface dest gw rest
  while read -r iface dest gw rest; do
    if [ "$dest" = "00000000" ]; then
      # /proc/net/route holds the address as little-endian hex.
      printf '%d.%d.%d.%d\n' "0x${gw:6:2}" "0x${gw:4:2}" "0x${gw:2:2}" "0x${gw:0:2}"
      return
    fi
  done < /proc/net/route
}
HARNESS_IP="${HARNESS_IP:-$(gateway)}"
DKIM_SELECTOR="${DKIM_SELECTOR:-sel}"
DKIM_DOMAINS="${DKIM_DOMAINS:-dkim.test dmarc-reject.test dmarc-quarantine.test dmarc-none.test}"
ZONE_FILE="${ZONE_FILE:-/zone/records}"

if [ -z "${DKIM_PUBKEY:-}" ]; then
  # No key given: make one, and leave the private half where `docker cp` finds it.
  mkdir -p /zone/generated
  openssl genrsa -out /zone/generated/dkim-private.pem 2048 2>/dev/null
  DKIM_PUBKEY="$(openssl rsa -in /zone/generated/dkim-private.pem -pubout -outform DER 2>/dev/null | base64 -w0)"
  echo "$DKIM_PUBKEY" > /zone/generated/dkim-public.b64
  echo "testdns: no DKIM_PUBKEY given; made a key pair, private key in /zone/generated/dkim-private.pem" >&2
fi

builtin_zone() {
  cat <<ZONE
# SPF (RFC 7208): the harness's address is authorised only by spf-pass.test.
spf-pass.test TXT v=spf1 ip4:HARNESS_IP -all
spf-fail.test TXT v=spf1 ip4:192.0.2.1 -all
spf-softfail.test TXT v=spf1 ip4:192.0.2.1 ~all
spf-neutral.test TXT v=spf1 ip4:192.0.2.1 ?all
spf-none.test A 192.0.2.10
# DKIM (RFC 6376): no SPF record, so a DKIM result is seen alone.
dkim.test A 192.0.2.11
# DMARC (RFC 7489): SPF fails for the harness; only an aligned valid DKIM signature passes.
dmarc-reject.test TXT v=spf1 ip4:192.0.2.1 -all
_dmarc.dmarc-reject.test TXT v=DMARC1; p=reject; adkim=r; aspf=r
dmarc-quarantine.test TXT v=spf1 ip4:192.0.2.1 -all
_dmarc.dmarc-quarantine.test TXT v=DMARC1; p=quarantine; adkim=r; aspf=r
dmarc-none.test TXT v=spf1 ip4:192.0.2.1 -all
_dmarc.dmarc-none.test TXT v=DMARC1; p=none; adkim=r; aspf=r
# DMARC pass through SPF alone: the harness is authorised, p=reject.
dmarc-spf-pass.test TXT v=spf1 ip4:HARNESS_IP -all
_dmarc.dmarc-spf-pass.test TXT v=DMARC1; p=reject; adkim=r; aspf=r
ZONE
  local d
  for d in $DKIM_DOMAINS; do
    echo "${DKIM_SELECTOR}._domainkey.${d} TXT v=DKIM1; k=rsa; p=${DKIM_PUBKEY}"
  done
}

# dnsmasq quoting: a string in double quotes, with \ and " escaped.
quote() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }

emit() {
  local name type rest
  read -r name type rest <<<"$1"
  rest="${rest//HARNESS_IP/$HARNESS_IP}"
  case "${type^^}" in
    TXT)
      # Strip one pair of surrounding quotes if the writer used them.
      if [[ "$rest" == \"*\" ]]; then rest="${rest:1:${#rest}-2}"; fi
      local out="txt-record=${name}" i
      for (( i = 0; i < ${#rest}; i += 255 )); do out+=",$(quote "${rest:i:255}")"; done
      echo "$out" ;;
    A)     echo "host-record=${name},${rest}" ;;
    MX)    read -r pref host <<<"$rest"; echo "mx-host=${name},${host},${pref}" ;;
    CNAME) echo "cname=${name},${rest}" ;;
    *)     echo "testdns: ignoring record of unknown type '${type}': $1" >&2 ;;
  esac
}

records() {
  if [ "${DEFAULT_ZONE:-1}" != "0" ]; then builtin_zone; fi
  if [ -r "$ZONE_FILE" ]; then cat "$ZONE_FILE"; fi
  if [ -n "${ZONE_RECORDS:-}" ]; then printf '%s\n' "$ZONE_RECORDS"; fi
}

echo "# HARNESS_IP=${HARNESS_IP} DKIM_SELECTOR=${DKIM_SELECTOR}"
records | while IFS= read -r line; do
  line="${line%%$'\r'}"
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  emit "$line"
done
