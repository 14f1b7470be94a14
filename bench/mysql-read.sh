#!/usr/bin/env bash
# MySQL read benchmark on this machine, one JVM and an embedded MariaDB on loopback:
#   builds pinpipe and the benchmark, then runs dev.pinpipe.bench.MySqlReadBenchmark, which starts
#   an embedded MariaDB in a temporary directory, seeds 11,000 posts (DatasetGenerator seed 42, as
#   `pinpipe run`), measures the original `SELECT * FROM <table> LIMIT n, 1` reads against pinpipe's
#   keyed reads (PostReader.read), then grows the tables to 1,000,000 posts and measures again.
#   The directory (server binaries and tables, about 1.5 GB at 1M posts) is removed at exit.
#
# Usage: bench/mysql-read.sh [driver options...]   e.g. bench/mysql-read.sh --large-posts 0
#        bench/mysql-read.sh --help                the driver's options
#
# JVM options: BENCH_JAVA_OPTS. The data goes under BENCH_DATA_DIR (default: $TMPDIR or /tmp).
# The output and the report go to bench/target/mysql-read/<time>/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath="$root/bench/target/pinpipe-bench.jar:$root/bench/target/lib/*"
main=dev.pinpipe.bench.MySqlReadBenchmark

build() {
  echo "mysql-read.sh: building (mvn -q -o -B -pl bench -am package -DskipTests)..." >&2
  (cd "$root" && mvn -q -o -B -pl bench -am package -DskipTests)
}

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    build
    exec java -cp "$classpath" "$main" --help
  fi
done

build
run_dir="$root/bench/target/mysql-read/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run_dir"
data_dir="$(mktemp -d "${BENCH_DATA_DIR:-${TMPDIR:-/tmp}}/pinpipe-mysql-bench.XXXXXX")"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "mysql-read.sh: machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; $(uptime)" >&2
top -bn1 | head -n 15 >"$run_dir/top-before.txt" 2>/dev/null || true

revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- pom.xml verticles/src/main bench/src/main 2>/dev/null)" ]; then
  {
    git -C "$root" status --porcelain -- pom.xml verticles/src/main bench/src/main
    git -C "$root" diff HEAD -- pom.xml verticles/src/main bench/src/main
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
  echo "mysql-read.sh: the driver failed (exit $status)" >&2
fi
echo "mysql-read.sh: output and report in $run_dir" >&2
exit "$status"
