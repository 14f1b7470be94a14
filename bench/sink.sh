#!/usr/bin/env bash
# S3 sink benchmark on this machine, everything in one JVM on loopback:
#   builds pinpipe and the benchmark, then runs dev.pinpipe.bench.SinkBenchmark, which starts an
#   embedded KRaft broker and the embedded S3 (S3Proxy, filesystem-backed) in a temporary data
#   directory, measures the sink's throughput against a raw KafkaConsumer (phase A) and its
#   end-to-end latency behind the HTTP ingestion (phase B), and removes the data at exit.
#
# Usage: bench/sink.sh [driver options...]     e.g. bench/sink.sh --records 200000 --no-latency
#        bench/sink.sh --help                  the driver's options
#
# Kafka client settings: PINPIPE_KAFKA_* as for `pinpipe serve` (e.g. PINPIPE_KAFKA_COMPRESSION).
# JVM options: BENCH_JAVA_OPTS (e.g. a JFR recording, see docs/PERFORMANCE.md). The data goes to a
# temporary directory under BENCH_DATA_DIR (default: $TMPDIR or /tmp), removed at exit: the logs of the
# topics (the measured one and the warm-up one) and the objects of one run at a time (each run's bucket
# is removed after it; 1M records make about 0.5 GB of objects).
# The output and the report go to bench/target/sink/<time>/ (with the uncommitted changes of the
# service's sources, if any, in uncommitted.diff).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath="$root/bench/target/pinpipe-bench.jar:$root/bench/target/lib/*"
main=dev.pinpipe.bench.SinkBenchmark

build() {
  echo "sink.sh: building (mvn -q -B -pl bench -am package -DskipTests)..." >&2
  (cd "$root" && mvn -q -B -pl bench -am package -DskipTests)
}

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    build
    exec java -cp "$classpath" "$main" --help
  fi
done

build
run_dir="$root/bench/target/sink/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run_dir"
data_dir="$(mktemp -d "${BENCH_DATA_DIR:-${TMPDIR:-/tmp}}/pinpipe-sink-bench.XXXXXX")"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "sink.sh: machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; $(uptime)" >&2

# The sink's revision: the commit, and whether its sources differ from it.
revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- pom.xml verticles/src/main 2>/dev/null)" ]; then
  # Keep what was measured: the uncommitted changes of the service's sources, named by their hash.
  {
    git -C "$root" status --porcelain -- pom.xml verticles/src/main
    git -C "$root" diff HEAD -- pom.xml verticles/src/main
  } >"$run_dir/uncommitted.diff"
  revision="$revision + uncommitted changes (diff $(sha1sum <"$run_dir/uncommitted.diff" | cut -c1-8), in uncommitted.diff)"
fi

# Not exec: the trap must still remove the data directory when the driver ends.
set +e
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -cp "$classpath" "$main" \
  --data-dir "$data_dir" --revision "$revision" \
  --out "$run_dir/report.md" "$@" 2> >(tee "$run_dir/driver.err" >&2) | tee "$run_dir/driver.out"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "sink.sh: the driver failed (exit $status)" >&2
fi
echo "sink.sh: output and report in $run_dir" >&2
exit "$status"
