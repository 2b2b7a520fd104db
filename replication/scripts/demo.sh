#!/usr/bin/env bash
# A publisher, three read replicas and HAProxy in front, kept in step through a Kafka broker, all on
# loopback ports of this machine (docs/replication.md).
#
#   replication/scripts/demo.sh start [DIR]   start everything (default DIR: target/replication-demo)
#   replication/scripts/demo.sh stop [DIR]    stop everything it started
#
# Needs the server built (mvn -q -DskipTests package) and HAProxy (Debian: apt-get install haproxy).
# Ports: balancer 8080, publisher 8090 (loopback Fuseki and publishing 3030), replicas 8091-8093,
# Kafka 9092 (controller 9093). The publisher loads the bundled examples; the replicas follow.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="${2:-$ROOT/target/replication-demo}"
JAR="$ROOT/server/target/cairn-exec.jar"
BALANCER=8080 PUBLISHER=8090 REPLICAS=(8091 8092 8093) KAFKA=9092
PASSWORD="${CAIRN_PUBLISH_PASSWORD:-demo-password}"

up() { for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$1/health" && return 0; sleep 0.5; done; return 1; }

start() {
  [ -f "$JAR" ] || { echo "build the server first: mvn -q -DskipTests package" >&2; exit 1; }
  command -v haproxy >/dev/null || { echo "HAProxy is missing: apt-get install haproxy" >&2; exit 1; }
  mkdir -p "$DIR"
  "$HERE/kafka-broker.sh" start "$DIR/kafka" "$KAFKA" $((KAFKA + 1))
  java -XX:-DontCompileHugeMethods -XX:+ExitOnOutOfMemoryError -Xmx1g -jar "$JAR" serve --role publisher --kafka "127.0.0.1:$KAFKA" \
    --data-dir "$DIR/publisher" --port "$PUBLISHER" --cairn.publish.password="$PASSWORD" \
    --cairn.sparql.trust-forwarded-for=true >"$DIR/publisher.log" 2>&1 &
  echo $! > "$DIR/publisher.pid"
  up "$PUBLISHER" || { echo "the publisher did not start; see $DIR/publisher.log" >&2; exit 1; }
  for i in 0 1 2; do
    port="${REPLICAS[$i]}"
    java -XX:-DontCompileHugeMethods -XX:+ExitOnOutOfMemoryError -Xmx1g -jar "$JAR" serve --role replica --kafka "127.0.0.1:$KAFKA" \
      --data-dir "$DIR/replica-$((i + 1))" --port "$port" --cairn.fuseki.port=0 \
      --cairn.sparql.trust-forwarded-for=true >"$DIR/replica-$((i + 1)).log" 2>&1 &
    echo $! > "$DIR/replica-$((i + 1)).pid"
  done
  for port in "${REPLICAS[@]}"; do up "$port" || { echo "replica on $port did not start" >&2; exit 1; }; done
  "$HERE/haproxy-config.sh" "$BALANCER" "$PUBLISHER" "${REPLICAS[@]}" > "$DIR/haproxy.cfg"
  haproxy -db -f "$DIR/haproxy.cfg" >"$DIR/haproxy.log" 2>&1 &
  echo $! > "$DIR/haproxy.pid"
  up "$BALANCER" || { echo "HAProxy did not start; see $DIR/haproxy.log" >&2; exit 1; }
  cat <<MSG
Cairn behind HAProxy: http://127.0.0.1:$BALANCER/ (health: curl http://127.0.0.1:$BALANCER/health)
  publisher  http://127.0.0.1:$PUBLISHER/  publishing: http://127.0.0.1:3030/publish (user publisher, password $PASSWORD)
  replicas   ${REPLICAS[*]/#/http://127.0.0.1:}
  Kafka      127.0.0.1:$KAFKA (topic cairn.publications)
Publish into the publisher and watch the replicas follow, e.g.:
  java -jar $JAR load --endpoint http://127.0.0.1:3030/publish --password $PASSWORD DEF.yaml DATA.csv
  for p in ${REPLICAS[*]}; do curl -s http://127.0.0.1:\$p/health; echo; done
Stop everything: $0 stop $DIR
MSG
}

stop() {
  for name in haproxy replica-1 replica-2 replica-3 publisher; do
    if [ -f "$DIR/$name.pid" ]; then
      pid="$(cat "$DIR/$name.pid")"
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      fi
      rm -f "$DIR/$name.pid"
    fi
  done
  "$HERE/kafka-broker.sh" stop "$DIR/kafka"
  echo "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
