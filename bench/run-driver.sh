#!/usr/bin/env bash
# What every one-JVM benchmark script does around its driver: build pinpipe and the benchmark,
# answer --help, make bench/target/<kind>/<time>/ and a temporary data directory (removed at exit),
# name the measured revision (with the uncommitted changes of the given sources saved beside the
# report), run the driver and keep its output.
#
# Usage (from a benchmark script): run-driver.sh NAME KIND MAIN_CLASS "SOURCES..." [driver options...]
#   e.g. run-driver.sh sink.sh sink dev.pinpipe.bench.SinkBenchmark "pom.xml common/src/main verticles/src/main" "$@"
# JVM options: BENCH_JAVA_OPTS. The data goes under BENCH_DATA_DIR (default: $TMPDIR or /tmp).
set -euo pipefail

name="$1" kind="$2" main="$3" sources="$4"
shift 4
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath="$root/bench/target/pinpipe-bench.jar:$root/bench/target/lib/*"

build() {
  # spark-jobs too: the daily job's benchmark launches its jars.
  echo "$name: building (mvn -q -B -pl spark-jobs,bench -am package -DskipTests)..." >&2
  (cd "$root" && mvn -q -B -pl spark-jobs,bench -am package -DskipTests)
}

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    build
    exec java -cp "$classpath" "$main" --help
  fi
done

build
run_dir="$root/bench/target/$kind/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run_dir"
data_dir="$(mktemp -d "${BENCH_DATA_DIR:-${TMPDIR:-/tmp}}/pinpipe-$kind-bench.XXXXXX")"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "$name: machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; $(uptime)" >&2
top -bn1 | head -n 15 >"$run_dir/top-before.txt" 2>/dev/null || true

# The measured revision: the commit, and whether the sources differ from it.
revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
# shellcheck disable=SC2086
if [ -n "$(git -C "$root" status --porcelain -- $sources 2>/dev/null)" ]; then
  # Keep what was measured: the uncommitted changes, named by their hash.
  {
    git -C "$root" status --porcelain -- $sources
    git -C "$root" diff HEAD -- $sources
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
  echo "$name: the driver failed (exit $status)" >&2
fi
echo "$name: output and report in $run_dir" >&2
exit "$status"
