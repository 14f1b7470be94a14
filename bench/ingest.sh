#!/usr/bin/env bash
# End-to-end ingestion benchmark on this machine, loopback only:
#   builds pinpipe and the benchmark, starts `pinpipe kafka` (port 19092, a temporary data dir)
#   and `pinpipe serve --roles ingest,fanout` (HTTP 18082, management 18081; only the measured
#   roles: no sink, no embedded S3) in the background, waits until the service is ready, runs
#   dev.pinpipe.bench.IngestBenchmark with both pids, and stops both processes whatever happens.
#   Nothing is written outside the temporary data dir and bench/target/.
#
# Usage: bench/ingest.sh [driver options...]     e.g. bench/ingest.sh --duration 5 --warmup 2
#        bench/ingest.sh --help                  the driver's options
#
# Producer settings: PINPIPE_KAFKA_LINGER_MS, PINPIPE_KAFKA_BATCH_BYTES, PINPIPE_KAFKA_COMPRESSION
# apply to the service and to the driver's raw producer alike, e.g.
#   PINPIPE_KAFKA_LINGER_MS=0 bench/ingest.sh --label "linger 0 ms"
# JVM options: BENCH_SERVE_JAVA_OPTS (the service; default $PINPIPE_JAVA_OPTS), BENCH_KAFKA_JAVA_OPTS
# (the broker; default $PINPIPE_JAVA_OPTS), BENCH_JAVA_OPTS (the driver). Server instances:
# BENCH_SERVE_INSTANCES (default: the service's own default, the number of cores). The broker's
# data goes to a temporary directory under BENCH_DATA_DIR (default: $TMPDIR or /tmp), removed at
# exit; the service gets its own directory in it (it starts nothing embedded, so writes nothing).
# Logs of both processes and the report go to bench/target/ingest/<time>/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kafka_port=19092
http_port=18082
management_port=18081
ready_timeout_s=180

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    (cd "$root" && mvn -q -B -pl bench -am package -DskipTests)
    exec java -jar "$root/bench/target/pinpipe-bench.jar" --help
  fi
done

run_dir="$root/bench/target/ingest/$(date -u +%Y%m%dT%H%M%SZ)"
data_dir="$(mktemp -d "${BENCH_DATA_DIR:-${TMPDIR:-/tmp}}/pinpipe-bench-kafka.XXXXXX")"
kafka_pid=""
serve_pid=""

stop() {
  local name="$1" pid="$2"
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  echo "ingest.sh: $name (pid $pid) did not stop within 30 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The service first (it finishes requests and flushes its producer), then the broker.
  stop "pinpipe serve" "$serve_pid"
  stop "pinpipe kafka" "$kafka_pid"
  rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

for port in "$kafka_port" "$((kafka_port + 1))" "$http_port" "$management_port"; do
  if ! port_free "$port"; then
    echo "ingest.sh: port $port is already in use on localhost; stop what holds it first" >&2
    exit 1
  fi
done

echo "ingest.sh: building (mvn -q -B -pl bench -am package -DskipTests)..." >&2
(cd "$root" && mvn -q -B -pl bench -am package -DskipTests)
mkdir -p "$run_dir"

echo "ingest.sh: machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; $(uptime)" >&2

echo "ingest.sh: starting pinpipe kafka on port $kafka_port (data in $data_dir)" >&2
PINPIPE_JAVA_OPTS="${BENCH_KAFKA_JAVA_OPTS:-${PINPIPE_JAVA_OPTS:-}}" \
  "$root/pinpipe" kafka --data-dir "$data_dir" --kafka-port "$kafka_port" >"$run_dir/kafka.log" 2>&1 &
kafka_pid=$!

# Polls "$@" once a second until it succeeds; stops the run when the process dies or time runs out.
wait_until() {
  local name="$1" pid="$2" log="$3"
  shift 3
  for _ in $(seq 1 "$ready_timeout_s"); do
    "$@" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "ingest.sh: $name exited; its log:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "ingest.sh: $name was not ready within $ready_timeout_s s; its log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

# The broker is ready once it has printed its address (after creating the topics).
broker_up() {
  grep -q "pinpipe kafka: broker at" "$run_dir/kafka.log" 2>/dev/null
}
wait_until "pinpipe kafka" "$kafka_pid" "$run_dir/kafka.log" broker_up

serve_args=(serve --roles ingest,fanout --kafka "localhost:$kafka_port" --data-dir "$data_dir/serve"
  --http-port "$http_port" --management-port "$management_port")
if [ -n "${BENCH_SERVE_INSTANCES:-}" ]; then
  serve_args+=(--instances "$BENCH_SERVE_INSTANCES")
fi
echo "ingest.sh: starting pinpipe ${serve_args[*]}" >&2
PINPIPE_JAVA_OPTS="${BENCH_SERVE_JAVA_OPTS:-${PINPIPE_JAVA_OPTS:-}}" \
  "$root/pinpipe" "${serve_args[@]}" >"$run_dir/serve.log" 2>&1 &
serve_pid=$!

service_ready() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://localhost:$management_port/readyz" || true)" = "200" ]
}
wait_until "pinpipe serve" "$serve_pid" "$run_dir/serve.log" service_ready
echo "ingest.sh: ready (broker pid $kafka_pid, server pid $serve_pid); producer env:" \
  "PINPIPE_KAFKA_LINGER_MS=${PINPIPE_KAFKA_LINGER_MS:-} PINPIPE_KAFKA_BATCH_BYTES=${PINPIPE_KAFKA_BATCH_BYTES:-}" \
  "PINPIPE_KAFKA_COMPRESSION=${PINPIPE_KAFKA_COMPRESSION:-}" >&2

# The service's revision: the commit, and whether its sources differ from it.
revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- pom.xml common verticles 2>/dev/null)" ]; then
  revision="$revision + uncommitted changes"
fi

# Not exec: the trap must still stop both processes when the driver ends.
set +e
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -jar "$root/bench/target/pinpipe-bench.jar" \
  --http-port "$http_port" --kafka "localhost:$kafka_port" \
  --server-pid "$serve_pid" --broker-pid "$kafka_pid" \
  --revision "$revision" \
  --out "$run_dir/report.md" "$@" 2> >(tee "$run_dir/driver.err" >&2) | tee "$run_dir/driver.out"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "ingest.sh: the driver failed (exit $status)" >&2
fi
echo "ingest.sh: logs and report in $run_dir" >&2
exit "$status"
