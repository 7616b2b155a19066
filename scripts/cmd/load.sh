# help: Load-test the catalog read path (Gatling, fixed arrival rate), through the gateway and direct
# usage: load [--target gateway|catalog|both] [--rate N] [--duration S] [--warmup S] [--auth]
# shellcheck shell=bash
#
# Sourced by ./mercato, which calls cmd_load with the remaining arguments. Self-sufficient on
# purpose (it needs nothing from scripts/lib), so it also runs as
#   bash -c 'source scripts/cmd/load.sh; cmd_load --help'
set -euo pipefail

_LOAD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_LOAD_FALLBACK_JDK=/usr/lib/jvm/temurin-25-jdk-amd64

_load_usage() {
  cat <<'EOF'
Usage: ./mercato load [--target gateway|catalog|both] [--rate N] [--duration S] [--warmup S] [--auth]

Runs bench/ (Gatling CatalogBrowseSimulation) against a running platform at a fixed arrival
rate: first through the gateway, then straight at the catalog, so the gateway's cost shows.

  --target    gateway, catalog or both (default both)
  --rate      offered load in requests/s (default 500)
  --duration  measured seconds (default 60)
  --warmup    seconds of ramp-up before measuring, not reported (default 60; the JIT needs
              about two minutes of traffic before the gateway reaches its steady state)
  --auth      every request carries a customer's access token (registered and logged in
              first): the gateway verifies it and rate-limits by user instead of by address

After a gateway run, the gateway's own quantiles of one rate-limit decision on Redis are
printed. Ports come from GATEWAY_PORT (8080) and CATALOG_PORT (8081). Reports: bench/target/gatling/;
summary lines: bench/target/last-summary.txt. Results worth keeping go to docs/benchmarks.md.
EOF
}

# Prints a JAVA_HOME whose java is 25 or newer.
_load_java_home() {
  local home="${JAVA_HOME:-}" version
  if [[ -n "$home" && -x "$home/bin/java" ]]; then
    version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = //p')"
    if [[ "${version%%.*}" =~ ^[0-9]+$ ]] && ((${version%%.*} >= 25)); then
      echo "$home"
      return
    fi
  fi
  echo "$_LOAD_FALLBACK_JDK"
}

_load_status() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true
}

# Fails unless the target is up (and, for the gateway, routing to the catalog).
_load_check_ready() {
  local target="$1" url="$2"
  if [[ "$(_load_status "$url/readyz")" != 200 ]]; then
    echo "load: $target is not ready at $url (GET /readyz); run ./mercato up first" >&2
    return 1
  fi
  if [[ "$(_load_status "$url/v1/categories")" != 200 ]]; then
    echo "load: $target at $url does not serve /v1/categories yet; run ./mercato up first" >&2
    return 1
  fi
}

# Runs the simulation once against one target and prints its summary line.
_load_run() {
  local target="$1" url="$2" rate="$3" duration="$4" warmup="$5" token="$6"
  local out="$_LOAD_ROOT/bench/target" report status=0
  local log="$out/load-$target.log" window="$out/window-$target.txt"
  mkdir -p "$out/gatling"
  rm -f "$window"
  local before
  before="$(ls "$out/gatling")"

  echo "load: $target at $url, $rate req/s, ${warmup}s warm-up + ${duration}s measured (log: ${log#"$_LOAD_ROOT"/})"
  local mvn=mvn
  [[ -x "$_LOAD_ROOT/mvnw" ]] && mvn="$_LOAD_ROOT/mvnw"
  (cd "$_LOAD_ROOT/bench" && "$mvn" -B -ntp test-compile gatling:test \
    -DbaseUrl="$url" -Drate="$rate" -Dduration="$duration" -Dwarmup="$warmup" \
    -DwindowFile="$window" -Dtoken="$token") >"$log" 2>&1 || status=$?

  report="$(comm -13 <(echo "$before") <(ls "$out/gatling") | tail -n 1)"
  if [[ -z "$report" || ! -s "$window" ]]; then
    echo "load: the $target run produced no report; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
  python3 -B "$_LOAD_ROOT/bench/summarize.py" run "$target" "$rate" "$out/gatling/$report" \
    "$window" "$out/load-$target.json" | tee -a "$out/last-summary.txt"
  echo "      report: bench/target/gatling/$report/index.html"
  [[ "$target" != gateway ]] || _load_decision_quantiles | tee -a "$out/last-summary.txt"
  # Gatling fails the build when the sanity assertion (errors < 1%) fails.
  if ((status != 0)); then
    echo "load: $target failed the sanity gate (errors >= 1%) or Gatling failed; see $log" >&2
  fi
  return "$status"
}

# The gateway's own timer of one rate-limit decision on Redis (script call and round trip, all
# tiers), as Micrometer's client-side quantiles over its last two minutes.
_load_decision_quantiles() {
  curl -s -m 5 "http://localhost:${GATEWAY_MANAGEMENT_PORT:-9080}/actuator/prometheus" | awk '
    /^gateway_ratelimit_redis_decision_seconds\{/ && /quantile=/ {
      match($0, /quantile="[^"]*"/); q = substr($0, RSTART + 10, RLENGTH - 11)
      line = line sprintf(" p%g=%.3fms", q * 100, $NF * 1000)
    }
    END { if (line != "") print "      rate-limit decision on Redis:" line }'
}

# Registers a customer through the gateway and prints its access token (valid 15 minutes).
_load_token() {
  local gateway="$1" email="bench-$(date +%s%N)@example.com" password="bench passphrase 1"
  curl -sf -o /dev/null -X POST "$gateway/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"name\":\"Bench\"}" || return 1
  curl -sf -X POST "$gateway/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])'
}

_load_url() {
  if [[ "$1" == gateway ]]; then
    echo "http://localhost:${GATEWAY_PORT:-8080}"
  else
    echo "http://localhost:${CATALOG_PORT:-8081}"
  fi
}

cmd_load() {
  local target=both rate=500 duration=60 warmup=60 auth=0 token=""
  while (($#)); do
    case "$1" in
      --target) target="${2:?--target needs a value}"; shift 2 ;;
      --rate) rate="${2:?--rate needs a value}"; shift 2 ;;
      --duration) duration="${2:?--duration needs a value}"; shift 2 ;;
      --warmup) warmup="${2:?--warmup needs a value}"; shift 2 ;;
      --auth) auth=1; shift ;;
      -h | --help) _load_usage; return 0 ;;
      *) echo "load: unknown argument '$1'" >&2; _load_usage >&2; return 2 ;;
    esac
  done
  case "$target" in gateway | catalog | both) ;; *)
    echo "load: --target must be gateway, catalog or both" >&2; return 2 ;;
  esac
  local n
  for n in "$rate" "$duration" "$warmup"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "load: '$n' is not a whole number" >&2; return 2; }
  done
  ((rate > 0 && duration > 0)) || { echo "load: --rate and --duration must be above 0" >&2; return 2; }

  JAVA_HOME="$(_load_java_home)"
  export JAVA_HOME
  local targets=()
  [[ "$target" == catalog ]] || targets+=(gateway)
  [[ "$target" == gateway ]] || targets+=(catalog)

  local t
  for t in "${targets[@]}"; do
    _load_check_ready "$t" "$(_load_url "$t")"
  done

  if ((auth)); then
    token="$(_load_token "$(_load_url gateway)")" || {
      echo "load: could not register and log in a customer through the gateway" >&2
      return 1
    }
  fi

  local out="$_LOAD_ROOT/bench/target" failed=0
  mkdir -p "$out"
  rm -f "$out"/load-*.json
  : >"$out/last-summary.txt"
  for t in "${targets[@]}"; do
    _load_run "$t" "$(_load_url "$t")" "$rate" "$duration" "$warmup" "$token" || failed=1
  done

  if [[ -s "$out/load-gateway.json" && -s "$out/load-catalog.json" ]]; then
    python3 -B "$_LOAD_ROOT/bench/summarize.py" ratio "$out/load-gateway.json" "$out/load-catalog.json" |
      tee -a "$out/last-summary.txt"
  fi
  return "$failed"
}
