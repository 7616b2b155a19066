#!/usr/bin/env bash
# What one realtime instance holds (issue 15): SSE connections straight at realtime (REALTIME_PORT), held open by
# crowd processes (bench/realtime/StreamCrowd.java) from several loopback source addresses, then price changes of one
# product that part of the crowd subscribes to.
#   connections   how many were opened, how many failed; realtime's connection gauge
#   memory        realtime's RSS and live heap (after a full GC) before and with the crowd: per connection
#   fan-out       per price change, catalog's commit (the event's `at`) -> arrival at each subscriber: p50/p99/max over
#                 all deliveries, and the time until the last subscriber had it (p50/p99 over the changes)
#
#   bench/realtime.sh [--connections N (10000)] [--subscribers N (5000)] [--changes N (20)] [--every S (2)]
#                     [--crowds N (2)] [--sources N (4)]
#
# Needs a running platform (./mercato up) and its admin password (MERCATO_ADMIN_PASSWORD or .mercato/admin-password).
# One process may hold at most `ulimit -Hn` files (20,000 on the reference box, and not raisable there): realtime's
# own ~400 files count against its connections, each crowd process holds connections/crowds. Raw lines are kept in
# bench/target/realtime-summary.txt, deliveries in bench/target/realtime-deliveries-<n>.txt.
set -euo pipefail

MERCATO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export MERCATO_ROOT
# shellcheck source=../scripts/lib/config.sh
source "$MERCATO_ROOT/scripts/lib/config.sh"
for library in ui jdk process services admin; do
  # shellcheck source=/dev/null
  source "$MERCATO_ROOT/scripts/lib/$library.sh"
done

connections=10000 subscribers=5000 changes=20 every=2 crowds=2 sources=4
while (($#)); do
  case $1 in
    --connections) connections=$2; shift 2 ;;
    --subscribers) subscribers=$2; shift 2 ;;
    --changes) changes=$2; shift 2 ;;
    --every) every=$2; shift 2 ;;
    --crowds) crowds=$2; shift 2 ;;
    --sources) sources=$2; shift 2 ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "realtime.sh: unknown argument $1 (see --help)" ;;
  esac
done
for n in "$connections" "$subscribers" "$changes" "$every" "$crowds" "$sources"; do
  [[ $n =~ ^[0-9]+$ ]] || die "realtime.sh: '$n' is not a whole number"
done
((subscribers <= connections)) || die "realtime.sh: --subscribers cannot exceed --connections"
((crowds >= 1 && sources >= 1 && sources <= 250)) || die "realtime.sh: --crowds at least 1, --sources 1 to 250"
per_crowd=$(((connections + crowds - 1) / crowds))
limit=$(ulimit -Hn)
((per_crowd + 100 < limit)) ||
  die "realtime.sh: $per_crowd connections per crowd process exceed this machine's $limit open files; raise --crowds."
use_jdk

gateway=$(service_url gateway)
realtime=$(service_url realtime)
for url in "$gateway" "$realtime"; do
  [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url/readyz" || true) == 200 ]] ||
    die "Nothing ready at $url (GET /readyz); run ./mercato up first."
done
pid=$(service_pid realtime)
[[ -n $pid ]] || die "realtime.sh: realtime's pid file is missing; was it started by ./mercato up?"
out="$MERCATO_ROOT/bench/target"
summary="$out/realtime-summary.txt"
work="$out/realtime"
rm -rf "$work"
mkdir -p "$work"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
customer_token() {
  local email=realtime-$$-$RANDOM@example.com
  curl -sf -m 10 -X POST "$gateway/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"realtime bench passphrase\",\"name\":\"Crowd\"}" >/dev/null
  curl -sf -m 10 -X POST "$gateway/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"realtime bench passphrase\"}" | json 'd["accessToken"]'
}
admin=$(admin_token)
token=$(customer_token) || die "Could not register and log in a customer through $gateway."
category=$(curl -sf -m 10 "$gateway/v1/categories" | json 'd["items"][0]["slug"] if isinstance(d, dict) else d[0]["slug"]') ||
  die "The catalog has no category to put the bench's product in."
sku="RT-BENCH-$(date +%s)"
product_body() { printf '{"sku":"%s","category":"%s","names":{"en":"Realtime bench"},"price":{"amount":"%s","currency":"EUR"},"inStock":true}' "$sku" "$category" "$1"; }
created=$(curl -sf -m 10 -D "$work/created.headers" -X POST "$gateway/v1/products" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d "$(product_body 10.00)") || die "Could not create the bench's product as the admin."
product=$(json 'd["id"]' <<<"$created")
etag=$(sed -n 's/^[Ee][Tt]ag: *//p' "$work/created.headers" | tr -d '\r')

# RSS (kB) and live heap (kB, after a full collection) of realtime
rss_kb() { sed -n 's/^VmRSS:\s*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }
live_heap_kb() {
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | awk '/DefNew|Tenured/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); sum += v } } END { print sum }' |
    head -n 1
}
gauge() { curl -s -m 10 "$realtime/actuator/prometheus" | awk '/^realtime_connections\{/ { print int($2) }'; }

heap_before=$(live_heap_kb)
rss_before=$(rss_kb)
echo "realtime bench: $connections connections ($subscribers on product $product), $crowds crowd processes, $sources source addresses"

crowd_pids=()
stop_crowds() {
  touch "$work/stop"
  for crowd_pid in "${crowd_pids[@]}"; do wait "$crowd_pid" 2>/dev/null || true; done
}
trap stop_crowds EXIT
for ((i = 0; i < crowds; i++)); do
  n=$((connections / crowds + (i < connections % crowds ? 1 : 0)))
  k=$((subscribers / crowds + (i < subscribers % crowds ? 1 : 0)))
  "$JAVA_HOME/bin/java" -Xmx512m "$MERCATO_ROOT/bench/realtime/StreamCrowd.java" \
    --port "$(service_port realtime)" --token "$token" --connections "$n" --product-subscribers "$k" \
    --product "$product" --sources "$sources" --first-source $((2 + i * sources)) \
    --stop-file "$work/stop" --out "$work/deliveries-$i.txt" >"$work/crowd-$i.log" 2>&1 &
  crowd_pids+=("$!")
done
started=$(date +%s)
for ((i = 0; i < crowds; i++)); do
  until grep -q '^READY' "$work/crowd-$i.log" 2>/dev/null; do
    kill -0 "${crowd_pids[$i]}" 2>/dev/null || die "Crowd $i ended early; see ${work#"$MERCATO_ROOT"/}/crowd-$i.log"
    sleep 1
  done
done
connect_seconds=$(($(date +%s) - started))
opened=$(cat "$work"/crowd-*.log | awk '/^READY/ { open += $2; failed += $3 } END { print open + 0, failed + 0 }')
sleep 5
held=$(gauge)
rss_with=$(rss_kb)
heap_with=$(live_heap_kb)

for ((c = 1; c <= changes; c++)); do
  amount=$(printf '10.%02d' $((c % 100)))
  headers="$work/change.headers"
  curl -sf -m 10 -D "$headers" -o /dev/null -X PUT "$gateway/v1/products/$product" -H "Authorization: Bearer $admin" \
    -H "If-Match: $etag" -H 'Content-Type: application/json' -d "$(product_body "$amount")" ||
    die "Price change $c was refused."
  etag=$(sed -n 's/^[Ee][Tt]ag: *//p' "$headers" | tr -d '\r')
  sleep "$every"
done
sleep 5
stop_crowds
trap - EXIT

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  host: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  echo "command: bench/realtime.sh --connections $connections --subscribers $subscribers --changes $changes --every $every --crowds $crowds --sources $sources"
  python3 - "$connections" "$subscribers" "$changes" $opened "$connect_seconds" "$held" "$rss_before" "$rss_with" \
    "$heap_before" "$heap_with" "$work"/deliveries-*.txt <<'EOF'
import sys
from collections import defaultdict
(asked, subscribers, changes, opened, failed, connect_s, held, rss0, rss1, heap0, heap1), files = sys.argv[1:12], sys.argv[12:]
asked, subscribers, changes, opened, failed, held = map(int, (asked, subscribers, changes, opened, failed, held or 0))
rss0, rss1, heap0, heap1 = map(int, (rss0, rss1, heap0, heap1))
per_event = defaultdict(list)
for name in files:
    for line in open(name):
        at, micros = line.split()
        per_event[at].append(int(micros))
def q(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] / 1000 if values else float("nan")
everyone = [v for values in per_event.values() for v in values]
lasts = [max(values) for values in per_event.values()]
complete = sum(1 for values in per_event.values() if len(values) == subscribers)
n = max(held, 1)
print(f"connections asked={asked} opened={opened} failed={failed} in {connect_s}s; realtime holds {held}")
print(f"memory realtime RSS {rss0 // 1024} -> {rss1 // 1024} MB ({(rss1 - rss0) / n:.1f} KB per connection), "
      f"live heap {heap0 // 1024} -> {heap1 // 1024} MB ({(heap1 - heap0) / n:.1f} KB per connection)")
print(f"fan-out {len(per_event)} of {changes} price changes seen, {complete} reached all {subscribers} subscribers; "
      f"deliveries {len(everyone)} (expected {changes * subscribers}): p50={q(everyone, .5):.1f}ms "
      f"p99={q(everyone, .99):.1f}ms max={q(everyone, 1):.1f}ms; last subscriber per change: "
      f"p50={q(lasts, .5):.1f}ms p99={q(lasts, .99):.1f}ms max={q(lasts, 1):.1f}ms")
EOF
} | tee "$summary"
echo "summary: ${summary#"$MERCATO_ROOT"/}"
