#!/usr/bin/env python3
"""Where a JVM's CPU went, from a JFR recording (JDK 17 has no `jfr view hot-methods`).

Usage: bench/jfr-hot.py RECORDING.jfr [--from HH:MM:SS] [--to HH:MM:SS] [--top N] [--thread REGEX]
       (ingestion: the service's recording; S3 sink: the one JVM of bench/sink.sh;
        emulation: the one JVM of `pinpipe run`, PINPIPE_JAVA_OPTS of bench/emulate.sh)

Reads `jfr print --stack-depth 64 --events jdk.ExecutionSample` and prints, for the samples
taken between --from and --to (the JVM's local time, as `jfr print` shows it; the benchmark's
raw numbers give each phase's measured_from in UTC):
  - samples per thread group,
  - samples per activity (the first frame from the leaf up that names one),
  - the hottest leaf methods (self time) and the hottest methods anywhere on the stack.
"""
import argparse
import collections
import re
import subprocess
import sys

# Activities, checked against each frame from the leaf towards the root; the first match wins.
ACTIVITIES = [
    ("compression (lz4/zstd)", r"^(net\.jpountz|com\.github\.luben|org\.apache\.kafka\.common\.compress)"),
    ("request JSON decode + compaction (RecordsCodec)", r"^dev\.pinpipe\.ingest\.(RecordsCodec|JsonCodec|PostsCodec)"),
    ("response JSON (Responses)", r"^dev\.pinpipe\.ingest\.Responses"),
    ("metrics (Micrometer)", r"^io\.micrometer|^dev\.pinpipe\.ingest\.IngestMetrics"),
    ("Kafka send: append to batch", r"^org\.apache\.kafka\.clients\.producer\.(KafkaProducer|internals\.RecordAccumulator)"),
    ("Kafka producer I/O thread", r"^org\.apache\.kafka\.clients\.(producer\.internals\.Sender|NetworkClient)"),
    ("fan-out verticle (callbacks, reply)", r"^dev\.pinpipe\.fanout"),
    ("event bus", r"^io\.vertx\.core\.eventbus"),
    # The emulator (bench/emulate.sh, `pinpipe run`): its HTTP client and the source database's client.
    ("emulator: Vert.x WebClient (requests, responses)", r"^io\.vertx\.ext\.web\.client"),
    ("emulator: EmulatorVerticle, IngestClient (JSON bodies, retries)", r"^dev\.pinpipe\.emulator"),
    ("MySQL client (vertx-mysql-client, PostReader)", r"^(io\.vertx\.(mysqlclient|sqlclient)|dev\.pinpipe\.db\.PostReader)"),
    ("Vert.x Web (router, body handler)", r"^io\.vertx\.ext\.web"),
    ("HTTP codec (Netty)", r"^io\.netty\.handler\.codec"),
    ("socket I/O and event loop", r"^(sun\.nio\.ch|io\.netty\.channel|io\.netty\.util\.concurrent)"),
    ("Kafka broker", r"^(kafka\.|org\.apache\.kafka\.(storage|server|raft|metadata|coordinator))"),
    # The S3 sink (bench/sink.sh); none of these frames occur in the ingestion service.
    ("sink: JSON check of each value (JsonLine)", r"^dev\.pinpipe\.sink\.JsonLine"),
    ("sink: copy into the object buffer (OpenObject, PartitionSink.append)", r"^dev\.pinpipe\.sink\.(OpenObject|PartitionSink\.append)"),
    ("sink: other (verticle, partitions, S3 calls)", r"^dev\.pinpipe\.sink\."),
    ("vertx-kafka-client read stream (per-record emission)", r"^io\.vertx\.kafka\.client\.consumer\.impl\.KafkaReadStreamImpl"),
    ("Kafka consumer: fetch, parse records, copy values", r"^org\.apache\.kafka\.clients\.consumer"),
    ("AWS SDK: signing, chunked encoding, checksums, marshalling", r"^software\.amazon\.awssdk"),
    ("embedded S3 server (S3Proxy, jclouds, Jetty)", r"^(org\.gaul|org\.jclouds|org\.eclipse\.jetty)"),
]


def parse(path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    for event in out.split("jdk.ExecutionSample {")[1:]:
        time = re.search(r"startTime = (\d\d:\d\d:\d\d)", event)
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        frames = re.findall(r"^\s+([\w$.<>/]+\.[\w$<>]+)\(.*?\)\s+line:", event, re.M)
        yield (time.group(1) if time else ""), (thread.group(1) if thread else "?"), frames


def thread_group(name):
    name = re.sub(r"\d+", "N", name)
    return name.split(" | ")[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("recording")
    parser.add_argument("--from", dest="start", default="00:00:00")
    parser.add_argument("--to", dest="end", default="99:99:99")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--thread", default=None, help="only samples of threads whose name matches this regex")
    args = parser.parse_args()

    threads, activities = collections.Counter(), collections.Counter()
    leaves, anywhere = collections.Counter(), collections.Counter()
    total = 0
    for time, thread, frames in parse(args.recording):
        if not (args.start <= time <= args.end) or not frames:
            continue
        if args.thread and not re.search(args.thread, thread):
            continue
        total += 1
        threads[thread_group(thread)] += 1
        leaves[frames[0]] += 1
        for frame in set(frames):
            anywhere[frame] += 1
        activity = "other"
        for frame in frames:
            match = next((name for name, pattern in ACTIVITIES if re.search(pattern, frame)), None)
            if match:
                activity = match
                break
        activities[activity] += 1
    if total == 0:
        sys.exit("no execution samples in that window")

    def show(title, counter, top):
        print(f"\n{title}")
        for key, count in counter.most_common(top):
            print(f"  {100.0 * count / total:5.1f}%  {count:6d}  {key}")

    print(f"{total} execution samples between {args.start} and {args.end}")
    show("by thread:", threads, 12)
    show("by activity (first frame from the leaf up that names one):", activities, len(ACTIVITIES) + 1)
    show("hottest leaf methods (self):", leaves, args.top)
    show("hottest methods anywhere on the stack (inclusive):", anywhere, args.top)


if __name__ == "__main__":
    main()
