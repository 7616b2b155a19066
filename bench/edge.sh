#!/usr/bin/env bash
# What the edge costs (issue 12): the same catalog reads with wrk, in one run, straight at the catalog, through nginx
# (a reverse proxy that does nothing else: the cost of the hop alone, as a peer) and through the gateway (routing,
# JWT check, rate-limit decision on Redis, observation). Per target and path: requests/s, latency p50/p99, and the
# CPU milliseconds per request of each process (from /proc, over the measured window) and of the whole machine.
#
#   bench/edge.sh [--seconds S (30)] [--warmup S (30)] [--connections C (16)] [--threads T (2)] [--auth]
#                 [--targets "direct nginx gateway"] [--paths "product listing"]
#
#   product   GET /v1/products/{id} of the first product;  listing   GET /v1/products?limit=20
#   --auth    send a customer's bearer token (the gateway then verifies it on every request)
#
# Needs a running platform (./mercato up), wrk, and for the nginx target nginx (Debian: wrk, nginx-light); nginx is
# started on NGINX_PORT (8079) with a keep-alive upstream to the catalog and stopped afterwards. Raw lines are kept in
# bench/target/edge-summary.txt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=../scripts/lib/ui.sh
source "$root/scripts/lib/ui.sh"

seconds=30 warmup=30 connections=16 threads=2 auth=false targets="direct nginx gateway" paths="product listing"
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --auth) auth=true; shift ;;
    --targets) targets=$2; shift 2 ;;
    --paths) paths=$2; shift 2 ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "edge.sh: unknown argument $1 (see --help)" ;;
  esac
done
for n in "$seconds" "$warmup" "$connections" "$threads"; do
  [[ $n =~ ^[0-9]+$ ]] || die "edge.sh: '$n' is not a whole number"
done
((seconds >= 10)) || die "edge.sh: --seconds must be at least 10 (the CPU window leaves out the first and last 2 s)"
command -v wrk >/dev/null || die "edge.sh: wrk is not installed (Debian: apt-get install wrk)."

gateway="http://localhost:${GATEWAY_PORT:-8080}"
catalog="http://localhost:${CATALOG_PORT:-8081}"
nginx_port=${NGINX_PORT:-8079}
out="$root/bench/target"
summary="$out/edge-summary.txt"
mkdir -p "$out"

for url in "$gateway" "$catalog"; do
  [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url/readyz" || true) == 200 ]] ||
    die "Nothing ready at $url (GET /readyz); run ./mercato up first."
done
product=$(curl -sf -m 5 "$catalog/v1/products?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])') ||
  die "The catalog has no product to read."
headers=()

nginx_pid=''
stop_nginx() { [[ -z $nginx_pid ]] || kill "$nginx_pid" 2>/dev/null || true; }
trap stop_nginx EXIT
if [[ " $targets " == *" nginx "* ]]; then
  command -v nginx >/dev/null || die "edge.sh: nginx is not installed (Debian: apt-get install nginx-light), or leave it out of --targets."
  prefix="$out/edge-nginx"
  mkdir -p "$prefix/logs"
  # As many workers as the gateway has event loops (one per core); keep-alive to the upstream like the gateway's pool.
  cat >"$prefix/nginx.conf" <<EOF
worker_processes $(nproc);
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream catalog { server 127.0.0.1:${CATALOG_PORT:-8081}; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://catalog;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
EOF
  nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 50); do
    [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$nginx_port/readyz" || true) == 200 ]] && break
    sleep 0.1
  done
fi

base_of() {
  case $1 in
    direct) echo "$catalog" ;;
    nginx) echo "http://127.0.0.1:$nginx_port" ;;
    gateway) echo "$gateway" ;;
    *) die "edge.sh: unknown target $1 (direct, nginx, gateway)" ;;
  esac
}
path_of() {
  case $1 in
    product) echo "/v1/products/$product" ;;
    listing) echo "/v1/products?limit=20" ;;
    *) die "edge.sh: unknown path $1 (product, listing)" ;;
  esac
}

login() {
  local email=edge-$$-$RANDOM@example.com
  curl -sf -m 10 -X POST "$gateway/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"edge bench passphrase\",\"name\":\"Edge\"}" >/dev/null
  curl -sf -m 10 -X POST "$gateway/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"edge bench passphrase\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
if $auth; then
  headers=(-H "Authorization: Bearer $(login)")
fi

# wrk's own summary plus p50/p99 and the non-2xx count, one line
wrk_line() {
  awk '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses/ { bad = $5 }
    /Socket errors/ { errors = $0 }
    END { printf "rps=%s p50=%s p99=%s non2xx=%d%s", rps, p50, p99, bad, (errors ? " " errors : "") }'
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  host: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  echo "wrk -t$threads -c$connections, ${warmup}s warm-up + ${seconds}s measured per target and path; auth: $auth"
} | tee "$summary"

for path_name in $paths; do
  for target in $targets; do
    url="$(base_of "$target")$(path_of "$path_name")"
    ((warmup == 0)) || wrk -t"$threads" -c"$connections" -d"${warmup}s" "${headers[@]}" "$url" >/dev/null
    bash "$root/bench/cpu-share.sh" --seconds $((seconds - 4)) --delay 2 >"$out/edge-cpu.txt" &
    share=$!
    result=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "${headers[@]}" "$url" | wrk_line)
    wait "$share"
    rps=$(sed -n 's/^rps=\([0-9.]*\).*/\1/p' <<<"$result")
    # CPU ms per request of the processes that serve it, and of the machine (the load generator included)
    cpu=$(awk -v rps="$rps" '
      $1 == "total" { machine = $2; window = $(NF - 1) + 0; next }
      $1 ~ /^(gateway|catalog|nginx|redis|wrk)$/ { cpu[$1] = $2 }
      END {
        if (window == 0 || rps == 0) { print "cpu: -"; exit }
        requests = rps * window
        line = ""
        n = split("gateway nginx catalog redis wrk", names, " ")
        for (i = 1; i <= n; i++) line = line sprintf("%s=%.3f ", names[i], 1000 * cpu[names[i]] / requests)
        printf "cpu ms/req: %smachine=%.3f", line, 1000 * machine / requests
      }' "$out/edge-cpu.txt")
    printf '%-8s %-8s %s  %s\n' "$target" "$path_name" "$result" "$cpu" | tee -a "$summary"
  done
done
echo "summary: ${summary#"$root"/}"
