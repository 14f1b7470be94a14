#!/usr/bin/env bash
# Post emulation benchmark on this machine: `pinpipe run` end to end (embedded MariaDB seeded with
# 11,000 posts -> emulated users -> HTTP -> Kafka -> S3), once per mode and round:
#   --mode rest-proxy   three one-record REST Proxy requests per post, as the original client;
#   --mode posts        batches of 100 posts to POST /posts.
# Each run gets a fresh temporary --data-dir (removed at exit) and loopback ports away from the
# defaults. The summary line of each run is parsed: a run that fails, reports a failed post, does
# not deliver every post, leaves an acknowledged record out of S3 or does not end with
# "pinpipe run: done" stops the benchmark with an error (a failed run is not a number).
#
# Usage: bench/emulate.sh [options] [-- pinpipe run options...]
#   --posts N           posts per run (default 11000, the dataset's size)
#   --modes LIST        comma-separated (default rest-proxy,posts)
#   --repeat N          rounds; each round runs every mode once, in order (default 1)
#   --quiet-cores X     before each run, wait until the machine uses fewer than X cores (over 2 s);
#                       0: never wait (default 0.15)
#   --quiet-wait S      longest wait for that; then it runs anyway and the report says so (default 180)
#   --label TEXT        names the run in the report
#   --launcher          run ./pinpipe itself instead of a copy of its jar (see below)
#   e.g. bench/emulate.sh --repeat 3
#        bench/emulate.sh --posts 2000 --modes posts -- --concurrency 4 --batch 50
#
# Ports (loopback): Kafka 19592 (controller 19593), S3 19500, HTTP 18582, management 18581,
# MariaDB 13506; BENCH_EMULATE_PORT_SHIFT=N adds N to each. JVM options: PINPIPE_JAVA_OPTS, as for
# ./pinpipe. Data under BENCH_DATA_DIR (default: $TMPDIR or /tmp). The output of each run and the
# report go to bench/target/emulate/<time>/.
#
# The jar: the launcher (./pinpipe --version) builds local/target/pinpipe.jar when it is
# missing or older than the sources; then, unless --launcher, the jar and its lib/ are copied to
# the data dir and each run is `java $PINPIPE_JAVA_OPTS -jar <copy> run ...`, which is what
# ./pinpipe execs: a rebuild of the working tree during the benchmark cannot swap classes under a
# running JVM, and every round runs the same build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
posts=11000
modes="rest-proxy,posts"
repeat=1
quiet_cores=0.15
quiet_wait=180
label=""
use_launcher=false
run_args=()

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --posts) posts="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --quiet-cores) quiet_cores="$2"; shift 2 ;;
    --quiet-wait) quiet_wait="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --launcher) use_launcher=true; shift ;;
    --) shift; run_args=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) echo "emulate.sh: unknown option '$1' (pinpipe run options go after --)" >&2; exit 2 ;;
  esac
done
case "$posts" in ''|*[!0-9]*) echo "emulate.sh: --posts must be a positive number" >&2; exit 2 ;; esac
case "$repeat" in ''|*[!0-9]*) echo "emulate.sh: --repeat must be a positive number" >&2; exit 2 ;; esac
[ "$posts" -ge 1 ] && [ "$repeat" -ge 1 ] || { echo "emulate.sh: --posts and --repeat must be at least 1" >&2; exit 2; }
IFS=',' read -r -a mode_list <<<"$modes"
for mode in "${mode_list[@]}"; do
  case "$mode" in rest-proxy|posts) ;; *) echo "emulate.sh: unknown mode '$mode' (rest-proxy or posts)" >&2; exit 2 ;; esac
done

shift_by="${BENCH_EMULATE_PORT_SHIFT:-0}"
kafka_port=$((19592 + shift_by))
s3_port=$((19500 + shift_by))
http_port=$((18582 + shift_by))
management_port=$((18581 + shift_by))
mysql_port=$((13506 + shift_by))

started_utc="$(date -u +%Y%m%dT%H%M%SZ)"
run_dir="$root/bench/target/emulate/$started_utc"
work_dir="$(mktemp -d "${BENCH_DATA_DIR:-${TMPDIR:-/tmp}}/pinpipe-emulate-bench.XXXXXX")"
run_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM "$run_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$run_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$run_pid" 2>/dev/null || true
  fi
  rm -rf "$work_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Busy ticks (user nice system irq softirq steal) and all ticks of the machine, from /proc/stat.
machine_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat
}

clk_tck="$(getconf CLK_TCK 2>/dev/null || echo 100)"
cores="$(nproc)"

# Cores busy over 2 s (all processes; nothing of ours runs between runs).
busy_cores() {
  local b1 t1 b2 t2
  read -r b1 t1 < <(machine_ticks)
  sleep 2
  read -r b2 t2 < <(machine_ticks)
  awk -v b="$((b2 - b1))" -v t="$((t2 - t1))" -v c="$cores" 'BEGIN { printf "%.2f", (t > 0 ? c * b / t : 0) }'
}

# Waits until the machine is quiet; prints the cores busy at the last check.
await_quiet() {
  local what="$1" busy told=false deadline=$((SECONDS + quiet_wait))
  while true; do
    busy="$(busy_cores)"
    if awk -v b="$busy" -v q="$quiet_cores" 'BEGIN { exit !(q <= 0 || b < q) }'; then
      $told && echo "emulate.sh:   quiet now ($busy cores busy)" >&2
      echo "$busy"
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "emulate.sh:   the machine is still busy ($busy cores) after ${quiet_wait} s: running $what anyway" >&2
      echo "$busy (busy)"
      return 0
    fi
    if ! $told; then
      echo "emulate.sh:   waiting for other processes to leave the cores ($busy cores busy) before $what..." >&2
      told=true
    fi
  done
}

# CPU seconds (user + system) of this shell's finished children so far (and theirs that they waited
# for: the JVM's MariaDB), from the `times` builtin. It must run in this shell, not in a $(...)
# subshell, whose children are not ours: the figure goes to the variable named by $1.
children_cpu() {
  times >"$work_dir/times"
  printf -v "$1" '%s' "$(awk 'NR == 2 {
      split($1, u, /m|s/); split($2, s, /m|s/);
      printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$work_dir/times")"
}

mkdir -p "$run_dir"
echo "emulate.sh: building if needed (./pinpipe --version)..." >&2
PINPIPE_JAVA_OPTS= "$root/pinpipe" --version >"$run_dir/version.txt"
if $use_launcher; then
  command=("$root/pinpipe")
  jar_note="./pinpipe (the working tree's local/target/pinpipe.jar)"
else
  mkdir -p "$work_dir/app"
  cp "$root/local/target/pinpipe.jar" "$work_dir/app/pinpipe.jar"
  cp -r "$root/local/target/lib" "$work_dir/app/lib"
  # shellcheck disable=SC2206
  command=(java ${PINPIPE_JAVA_OPTS:-} -jar "$work_dir/app/pinpipe.jar")
  jar_note="a copy of local/target/pinpipe.jar (sha1 $(sha1sum <"$work_dir/app/pinpipe.jar" | cut -c1-12)), run as ./pinpipe runs it"
fi

# What was measured: the commit, and the uncommitted changes of the application's sources, if any.
revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- pom.xml common/src/main verticles/src/main local/src/main 2>/dev/null)" ]; then
  {
    git -C "$root" status --porcelain -- pom.xml common/src/main verticles/src/main local/src/main
    git -C "$root" diff HEAD -- pom.xml common/src/main verticles/src/main local/src/main
  } >"$run_dir/uncommitted.diff"
  revision="$revision + uncommitted changes (diff $(sha1sum <"$run_dir/uncommitted.diff" | cut -c1-8), in uncommitted.diff)"
fi

machine="$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(free -h | awk '/^Mem:/ {print $2}') memory, $(uname -r), $(java -version 2>&1 | head -n 1)"
echo "emulate.sh: $machine; $(uptime)" >&2
echo "emulate.sh: $posts posts per run, modes $modes, $repeat round(s); output in $run_dir" >&2

results="$run_dir/results.tsv"
printf 'round\tmode\tposts\tdelivered\tfailed\tretried\temulation_s\tposts_per_s\tall_s\twall_s\tcpu_s\tother_cores\tbusy_before\tload_before\n' >"$results"

fail() {
  echo "emulate.sh: $*" >&2
  echo "emulate.sh: FAILED; output in $run_dir" >&2
  exit 1
}

for round in $(seq 1 "$repeat"); do
  for mode in "${mode_list[@]}"; do
    name="$mode-$round"
    for port in "$kafka_port" "$((kafka_port + 1))" "$s3_port" "$http_port" "$management_port" "$mysql_port"; do
      port_free "$port" || fail "port $port is already in use on localhost (set BENCH_EMULATE_PORT_SHIFT to move all the ports)"
    done
    echo "emulate.sh: round $round, --mode $mode" >&2
    busy_before="$(await_quiet "$name")"
    load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    top -bn1 | head -n 15 >"$run_dir/$name.top-before.txt" 2>/dev/null || true
    data_dir="$work_dir/data-$name"
    mkdir -p "$data_dir"
    args=(run --posts "$posts" --mode "$mode" --data-dir "$data_dir"
      --kafka-port "$kafka_port" --s3-port "$s3_port" --http-port "$http_port"
      --management-port "$management_port" --mysql-port "$mysql_port" "${run_args[@]}")
    echo "pinpipe ${args[*]}" >"$run_dir/$name.command"

    children_cpu cpu_before
    read -r busy1 all1 < <(machine_ticks)
    t0="$(date +%s.%N)"
    set +e
    "${command[@]}" "${args[@]}" >"$run_dir/$name.out" 2>"$run_dir/$name.err" &
    run_pid=$!
    wait "$run_pid"
    status=$?
    run_pid=""
    set -e
    t1="$(date +%s.%N)"
    read -r busy2 all2 < <(machine_ticks)
    children_cpu cpu_after
    rm -rf "$data_dir"

    summary="$(grep -E '^pinpipe run: [0-9,]+ posts delivered' "$run_dir/$name.out" | tail -n 1 || true)"
    [ "$status" -eq 0 ] || fail "$name: pinpipe run exited with status $status; its last output:
$(tail -n 15 "$run_dir/$name.out")
$(grep -E 'ERROR|WARN|Exception' "$run_dir/$name.err" | tail -n 10)"
    [ -n "$summary" ] || fail "$name: no summary line in $run_dir/$name.out"
    grep -qx 'pinpipe run: done' "$run_dir/$name.out" || fail "$name: the run did not end with 'pinpipe run: done'"
    fields="$(sed -E 's/^pinpipe run: ([0-9,]+) posts delivered, ([0-9,]+) failed, ([0-9,]+) requests retried; emulation ([0-9.]+) s \(([0-9,]+) posts\/s\), all ([0-9.]+) s$/\1 \2 \3 \4 \5 \6/' <<<"$summary" | tr -d ',')"
    read -r delivered failed retried emulation_s posts_per_s all_s <<<"$fields"
    [[ "$all_s" =~ ^[0-9.]+$ ]] || fail "$name: cannot read the summary line: $summary"
    [ "$failed" -eq 0 ] || fail "$name: $failed posts failed: $summary"
    [ "$delivered" -eq "$posts" ] || fail "$name: $delivered posts delivered of $posts: $summary"
    # Each topic: acknowledged == in S3 == posts.
    topics="$(grep -E '^  [^ ]+\.(pin|geo|user) +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+$' "$run_dir/$name.out" || true)"
    [ "$(wc -l <<<"$topics")" -eq 3 ] || fail "$name: expected three topics in the summary, got: $topics"
    while read -r topic acknowledged in_s3 _; do
      acknowledged="${acknowledged//,/}"
      in_s3="${in_s3//,/}"
      [ "$acknowledged" -eq "$posts" ] && [ "$in_s3" -eq "$posts" ] \
        || fail "$name: topic $topic: $acknowledged acknowledged, $in_s3 in S3, expected $posts each"
    done <<<"$topics"

    wall_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
    cpu_s="$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN { printf "%.1f", b - a }')"
    other_cores="$(awk -v busy="$((busy2 - busy1))" -v all="$((all2 - all1))" -v c="$cores" -v tck="$clk_tck" -v cpu="$cpu_s" -v w="$wall_s" \
      'BEGIN { o = (all > 0 ? c * busy / all : 0) - cpu / w; if (o < 0) o = 0; printf "%.2f", o }')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$posts" "$delivered" "$failed" "$retried" \
      "$emulation_s" "$posts_per_s" "$all_s" "$wall_s" "$cpu_s" "$other_cores" "$busy_before" "$load_before" >>"$results"
    echo "emulate.sh:   $summary (process: ${wall_s} s, CPU ${cpu_s} s; others ${other_cores} cores meanwhile)" >&2
  done
done

# The report: every run, then the median of each mode.
{
  echo "### Post emulation${label:+: $label} ($started_utc, at $revision)"
  echo
  echo "Machine: $machine. Each run: \`pinpipe run --posts $posts --mode MODE${run_args[*]:+ ${run_args[*]}}\` with a fresh \`--data-dir\`"
  echo "and loopback ports (Kafka $kafka_port, S3 $s3_port, HTTP $http_port, management $management_port, MariaDB $mysql_port); $jar_note."
  echo "*posts/s* and *emulation s* are the summary's (from the emulator's start to its last answer); *all s* is the summary's"
  echo "(from the start of the command: starting MariaDB, Kafka, S3, seeding, emulating, until S3 holds every record); *process s*"
  echo "and *CPU* are the JVM's and its children's (MariaDB) whole life, JVM start-up included. *Busy before*: cores the machine"
  echo "used over 2 s before the run; *others*: cores used during the run by other processes."
  echo
  echo "| round | mode | posts delivered | failed | retried | emulation s | posts/s | all s | process s | CPU s | busy before | others | load before |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  tail -n +2 "$results" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $13, $12, $14 }'
  if [ "$repeat" -gt 1 ]; then
    echo
    echo "Median of $repeat rounds:"
    echo
    echo "| mode | posts/s | emulation s | all s | CPU s |"
    echo "|---|---:|---:|---:|---:|"
    for mode in "${mode_list[@]}"; do
      median() { awk -F'\t' -v m="$mode" -v col="$1" '$2 == m { print $col }' "$results" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
      printf '| %s | %s | %s | %s | %s |\n' "$mode" "$(median 8)" "$(median 7)" "$(median 9)" "$(median 11)"
    done
  fi
  echo
  echo "Summaries:"
  echo
  echo '```'
  for round in $(seq 1 "$repeat"); do
    for mode in "${mode_list[@]}"; do
      echo "[$mode, round $round]"
      sed -n '/^pinpipe run: [0-9,]* posts delivered/,$p' "$run_dir/$mode-$round.out"
    done
  done
  echo '```'
} >"$run_dir/report.md"

cat "$run_dir/report.md"
echo "emulate.sh: output and report in $run_dir" >&2
