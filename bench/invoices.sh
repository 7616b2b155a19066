#!/usr/bin/env bash
# The documents service's bulk invoice job against the real PostgreSQL and RabbitMQ, its own database and queues:
#   seed:      N orders published as order.created + order.confirmed v1 to mercato.events (not through checkout);
#              the service copies them and renders each invoice once on confirmation -> events/s
#   1 worker:  a bulk job over the N orders (chunks of 500 through the headers exchange), one worker process
#              -> time from POST to COMPLETED, invoices/s
#   2 workers: the same job again with a second worker process competing for the chunks
#   kill:      the same job again; at half of it both workers are killed -9, one is started again and finishes it
#              -> every invoice rendered exactly once per job (render_count == 4 for all N), one file each
# The API process runs with the worker off (DOCUMENTS_WORKER_ENABLED=false); the workers are the same jar.
#
#   bench/invoices.sh [--orders N (30000)] [--no-build (use the jar built last time)] [--no-kill]
#
# MERCATO_PG_* and MERCATO_RABBIT_* select the servers (defaults: localhost, vhost "/"). Result lines are printed
# and kept in bench/target/invoices-summary.txt; the processes' logs are in bench/target/invoices-*.log.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/lib/ui.sh
source "$root/scripts/lib/ui.sh"
# shellcheck source=../scripts/lib/jdk.sh
source "$root/scripts/lib/jdk.sh"

orders=30000 build=true kill=true
while (($#)); do
  case $1 in
    --orders) orders=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    --no-kill) kill=false; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "invoices.sh: unknown argument $1 (see --help)" ;;
  esac
done
command -v psql >/dev/null || die "invoices.sh needs psql (Debian: postgresql-client)."
command -v curl >/dev/null || die "invoices.sh needs curl."
use_jdk

out="$root/bench/target"
summary="$out/invoices-summary.txt"
files="$out/invoices-files"
mkdir -p "$out"
: >"$summary"
db=mercato_bench_documents
run=$(date +%s)
day=2030-01-01
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # this run's queues on the shared broker (best effort: needs a local rabbitmqctl)
  if command -v rabbitmqctl >/dev/null; then
    rabbitmqctl list_queues -q -p "${MERCATO_RABBIT_VHOST:-/}" name 2>/dev/null | grep "^bench\.documents\..*\.$run" |
      while read -r queue; do rabbitmqctl delete_queue -q -p "${MERCATO_RABBIT_VHOST:-/}" "$queue" >/dev/null 2>&1 || true; done
  fi
}
trap cleanup EXIT

pg() {
  PGPASSWORD=${MERCATO_PG_PASSWORD:-} psql -q -At -v ON_ERROR_STOP=1 -h "${MERCATO_PG_HOST:-localhost}" \
    -p "${MERCATO_PG_PORT:-5432}" -U "${MERCATO_PG_USER:-postgres}" -d "${2:-$db}" -c "$1"
}
now_ms() { date +%s%3N; }

jar="$root/services/documents/target/documents.jar"
if $build; then
  echo "invoices bench: building services/documents (and the helper's classpath)"
  (cd "$root" && mvn -q -B -ntp -o -pl services/documents -am package dependency:build-classpath -DskipTests \
    -Dspotless.apply.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$out/invoices.classpath") \
    >"$out/invoices-build.log" 2>&1 || die "Build failed; see bench/target/invoices-build.log"
fi
[[ -f $jar && -f $out/invoices.classpath ]] || die "No $jar or helper classpath: run without --no-build."
helper_cp="$root/libs/test-support/target/classes:$(cat "$out/invoices.classpath")"
helper() { "$JAVA_HOME/bin/java" -cp "$helper_cp" "$root/bench/invoices/InvoicesBench.java" "$@"; }

pg "drop database if exists $db with (force)" postgres
pg "create database $db" postgres
rm -rf "$files" && mkdir -p "$files"

"$JAVA_HOME/bin/java" -cp "$helper_cp" "$root/bench/invoices/InvoicesBench.java" identity "$out/invoices-identity.txt" \
  >"$out/invoices-identity.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [[ -s $out/invoices-identity.txt ]] && break; sleep 0.5; done
[[ -s $out/invoices-identity.txt ]] || die "The JWKS stand-in did not start; see bench/target/invoices-identity.log"
read -r identity_url admin_token <"$out/invoices-identity.txt"

# name port worker(true|false)
declare -A process
start() {
  local name=$1 port=$2 worker=$3
  DOCUMENTS_PORT=$port DOCUMENTS_DB_NAME=$db DOCUMENTS_DIR=$files DOCUMENTS_WORKER_ENABLED=$worker \
    DOCUMENTS_EVENTS_QUEUE=bench.documents.events.$run DOCUMENTS_CHUNKS_QUEUE=bench.documents.invoice-chunks.$run \
    DOCUMENTS_REPORTS_QUEUE=bench.documents.reports.$run MERCATO_LOG_FORMAT=text \
    "$JAVA_HOME/bin/java" -Xmx256m -jar "$jar" --eureka.client.enabled=false \
    "--spring.cloud.discovery.client.simple.instances.identity[0].uri=$identity_url" \
    >"$out/invoices-$name.log" 2>&1 &
  process[$name]=$!
  pids+=($!)
}
await_ready() {
  local port=$1
  for _ in $(seq 1 240); do
    curl -fs "http://localhost:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "documents on :$port not ready; see bench/target/invoices-*.log"
}
job_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p"; }
# starts a job over the seeded day; prints its id
start_job() {
  curl -fs -X POST "http://localhost:18091/v1/admin/documents/invoices" -H "Authorization: Bearer $admin_token" \
    -H 'Content-Type: application/json' -d "{\"from\":\"$day\",\"to\":\"$day\"}" | job_field jobId
}
job() { curl -fs "http://localhost:18091/v1/admin/documents/jobs/$1" -H "Authorization: Bearer $admin_token"; }
# waits for the job to leave RUNNING, prints its progress every 5 s; echoes the milliseconds it took
await_job() {
  local id=$1 began=$2 body state
  while :; do
    body=$(job "$id")
    state=$(job_field state <<<"$body")
    [[ $state != RUNNING ]] && break
    (($(now_ms) - began < 900000)) || die "job $id still RUNNING after 15 minutes: $body"
    sleep 0.2
  done
  [[ $state == COMPLETED ]] || die "job $id ended $state: $body"
  echo $(($(now_ms) - began))
}
result() { echo "$*" | tee -a "$summary"; }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  host: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  echo "orders: $orders  chunk size: ${DOCUMENTS_CHUNK_SIZE:-500}  batch: ${DOCUMENTS_BATCH_SIZE:-100}"
} | tee -a "$summary"

start api 18091 false
await_ready 18091

began=$(now_ms)
helper seed "$orders" "${day}T00:00:00Z" >"$out/invoices-seed.log" 2>&1 || die "Seeding failed; see bench/target/invoices-seed.log"
published=$(($(now_ms) - began))
for ((waited = 0; $(pg "select count(*) from invoice where render_count = 1") < orders; waited++)); do
  ((waited < 900)) || die "The seeded orders were not all invoiced within 15 minutes; see bench/target/invoices-api.log"
  sleep 1
done
seeded=$(($(now_ms) - began))
result "seed: $((orders * 2)) events published in $((published / 1000)).$((published % 1000 / 100)) s;" \
  "$orders invoices rendered on order.confirmed after $((seeded / 1000)).$((seeded % 1000 / 100)) s" \
  "($((orders * 1000 / seeded)) orders/s through the event consumer)"

start worker-a 18092 true
await_ready 18092
for workers in 1 2; do
  if ((workers == 2)); then
    start worker-b 18093 true
    await_ready 18093
  fi
  began=$(now_ms)
  id=$(start_job)
  took=$(await_job "$id" "$began")
  result "$workers worker(s): $orders invoices in $((took / 1000)).$((took % 1000 / 100)) s," \
    "$((orders * 1000 / took)) invoices/s (job $id)"
done

if $kill; then
  began=$(now_ms)
  id=$(start_job)
  while (($(job "$id" | job_field done) < orders / 2)); do sleep 0.2; done
  at=$(job "$id" | job_field done)
  kill -9 "${process[worker-a]}" "${process[worker-b]}"
  wait "${process[worker-a]}" "${process[worker-b]}" 2>/dev/null || true
  start worker-a2 18092 true
  await_ready 18092
  took=$(await_job "$id" "$began")
  wrong=$(pg "select count(*) from invoice where render_count <> 4")
  files_count=$(find "$files/invoices" -name '*.pdf' | wc -l)
  partials=$(find "$files/invoices" -name '*.part' | wc -l)
  result "kill: both workers killed -9 at $at of $orders done, one restarted; completed in" \
    "$((took / 1000)).$((took % 1000 / 100)) s; invoices not rendered exactly 4 times (confirm + 3 jobs): $wrong;" \
    "PDF files: $files_count; partial files left: $partials"
  ((wrong == 0)) || die "some invoices were rendered more or less than once per job"
fi
