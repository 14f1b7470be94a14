#!/usr/bin/env bash
# Spark daily job benchmark on this machine:
#   builds pinpipe, the job and the benchmark, then runs dev.pinpipe.bench.DailyJobBenchmark, which
#   writes one day of raw records (1M posts = 3M records by default, posts sampled with replacement)
#   into the embedded S3 (S3Proxy, filesystem-backed) in the sink's daily layout, then runs in their
#   own JVMs on local[2]: the raw scan (read + parse only, the baseline) and the daily job (both
#   stages). It reports wall time per stage, records/s per core, the clean stage against the scan and
#   each JVM's peak RSS.
#
# Usage: bench/daily-job.sh [driver options...]   e.g. bench/daily-job.sh --posts 200000
#        bench/daily-job.sh --help                the driver's options
#
# The data goes to a temporary directory under BENCH_DATA_DIR (default: $TMPDIR or /tmp), removed at
# exit (1M posts make about 1.4 GB of raw objects plus the Delta tables). The output and the report go
# to bench/target/daily-job/<time>/.
set -euo pipefail

exec "$(dirname "${BASH_SOURCE[0]}")/run-driver.sh" daily-job.sh daily-job dev.pinpipe.bench.DailyJobBenchmark \
  "pom.xml spark-jobs/pom.xml spark-jobs/src/main" "$@"
