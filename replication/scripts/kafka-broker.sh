#!/usr/bin/env bash
# A single Apache Kafka broker in KRaft mode (broker and controller in one JVM) on loopback, run from
# the Maven Central artifacts listed in replication/broker/pom.xml (nothing is downloaded from
# anywhere else). For tests, the demo and benchmarks; a production cluster is set up as Kafka's
# own documentation says (three or more brokers, TLS, ACLs): see docs/replication.md.
#
#   kafka-broker.sh start DIR PORT [CONTROLLER_PORT]   formats DIR on first use, starts, waits until it listens
#   kafka-broker.sh stop DIR                           stops the broker started in DIR (by its pid file)
#   kafka-broker.sh classpath                          prints the broker's class path (resolving it once)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BROKER_POM="$HERE/../broker/pom.xml"
CP_FILE="$HERE/../broker/target/classpath.txt"

classpath() {
  if [ ! -s "$CP_FILE" ]; then
    mvn -B -ntp -q -f "$BROKER_POM" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2
  fi
  cat "$CP_FILE"
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local dir="$1" port="$2" cport="${3:-$(( $2 + 1 ))}"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ -f "$dir/broker.pid" ] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
    echo "a broker is already running from $dir (pid $(cat "$dir/broker.pid"))" >&2; exit 1
  fi
  local cp; cp="$(classpath)"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  cat > "$dir/log4j2.properties" <<'PROPS'
appender.out.type=Console
appender.out.name=out
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=WARN
rootLogger.appenderRef.out.ref=out
logger.raft.name=kafka.server.KafkaRaftServer
logger.raft.level=INFO
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    local id; id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid)"
    java -cp "$cp" -Dlog4j2.configurationFile="$dir/log4j2.properties" kafka.tools.StorageTool format \
      -t "$id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; exit 1; }
  fi
  nohup java -Xmx512m -cp "$cp" -Dlog4j2.configurationFile="$dir/log4j2.properties" kafka.Kafka "$dir/server.properties" \
    >"$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
  for _ in $(seq 1 120); do
    if listening "$port"; then echo "Kafka broker listening on 127.0.0.1:$port (pid $(cat "$dir/broker.pid"), log $dir/broker.log)"; return 0; fi
    if ! kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then cat "$dir/broker.log" >&2; echo "the broker exited" >&2; exit 1; fi
    sleep 0.5
  done
  echo "the broker did not listen on $port within 60 s; see $dir/broker.log" >&2; exit 1
}

stop() {
  local dir="$1"
  [ -f "$dir/broker.pid" ] || { echo "no broker pid file in $dir" >&2; return 0; }
  local pid; pid="$(cat "$dir/broker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$dir/broker.pid"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  classpath) classpath ;;
  *) echo "usage: $0 start DIR PORT [CONTROLLER_PORT] | stop DIR | classpath" >&2; exit 2 ;;
esac
