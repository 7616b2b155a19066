#!/usr/bin/env bash
# The rate limiter's cost per decision on Redis: the gateway's own Lua script
# (services/gateway/src/main/resources/ratelimit/rate_limit.lua), called with EVALSHA exactly as the
# gateway calls it — one round trip per decision — by redis-benchmark, for each shape of decision the
# gateway makes. Keys are spread over 10,000 callers and expire on their own.
#
#   bench/ratelimit-redis.sh [requests per case, default 200000]
#
# Prints one line per case and concurrency: decisions/s and latency quantiles in ms, as measured by
# redis-benchmark on the client side (network round trip included). MERCATO_REDIS_HOST/PORT select
# the Redis (default localhost:6379).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="${MERCATO_REDIS_HOST:-localhost}" port="${MERCATO_REDIS_PORT:-6379}"
requests="${1:-200000}"
command -v redis-benchmark >/dev/null || { echo "ratelimit-redis: redis-benchmark is not installed (Debian: redis-tools)" >&2; exit 1; }

sha="$(redis-cli -h "$host" -p "$port" -x SCRIPT LOAD <"$root/services/gateway/src/main/resources/ratelimit/rate_limit.lua")"
prefix="mercato:bench:rl:$$"

# name | number of keys | keys and arguments (per tier: algorithm 1 token bucket / 2 sliding window, limit, period ms, burst)
cases=(
  "token bucket, 1 tier|1|$prefix:tb:__rand_int__ 1 100000 1000 200000"
  "sliding window, 1 tier|1|$prefix:sw:__rand_int__ 2 6000000 60000 0"
  "catalog route: global window + route bucket|2|$prefix:g:__rand_int__ $prefix:c:__rand_int__ 2 6000000 60000 0 1 100000 1000 200000"
)

printf 'Redis %s at %s:%s, %s decisions per case, keys over 10,000 callers\n' \
  "$(redis-cli -h "$host" -p "$port" INFO server | sed -n 's/^redis_version:\(.*\)\r$/\1/p')" "$host" "$port" "$requests"
for case in "${cases[@]}"; do
  IFS='|' read -r name nkeys arguments <<<"$case"
  for clients in 1 16; do
    # shellcheck disable=SC2086 # the arguments are words on purpose
    csv="$(redis-benchmark -h "$host" -p "$port" -n "$requests" -c "$clients" -r 10000 --csv \
      EVALSHA "$sha" "$nkeys" $arguments | tail -n 1)"
    # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
    IFS=, read -r _ rps avg _ p50 p95 p99 max <<<"${csv//\"/}"
    printf '%-45s clients=%-3s %9.0f decisions/s  avg=%sms p50=%sms p95=%sms p99=%sms max=%sms\n' \
      "$name" "$clients" "$rps" "$avg" "$p50" "$p95" "$p99" "$max"
  done
done
