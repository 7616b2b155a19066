#!/usr/bin/env bash
# The checkout path under load (issue 5): Gatling's CheckoutSimulation through the gateway at fixed arrival rates of
# orders (open model). Each virtual user is one order: add one unit of a product to the cart, POST /v1/checkout
# (fresh Idempotency-Key, tok_ok), then GET /v1/orders/{id} every --poll-ms until CONFIRMED or CANCELLED (10 s cap:
# timed out), as a client polls: with the last ETag in If-None-Match, so an unchanged order answers 304. Before each run, outside the measurement: --products products of the catalog's first page get
# 1,000,000 units of stock (as the admin), and a pool of shoppers is registered and logged in straight at identity
# (cached in bench/target/checkout-shoppers.tsv, so later runs only refresh their tokens). First of all, --prime
# seconds of checkouts at the first rate whose numbers are thrown away: a freshly started platform compiles its hot
# paths and fills its pools and caches under that load, which made the first measured rate of a run look like a
# collapse (docs/benchmarks.md, 2026-11-22 later). The per-rate --warmup is too short for that.
#
#   bench/checkout.sh [--rates "50 100 200"] [--duration S (60)] [--warmup S (30)] [--prime S (60; 0: none)]
#                     [--shoppers N (rate x 6, >= 100)] [--poll-ms MS (250)] [--products K (20)]
#                     [--follow poll|stream (poll)]
#                     [--no-build (use the classes compiled last time)]
#
# Per rate, one line:
#   completed      CONFIRMED orders seen by the measured users / their window (first start to last terminal read)
#   checkout       response time of POST /v1/checkout (202), as Gatling measured it
#   follow         how clients learn the outcome: poll (status reads as above) or stream (--follow stream: each order
#                  opens its shopper's real-time stream, GET /v1/stream?topics=orders, before checking out, and waits
#                  for its CONFIRMED/CANCELLED event; no status reads)
#   saga(client)   202 received -> first poll that read CONFIRMED/CANCELLED (resolution: the poll interval), or the
#                  event's arrival on the stream
#   saga(server)   from the ordering database, measured orders only: orders.created_at -> saga.completed_at of the
#                  CONFIRMED ones; server-completed = CONFIRMED / (last completion - first creation)
#   ko             orders that did not finish: refused with Retry-After (checkout or cart add answered 503/429 with
#                  Retry-After: the platform shedding load past its capacity, counted apart and not a failed
#                  request), timed out, checkout failed (not 202), cart not exactly one unit, no idle shopper;
#                  "failed requests" are Gatling's KO requests (polls included; a 503 without Retry-After is one)
# The lines are printed and kept in bench/target/checkout-summary.txt (JSON per rate: checkout-<rate>.json);
# logs in bench/target/checkout-<rate>.log; Gatling reports under bench/target/gatling/.
#
# Needs a running platform (./mercato up). GATEWAY_PORT (8080) and IDENTITY_PORT (8082) select the ports; the admin
# password comes from MERCATO_ADMIN_PASSWORD or .mercato/admin-password. The server-side numbers need psql:
# MERCATO_PG_HOST/PORT/USER/PASSWORD and ORDERING_DB_NAME (mercato_ordering).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/lib/ui.sh
source "$root/scripts/lib/ui.sh"
# shellcheck source=../scripts/lib/jdk.sh
source "$root/scripts/lib/jdk.sh"

rates="50 100 200" duration=60 warmup=30 prime=60 shoppers=0 poll_ms=250 products=20 build=true follow=poll
while (($#)); do
  case $1 in
    --rates) rates=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --prime) prime=$2; shift 2 ;;
    --shoppers) shoppers=$2; shift 2 ;;
    --poll-ms) poll_ms=$2; shift 2 ;;
    --follow) follow=$2; shift 2 ;;
    --products) products=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "checkout.sh: unknown argument $1 (see --help)" ;;
  esac
done
for n in $rates "$duration" "$warmup" "$prime" "$shoppers" "$poll_ms" "$products"; do
  [[ $n =~ ^[0-9]+$ ]] || die "checkout.sh: '$n' is not a whole number"
done
[[ -n ${rates// /} ]] || die "checkout.sh: --rates is empty"
[[ $follow == poll || $follow == stream ]] || die "checkout.sh: --follow is poll or stream, not '$follow'"
((duration > 0 && poll_ms > 0 && products > 0)) || die "checkout.sh: --duration, --poll-ms and --products must be above 0"
use_jdk

gateway="http://localhost:${GATEWAY_PORT:-8080}"
identity="http://localhost:${IDENTITY_PORT:-8082}"
out="$root/bench/target"
summary="$out/checkout-summary.txt"
mkdir -p "$out/gatling"

# -------------------------------------------------------------------------------------------------------------------
# Server-side saga completion of the measured orders (ids loaded into bench_orders by the caller). Adjust here if the
# ordering schema changes (services/ordering/src/main/resources/db/migration): an order's creation is
# orders.created_at, its completion saga.completed_at (set when the saga is DONE), else orders.updated_at.
SERVER_SQL="
with o as (
  select o.status, o.cancellation_reason, o.created_at, coalesce(s.completed_at, o.updated_at) as finished_at
  from orders o join bench_orders b on b.id = o.id left join saga s on s.order_id = o.id
), c as (
  select (extract(epoch from finished_at - created_at) * 1000)::numeric as ms from o where status = 'CONFIRMED'
)
select (select count(*) from o) as orders,
       (select count(*) from o where status = 'CONFIRMED') as confirmed,
       (select count(*) from o where status = 'CANCELLED') as cancelled,
       (select count(*) from o where status = 'PENDING') as pending,
       (select round(count(*) / nullif(extract(epoch from max(finished_at) - min(created_at)), 0)::numeric, 1)
          from o where status = 'CONFIRMED') as confirmed_per_s,
       (select round(percentile_disc(0.50) within group (order by ms), 1) from c) as p50_ms,
       (select round(percentile_disc(0.95) within group (order by ms), 1) from c) as p95_ms,
       (select round(percentile_disc(0.99) within group (order by ms), 1) from c) as p99_ms,
       (select round(max(ms), 1) from c) as max_ms,
       (select string_agg(reason || ':' || n, ' ' order by n desc)
          from (select coalesce(cancellation_reason, '?') as reason, count(*) as n from o
                where status = 'CANCELLED' group by 1) r) as cancel_reasons;
"
# -------------------------------------------------------------------------------------------------------------------

# ids file, csv out; fails quietly (the client-side numbers stand on their own)
server_stats() {
  local ids=$1 csv=$2
  rm -f "$csv"
  if ! command -v psql >/dev/null; then
    warn "psql not found (Debian: postgresql-client): no server-side numbers"
    return 0
  fi
  [[ -s $ids ]] || return 0
  PGPASSWORD=${MERCATO_PG_PASSWORD:-} psql -q -X -v ON_ERROR_STOP=1 --csv -h "${MERCATO_PG_HOST:-localhost}" \
    -p "${MERCATO_PG_PORT:-5432}" -U "${MERCATO_PG_USER:-postgres}" -d "${ORDERING_DB_NAME:-mercato_ordering}" \
    >"$csv" 2>"$csv.err" <<EOF || { warn "server-side query failed: $(head -c 300 "$csv.err")"; rm -f "$csv"; }
create temp table bench_orders (id uuid primary key);
\copy bench_orders from '$ids'
$SERVER_SQL
EOF
}

status_of() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true
}

[[ $(status_of "$gateway/readyz") == 200 ]] || die "The gateway is not ready at $gateway (GET /readyz); run ./mercato up first."
[[ $(status_of "$identity/readyz") == 200 ]] || die "identity is not ready at $identity (GET /readyz); run ./mercato up first."
if [[ -z ${MERCATO_ADMIN_PASSWORD:-} ]]; then
  [[ -s $root/.mercato/admin-password ]] ||
    die "No admin password: set MERCATO_ADMIN_PASSWORD or run ./mercato up (it writes .mercato/admin-password)."
  MERCATO_ADMIN_PASSWORD=$(<"$root/.mercato/admin-password")
  export MERCATO_ADMIN_PASSWORD
fi

mvn=mvn
[[ -x $root/mvnw ]] && mvn="$root/mvnw"
# Offline when everything is in the local repository already; otherwise Maven fetches Gatling once.
offline=-o
if $build; then
  echo "checkout bench: compiling bench/"
  (cd "$root/bench" && "$mvn" -B -ntp -q $offline test-compile) >"$out/checkout-build.log" 2>&1 ||
    { offline='' && (cd "$root/bench" && "$mvn" -B -ntp -q test-compile) >"$out/checkout-build.log" 2>&1; } ||
    die "Build failed; see bench/target/checkout-build.log"
fi
plugin_version=$(sed -n 's:.*<gatling-maven-plugin.version>\(.*\)</gatling-maven-plugin.version>.*:\1:p' "$root/bench/pom.xml")
[[ -d $HOME/.m2/repository/io/gatling/gatling-maven-plugin/$plugin_version ]] || offline=''

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  host: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  echo "primed ${prime}s, warm-up ${warmup}s, measured ${duration}s per rate, follow: $follow (poll every ${poll_ms}ms), ${products} products"
} | tee "$summary"

# rate, measured seconds, warm-up seconds, client result file, order ids file, log
simulate() {
  # shellcheck disable=SC2086 # $offline is one flag or nothing
  (cd "$root/bench" && "$mvn" -B -ntp $offline gatling:test \
    -Dgatling.simulation=dev.mercato.bench.CheckoutSimulation \
    -DbaseUrl="$gateway" -DidentityUrl="$identity" -Drate="$1" -Dduration="$2" -Dwarmup="$3" \
    -Dshoppers="$shoppers" -DpollMs="$poll_ms" -Dfollow="$follow" -Dproducts="$products" \
    -DshopperCache="$out/checkout-shoppers.tsv" -DresultFile="$4" -DorderIdsFile="$5" \
    -DadminPasswordFile="$root/.mercato/admin-password") >"$6" 2>&1
}

first_rate=${rates%% *}
if ((prime > 0 && first_rate > 0)); then
  echo "checkout bench: priming at $first_rate orders/s for ${prime}s, not measured (log: bench/target/checkout-prime.log)"
  simulate "$first_rate" "$prime" 0 "$out/checkout-prime-client.json" "$out/checkout-prime-orders.txt" \
    "$out/checkout-prime.log" || warn "the priming run failed (see bench/target/checkout-prime.log); measuring anyway"
fi

failed=0
for rate in $rates; do
  ((rate > 0)) || { warn "skipping rate 0"; continue; }
  log="$out/checkout-$rate.log" client="$out/checkout-$rate-client.json" ids="$out/checkout-$rate-orders.txt"
  rm -f "$client" "$ids"
  before=$(ls "$out/gatling")
  echo "checkout bench: $rate orders/s, ${warmup}s warm-up + ${duration}s measured (log: ${log#"$root"/})"
  status=0
  simulate "$rate" "$duration" "$warmup" "$client" "$ids" "$log" || status=$?

  report=$(comm -13 <(echo "$before") <(ls "$out/gatling") | tail -n 1)
  if [[ ! -s $client ]]; then
    fail "the $rate orders/s run produced no result; last lines of ${log#"$root"/}:"
    tail -n 30 "$log" >&2
    failed=1
    continue
  fi
  server_stats "$ids" "$out/checkout-$rate-server.csv"
  report_dir=-
  [[ -z $report ]] || report_dir="$out/gatling/$report"
  python3 -B "$root/bench/summarize.py" checkout "$client" "$out/checkout-$rate-server.csv" "$report_dir" \
    "$out/checkout-$rate.json" | tee -a "$summary"
  [[ -z $report ]] || echo "      report: bench/target/gatling/$report/index.html"
  if ((status != 0)); then
    warn "Gatling failed or the sanity gate (failed requests < 1%) did not hold at $rate orders/s; see ${log#"$root"/}"
    failed=1
  fi
done
echo "summary: ${summary#"$root"/}"
exit "$failed"
