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

# Building, --help, the run and data directories and the revision: bench/run-driver.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/run-driver.sh" sink.sh sink dev.pinpipe.bench.SinkBenchmark "pom.xml common/src/main verticles/src/main" "$@"
