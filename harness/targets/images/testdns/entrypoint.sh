#!/bin/bash
# Make the zone (zone.sh), print it, then run dnsmasq in the foreground as an authority for it alone.
set -euo pipefail

/usr/local/bin/zone.sh > /etc/dnsmasq-zone.conf
echo "testdns: zone (dnsmasq syntax):"
sed 's/^/testdns:   /' /etc/dnsmasq-zone.conf

# --no-resolv + no server=: no upstream, nothing is ever forwarded. --local=/test/: names under
# .test that the zone does not hold are NXDOMAIN at once (SPF "none", not a timeout); any other
# name gets REFUSED. --no-hosts: the container's /etc/hosts is not published.
exec dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-poll --no-negcache \
  --local=/test/ --user=root --log-queries --log-facility=- \
  --conf-file=/etc/dnsmasq-zone.conf
