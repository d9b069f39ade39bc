#!/usr/bin/env bash
# Measures the collector's overhead at 1 s sampling next to Debian's prometheus-node-exporter
# scraped every second, on this machine: CPU seconds per minute and RSS of both processes.
# Not part of `mvn verify`. Needs root (or sudo) only to install prometheus-node-exporter.
#
#   bench/collector-overhead.sh [SECONDS]      (default 60 s measured after 20 s of warm-up)
#
# The collector runs as `./stallwatch collect` (the launcher and its JVM flags for collect) with
# the default sources at sampleInterval 1s, against a real single-node Kafka broker started here
# from the jars the build put in app/target/lib. Set STALLWATCH_JAVA_OPTS to try other JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
measure=${1:-60}
warmup=${WARMUP:-60}

if ! command -v prometheus-node-exporter >/dev/null; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    prometheus-node-exporter curl
fi

./stallwatch --version >/dev/null # builds the jar when needed
java=""
for candidate in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  v=$("$candidate" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {print $2; exit}')
  if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then java=$candidate; break; fi
done
[ -n "$java" ] || { echo "no JDK 21+ found" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
kafka_port=$(free_port)
controller_port=$(free_port)
exporter_port=$(free_port)

cat >"$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/kafka
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPS
"$java" -cp "app/target/lib/*" kafka.tools.StorageTool format -t "$(cat /proc/sys/kernel/random/uuid | tr -d - | head -c 22)" \
  -c "$work/server.properties" >"$work/format.log" 2>&1 || { cat "$work/format.log"; exit 1; }
"$java" -Xmx512m -cp "app/target/lib/*" kafka.Kafka "$work/server.properties" >"$work/kafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do (echo >/dev/tcp/127.0.0.1/"$kafka_port") 2>/dev/null && break; sleep 1; done

printf 'sampleInterval: 1s\nheartbeatInterval: 10s\n' >"$work/collector.yaml"
./stallwatch collect --bootstrap "127.0.0.1:$kafka_port" --state-dir "$work/state" \
  --config "$work/collector.yaml" >"$work/collector.log" 2>&1 &
pids+=($!)
collector=$!
prometheus-node-exporter --web.listen-address="127.0.0.1:$exporter_port" >"$work/exporter.log" 2>&1 &
pids+=($!)
exporter=$!
( while sleep 1; do curl -s -o /dev/null "http://127.0.0.1:$exporter_port/metrics"; done ) &
pids+=($!)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)

sleep "$warmup"
# The launcher execs java, so the collector's pid is the JVM's.
c0=$(ticks "$collector"); e0=$(ticks "$exporter")
c_max=0; e_max=0; c_sum=0; e_sum=0
for _ in $(seq "$measure"); do
  sleep 1
  c=$(rss_kb "$collector"); e=$(rss_kb "$exporter")
  c_sum=$((c_sum + c)); e_sum=$((e_sum + e))
  [ "$c" -gt "$c_max" ] && c_max=$c
  [ "$e" -gt "$e_max" ] && e_max=$e
done
c1=$(ticks "$collector"); e1=$(ticks "$exporter")

awk -v c="$((c1 - c0))" -v e="$((e1 - e0))" -v hz="$hz" -v s="$measure" \
  -v cmax="$c_max" -v emax="$e_max" -v csum="$c_sum" -v esum="$e_sum" 'BEGIN {
  ccpu = c / hz * 60 / s; ecpu = e / hz * 60 / s
  printf "measured %d s after %d s of warm-up, 1 s sampling / 1 s scrapes\n", s, '"$warmup"'
  printf "%-28s %14s %12s %12s\n", "process", "CPU s/minute", "RSS max MB", "RSS avg MB"
  printf "%-28s %14.2f %12.1f %12.1f\n", "stallwatch collect", ccpu, cmax/1024, csum/s/1024
  printf "%-28s %14.2f %12.1f %12.1f\n", "prometheus-node-exporter", ecpu, emax/1024, esum/s/1024
  if (ecpu > 0) printf "CPU ratio collector/node_exporter: %.2f\n", ccpu / ecpu
}'
echo "JVM flags: $(tr '\0' ' ' </proc/"$collector"/cmdline | sed 's/ -jar .*//')"
echo "events delivered by the collector: $(cut -d" " -f1 "$work/state/spool/acked" 2>/dev/null || echo 0)"
