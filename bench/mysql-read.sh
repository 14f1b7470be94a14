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

# Building, --help, the run and data directories and the revision: bench/run-driver.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/run-driver.sh" mysql-read.sh mysql-read dev.pinpipe.bench.MySqlReadBenchmark "pom.xml common/src/main verticles/src/main local/src/main bench/src/main" "$@"
