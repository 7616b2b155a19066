#!/usr/bin/env bash
# libs/messaging against the real PostgreSQL and RabbitMQ (bench/messaging, one JVM per phase, fresh database):
#   0. publish: the library's confirmed publisher alone, no database -> what the broker takes on this machine
#   1. fill + relay: N messages appended with the relay off, then published by one relay with confirms and
#      mandatory routing -> persistent confirmed messages/s
#   2. drain: the queue that left consumed by 1, then 2 competing idempotent consumers -> backlog drain rate
#   3. latency: a fixed rate of one-message transactions with relay and C consumers running -> commit-to-consumer
#      latency and relay lag, p50/p90/p99/max
#
#   bench/messaging.sh [--messages N (100000)] [--rates "250 500 1000"] [--consumers C (2)] [--duration S (30)] [--warmup S (15)]
#                      [--no-build (use the jar built last time)]
#
# MERCATO_PG_* and MERCATO_RABBIT_* select the servers (defaults: localhost, vhost "/"). Result lines are printed
# and kept in bench/target/messaging-summary.txt; each phase's log is in bench/target/messaging-<phase>.log.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/lib/ui.sh
source "$root/scripts/lib/ui.sh"
# shellcheck source=../scripts/lib/jdk.sh
source "$root/scripts/lib/jdk.sh"

messages=100000 rates="250 500 1000" consumers=2 duration=30 warmup=15 build=true
while (($#)); do
  case $1 in
    --messages) messages=$2; shift 2 ;;
    --rates) rates=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --consumers) consumers=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "messaging.sh: unknown argument $1 (see --help)" ;;
  esac
done
command -v psql >/dev/null || die "messaging.sh needs psql (Debian: postgresql-client)."
use_jdk

out="$root/bench/target"
summary="$out/messaging-summary.txt"
mkdir -p "$out"
: >"$summary"
export BENCH_DB=mercato_bench_messaging
pg() {
  PGPASSWORD=${MERCATO_PG_PASSWORD:-} psql -q -v ON_ERROR_STOP=1 -h "${MERCATO_PG_HOST:-localhost}" \
    -p "${MERCATO_PG_PORT:-5432}" -U "${MERCATO_PG_USER:-postgres}" -d postgres -c "$1"
}
fresh_database() {
  pg "drop database if exists $BENCH_DB with (force)"
  pg "create database $BENCH_DB"
}

if $build; then
  echo "messaging bench: building libs/messaging and bench/messaging"
  (cd "$root" && mvn -q -B -ntp -pl libs/messaging -am install -DskipTests -Dspotless.apply.skip=true &&
    mvn -q -B -ntp -f bench/messaging/pom.xml package -DskipTests -Dspotless.apply.skip=true) >"$out/messaging-build.log" 2>&1 ||
    die "Build failed; see bench/target/messaging-build.log"
fi

# phase name, then extra properties
phase() {
  local name=$1 log="$out/messaging-$1.log"
  shift
  "$JAVA_HOME/bin/java" -Xmx1g -jar "$root/bench/messaging/target/messaging-bench.jar" \
    --bench.phase="$name" --bench.messages="$messages" "$@" >"$log" 2>&1 ||
    die "Phase $name failed; see ${log#"$root"/}"
  { grep '^RESULT ' "$log" || true; } | sed 's/^RESULT //' | tee -a "$summary"
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  host: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  echo "postgres: $(psql -h "${MERCATO_PG_HOST:-localhost}" -U "${MERCATO_PG_USER:-postgres}" -d postgres -Atc 'show server_version')" \
    " rabbitmq: $(rabbitmqctl version 2>/dev/null || echo unknown)"
} | tee -a "$summary"

fresh_database
phase cleanup >/dev/null
phase publish
for drainers in 1 2; do
  fresh_database
  phase cleanup >/dev/null
  phase fill --mercato.messaging.outbox.relay-enabled=false
  phase relay
  phase drain --bench.consumers="$drainers" --mercato.messaging.outbox.relay-enabled=false
done
for rate in $rates; do
  fresh_database
  phase cleanup >/dev/null
  phase latency --bench.rate="$rate" --bench.consumers="$consumers" --bench.duration="${duration}s" --bench.warmup="${warmup}s"
done
phase cleanup >/dev/null
pg "drop database if exists $BENCH_DB with (force)"
echo "summary: ${summary#"$root"/}"
