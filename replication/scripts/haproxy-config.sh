#!/usr/bin/env bash
# Prints an HAProxy configuration for Cairn's read replicas (Debian package haproxy, 2.6+):
#   haproxy-config.sh LISTEN_PORT PUBLISHER_PORT|- REPLICA_PORT [REPLICA_PORT...]
# - reads are spread over the replicas (least connections), each checked every second with
#   GET /health, which answers 503 while a replica lags more than cairn.replication.max-lag or has
#   stopped following: it leaves the rotation after 2 failed checks and comes back after 2 good ones;
# - the publisher (when given) serves reads only when no replica is up ("backup"), and takes every
#   custom table and locality request (/tabulate, /localities, locality profiles): the microdata
#   and the users' localities stay on the publisher (docs/replication.md);
# - X-Forwarded-For is added: start the servers with --cairn.sparql.trust-forwarded-for=true so the
#   SPARQL endpoint's per-client limits apply to the real clients, not to the balancer.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 LISTEN_PORT PUBLISHER_PORT|- REPLICA_PORT [REPLICA_PORT...]" >&2; exit 2
fi
listen="$1"; publisher="$2"; shift 2
cat <<CFG
global
    maxconn 4096

defaults
    mode http
    option forwardfor
    option http-keep-alive
    option redispatch
    retries 3
    timeout connect 5s
    timeout client 120s
    timeout server 120s
    timeout http-keep-alive 10s

frontend cairn
    bind 127.0.0.1:$listen
    acl tabulation path_beg /tabulate /localities
    acl locality_profile path_reg ^/profiles/[^/]+/localities/
CFG
if [ "$publisher" != "-" ]; then
  echo "    use_backend publisher if tabulation or locality_profile"
fi
cat <<CFG
    default_backend replicas

backend replicas
    balance leastconn
    option httpchk GET /health
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
CFG
i=0
for port in "$@"; do
  i=$((i + 1))
  echo "    server replica-$i 127.0.0.1:$port check"
done
if [ "$publisher" != "-" ]; then
  cat <<CFG
    server publisher 127.0.0.1:$publisher check backup

backend publisher
    option httpchk GET /health
    server publisher 127.0.0.1:$publisher check
CFG
fi
