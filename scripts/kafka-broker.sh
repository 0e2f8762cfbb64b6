#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, combined broker+controller) without Docker.
#
# The Kafka jars come from the central Maven repository (see scripts/kafka/pom.xml)
# and are cached under .cache/kafka/lib; the broker runs as a plain `java` process.
#
# Usage:
#   scripts/kafka-broker.sh start [--keep-data]   start (or no-op if already running), wait until ready
#   scripts/kafka-broker.sh stop                  SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT seconds
#   scripts/kafka-broker.sh restart [--fresh]     stop + start --keep-data (or wiped data with --fresh)
#   scripts/kafka-broker.sh status                exit 0 and print the export line if running and ready
#   scripts/kafka-broker.sh wait [SECONDS]        wait until a started broker answers (default 90 s)
#   scripts/kafka-broker.sh env                   print `export KAFKA_BROKERS=...` (no checks)
#   scripts/kafka-broker.sh fetch                 only download the jars into the cache
#   scripts/kafka-broker.sh class MAIN [ARGS...]  run a Kafka class on the cached classpath, e.g.
#        class org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --list
#   scripts/kafka-broker.sh logs                  print the path of the broker's log file
#
# Environment:
#   KAFKA_PORT             PLAINTEXT listener port           (default 19092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener port     (default KAFKA_PORT+1, i.e. 19093)
#   KAFKA_HOST             listen/advertised address          (default 127.0.0.1)
#   KAFKA_VERSION          org.apache.kafka:kafka_2.13 version (default 3.9.2)
#   KAFKA_CACHE_DIR        cache root                         (default <repo>/.cache/kafka)
#   KAFKA_HEAP_OPTS        JVM heap options                   (default "-Xms128m -Xmx512m")
#   KAFKA_JVM_OPTS         extra JVM options                  (default empty)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness      (default 90)
#   KAFKA_STOP_TIMEOUT     seconds before SIGKILL on stop     (default 20)
#   KAFKA_NUM_PARTITIONS   default partitions of new topics   (default 3)
#   KAFKA_LOG_LEVEL        root log4j level                   (default INFO)
#   KAFKA_CLUSTER_ID       cluster id used when formatting    (default random)
#   KAFKA_CDS              1 = use an AppCDS class archive to cut JVM start by ~1-2 s;
#                          the first start records it, later starts use it (default 1)
#   MVN                    maven command                      (default mvn)
#
# State for a given port lives in $KAFKA_CACHE_DIR/data-<port> (log dirs, wiped on
# every start unless --keep-data) and $KAFKA_CACHE_DIR/run-<port> (server.properties,
# log4j.properties, kafka.pid, kafka.log), so brokers on different ports can coexist.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_CACHE_DIR="${KAFKA_CACHE_DIR:-$ROOT_DIR/.cache/kafka}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"
KAFKA_NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-3}"
KAFKA_LOG_LEVEL="${KAFKA_LOG_LEVEL:-INFO}"
KAFKA_CDS="${KAFKA_CDS:-1}"
MVN="${MVN:-mvn}"

LIB_DIR="$KAFKA_CACHE_DIR/lib"
LIB_MARKER="$LIB_DIR/.complete-kafka-$KAFKA_VERSION"
DATA_DIR="$KAFKA_CACHE_DIR/data-$KAFKA_PORT"
RUN_DIR="$KAFKA_CACHE_DIR/run-$KAFKA_PORT"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/kafka.log"
PROPS_FILE="$RUN_DIR/server.properties"
LOG4J_FILE="$RUN_DIR/log4j.properties"
BROKERS="$KAFKA_HOST:$KAFKA_PORT"
# The class archive is only valid for the exact JVM that wrote it: key it by the java binary.
JAVA_KEY="$(java_bin="$(command -v java 2>/dev/null || true)"; [[ -n "$java_bin" ]] &&
  { java_bin="$(readlink -f "$java_bin")"; printf '%s %s' "$java_bin" "$(stat -c %Y "$java_bin")" | cksum | cut -d' ' -f1; } || echo none)"
CDS_ARCHIVE="$KAFKA_CACHE_DIR/kafka-$KAFKA_VERSION-jvm$JAVA_KEY.jsa"
CDS_PENDING="$RUN_DIR/kafka.jsa.pending"

log() { printf '[kafka-broker:%s] %s\n' "$KAFKA_PORT" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { date +%s%3N; }

# --------------------------------------------------------------------------- download

fetch_jars() {
  if [[ -f "$LIB_MARKER" ]]; then
    return 0
  fi
  command -v java >/dev/null || die "java not found (need a JRE 17+)"
  command -v "${MVN%% *}" >/dev/null || die "maven ('$MVN') not found"
  mkdir -p "$KAFKA_CACHE_DIR"
  # Serialise concurrent downloads (e.g. two test workers starting brokers on different ports).
  exec 9>"$KAFKA_CACHE_DIR/.fetch.lock"
  flock 9
  if [[ -f "$LIB_MARKER" ]]; then
    exec 9>&-
    return 0
  fi
  local t0 tmp
  t0=$(now_ms)
  tmp="$KAFKA_CACHE_DIR/lib.tmp.$$"
  rm -rf "$tmp"
  log "downloading Kafka $KAFKA_VERSION jars into $LIB_DIR (one-time)..."
  # shellcheck disable=SC2086
  if ! $MVN -q -B -Dstyle.color=never -f "$SCRIPT_DIR/kafka/pom.xml" \
      -Dkafka.version="$KAFKA_VERSION" -Dkafka.lib.dir="$tmp" \
      dependency:copy-dependencies >"$KAFKA_CACHE_DIR/mvn.log" 2>&1; then
    tail -n 40 "$KAFKA_CACHE_DIR/mvn.log" >&2 || true
    rm -rf "$tmp" "$KAFKA_CACHE_DIR/mvn-target"
    exec 9>&-
    die "maven could not fetch Kafka $KAFKA_VERSION (full log: $KAFKA_CACHE_DIR/mvn.log)"
  fi
  rm -rf "$KAFKA_CACHE_DIR/mvn-target"
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 ||
    { rm -rf "$tmp"; exec 9>&-; die "kafka_2.13-$KAFKA_VERSION.jar missing after download"; }
  touch "$tmp/.complete-kafka-$KAFKA_VERSION"
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  exec 9>&-
  log "downloaded $(find "$LIB_DIR" -name '*.jar' | wc -l) jars in $(( ($(now_ms) - t0) / 1000 ))s"
}

classpath() { printf '%s/*' "$LIB_DIR"; }

run_class() {
  local main="$1"; shift
  local cds_opts=""
  if [[ "$KAFKA_CDS" == "1" && -s "$CDS_ARCHIVE" ]]; then
    cds_opts="-XX:SharedArchiveFile=$CDS_ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
  # shellcheck disable=SC2086
  java -Xmx256m $cds_opts $KAFKA_JVM_OPTS -Dlog4j.configuration="file:$RUN_DIR/tools-log4j.properties" \
    -cp "$(classpath)" "$main" "$@"
}

write_tools_log4j() {
  mkdir -p "$RUN_DIR"
  cat >"$RUN_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
EOF
}

# --------------------------------------------------------------------------- process helpers

# Prints the pid if the pid file points at *our* live broker (guards against pid reuse).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *kafka.Kafka*"$PROPS_FILE"* ]] || return 1
  printf '%s\n' "$pid"
}

# kill -0 that treats zombies (exited but not yet reaped) as dead.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" ]]
}

port_open() {
  (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null
}

# Sends a Kafka Metadata v0 request over bash's /dev/tcp and succeeds if the reply
# lists at least one broker (i.e. the broker is registered, unfenced and serving).
metadata_ok() {
  local hex
  # shellcheck disable=SC2016  # the inner script gets host/port as $1/$2
  hex="$(
    timeout 5 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      # size=14 | api_key=3 (Metadata) | api_version=0 | correlation_id=7 | client_id=null | topics=[] (all)
      printf "\x00\x00\x00\x0e\x00\x03\x00\x00\x00\x00\x00\x07\xff\xff\x00\x00\x00\x00" >&3
      head -c 12 <&3 | od -An -v -tx1 | tr -d " \n"
    ' _ "$KAFKA_HOST" "$KAFKA_PORT" 2>/dev/null
  )" || return 1
  # 4 bytes size, 4 bytes correlation id (=7), 4 bytes broker count (>0)
  [[ ${#hex} -eq 24 && "${hex:8:8}" == "00000007" && "${hex:16:8}" != "00000000" ]]
}

# True if the broker log has "Kafka Server started" at or after line $1 (0 = don't check).
# (awk reads the whole file: `tail | grep -q` would trip pipefail with SIGPIPE.)
log_has_started() {
  (( $1 == 0 )) && return 0
  awk -v from="$1" 'NR >= from && /Kafka Server started/ { found = 1 } END { exit !found }' \
    "$LOG_FILE" 2>/dev/null
}

# Waits until the broker started by us is ready. $1 = timeout seconds, $2 = log line to start
# scanning from (so a restart does not match an old "started" line; 0 = only probe the port).
wait_ready() {
  local timeout="$1" from_line="${2:-0}" deadline pid
  deadline=$(( $(date +%s) + timeout ))
  while :; do
    if ! pid="$(running_pid)"; then
      log "broker process is not running; last log lines:"
      tail -n 40 "$LOG_FILE" >&2 2>/dev/null || true
      return 1
    fi
    if log_has_started "$from_line" && port_open "$KAFKA_PORT" && metadata_ok; then
      return 0
    fi
    if (( $(date +%s) >= deadline )); then
      log "broker (pid $pid) not ready after ${timeout}s; last log lines:"
      tail -n 40 "$LOG_FILE" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

print_env() { printf 'export KAFKA_BROKERS=%s\n' "$BROKERS"; }

# --------------------------------------------------------------------------- config

write_config() {
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  cat >"$PROPS_FILE" <<EOF
# Generated by scripts/kafka-broker.sh -- single-node KRaft (broker + controller), dev/test only.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR/logs
metadata.log.dir=$DATA_DIR/metadata
num.partitions=$KAFKA_NUM_PARTITIONS
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
# Shorter than the 9 s default so that a restart after a crash / SIGKILL does not spend
# ~10 s in DUPLICATE_BROKER_REGISTRATION waiting for the old broker session to expire.
broker.session.timeout.ms=5000
broker.heartbeat.interval.ms=1000
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=67108864
delete.topic.enable=true
EOF
  cat >"$LOG4J_FILE" <<EOF
log4j.rootLogger=$KAFKA_LOG_LEVEL, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel\$=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
}

# A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (the format of
# `kafka.tools.StorageTool random-uuid`, without paying for a JVM start). Like Kafka's
# Uuid.randomUuid(), avoid ids starting with '-' (they look like CLI flags).
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" =~ ^[A-Za-z0-9_][A-Za-z0-9_-]{21}$ ]] && { printf '%s\n' "$id"; return 0; }
  done
}

format_storage() {
  local cluster_id
  cluster_id="${KAFKA_CLUSTER_ID:-$(random_cluster_id)}"
  log "formatting storage (cluster id $cluster_id)"
  run_class kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS_FILE" >>"$LOG_FILE" 2>&1 ||
    { tail -n 20 "$LOG_FILE" >&2; die "storage format failed"; }
}

# --------------------------------------------------------------------------- commands

cmd_start() {
  local keep_data=0
  while (( $# )); do
    case "$1" in
      --keep-data) keep_data=1 ;;
      *) die "unknown option for start: $1" ;;
    esac
    shift
  done

  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    wait_ready "$KAFKA_START_TIMEOUT" 0 || die "running broker did not become ready"
    print_env
    return 0
  fi
  rm -f "$PID_FILE"

  fetch_jars
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$p" && die "port $p on $KAFKA_HOST is already in use by another process"
  done

  local t0
  t0=$(now_ms)
  mkdir -p "$RUN_DIR"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
  : >"$LOG_FILE"
  write_tools_log4j
  write_config

  if (( keep_data )) && [[ -f "$DATA_DIR/metadata/meta.properties" ]]; then
    log "keeping data in $DATA_DIR"
  else
    (( keep_data )) && log "--keep-data given but no formatted data in $DATA_DIR; starting fresh"
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    format_storage
  fi

  # Class-data sharing: reuse the archive if there is one, else record one at exit
  # (moved into place by cmd_stop). A stale/mismatched archive is ignored by the JVM.
  local cds_opts=""
  rm -f "$CDS_PENDING"
  if [[ "$KAFKA_CDS" == "1" ]]; then
    if [[ -s "$CDS_ARCHIVE" ]]; then
      cds_opts="-XX:SharedArchiveFile=$CDS_ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"
    else
      cds_opts="-XX:ArchiveClassesAtExit=$CDS_PENDING -Xlog:cds=off -Xlog:cds+dynamic=off"
    fi
  fi

  local from_line
  from_line=$(( $(wc -l <"$LOG_FILE") + 1 ))
  # Detach: own session (setsid) so the broker survives the caller's process group, std fds
  # redirected and every other inherited fd (our locks, a test runner's pipes) closed, so
  # callers that capture output (execSync, $(...)) never wait on the broker. setsid does not
  # fork here (we are not a group leader), so $! is the JVM's pid once it has exec'd.
  (
    for fd_path in /proc/"$BASHPID"/fd/*; do
      fd="${fd_path##*/}"
      if [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )); then eval "exec $fd>&-"; fi
    done
    # shellcheck disable=SC2086
    exec setsid java -server $KAFKA_HEAP_OPTS $cds_opts $KAFKA_JVM_OPTS \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$LOG4J_FILE" -Dkafka.logs.dir="$RUN_DIR" \
      -cp "$(classpath)" kafka.Kafka "$PROPS_FILE" \
      </dev/null >>"$LOG_FILE" 2>&1
  ) &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started java pid $pid (log: $LOG_FILE)"

  # setsid/java may not have exec'd yet; wait until the pid really is our JVM.
  for _ in $(seq 1 50); do
    running_pid >/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! wait_ready "$KAFKA_START_TIMEOUT" "$from_line"; then
    cmd_stop >/dev/null 2>&1 || true
    die "broker failed to start"
  fi
  local ms=$(( $(now_ms) - t0 ))
  log "ready on $BROKERS in $((ms / 1000)).$(( (ms % 1000) / 100 ))s (pid $pid)"
  print_env
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  local killed=0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(date +%s) + KAFKA_STOP_TIMEOUT ))
  while alive "$pid"; do
    if (( $(date +%s) >= deadline )); then
      log "still alive after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      killed=1
      # give the kernel a moment to reap/release ports
      for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
      break
    fi
    sleep 0.2
  done
  # wait for the listener ports to be released so an immediate restart can bind them
  for _ in $(seq 1 50); do
    port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT" || break
    sleep 0.1
  done
  rm -f "$PID_FILE"
  # Publish a class archive recorded by this run (only complete ones: the JVM writes it
  # on a normal exit; after SIGKILL there is none or a partial one, which we drop).
  if [[ -s "$CDS_PENDING" && ! -s "$CDS_ARCHIVE" ]] && ! alive "$pid" && (( ! killed )); then
    if mv -f "$CDS_PENDING" "$CDS_ARCHIVE.tmp.$$"; then
      mv -f "$CDS_ARCHIVE.tmp.$$" "$CDS_ARCHIVE" || rm -f "$CDS_ARCHIVE.tmp.$$"
    fi
  fi
  rm -f "$CDS_PENDING"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)" && port_open "$KAFKA_PORT" && metadata_ok; then
    log "running (pid $pid) on $BROKERS"
    print_env
    return 0
  fi
  if pid="$(running_pid)"; then
    log "process $pid alive but not ready"
    return 2
  fi
  log "not running"
  return 1
}

cmd_wait() {
  local timeout="${1:-$KAFKA_START_TIMEOUT}"
  running_pid >/dev/null || die "not running (start it with: $0 start)"
  wait_ready "$timeout" 0 || die "not ready after ${timeout}s"
  print_env
}

main() {
  local cmd="${1:-}"
  (( $# )) && shift
  case "$cmd" in
    start | stop | restart)
      # One state-changing command per port at a time (e.g. parallel test workers).
      mkdir -p "$RUN_DIR"
      exec 8>"$RUN_DIR/.lock"
      flock -w 300 8 || die "timed out waiting for another $0 on port $KAFKA_PORT"
      ;;
  esac
  case "$cmd" in
    start) cmd_start "$@" ;;
    stop) cmd_stop ;;
    restart)
      local opt="--keep-data"
      [[ "${1:-}" == "--fresh" ]] && opt=""
      cmd_stop
      # shellcheck disable=SC2086
      cmd_start $opt
      ;;
    status) cmd_status ;;
    wait) cmd_wait "$@" ;;
    env) print_env ;;
    fetch) fetch_jars; log "jars in $LIB_DIR" ;;
    class)
      (( $# )) || die "usage: $0 class MAIN_CLASS [ARGS...]"
      fetch_jars
      write_tools_log4j
      run_class "$@"
      ;;
    logs) printf '%s\n' "$LOG_FILE" ;;
    -h | --help | help | "")
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      [[ -n "$cmd" ]]
      ;;
    *) die "unknown command '$cmd' (try --help)" ;;
  esac
}

main "$@"
