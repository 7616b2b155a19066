# shellcheck shell=bash
# about: a client bursts above its limit across two gateway instances: the limit holds globally
# needs: platform
BURST_PORTS=(18180 18181)
BURST=20
REFILL_PER_SECOND=2

burst_gateway_start() {
  local port=$1 prefix=$2
  ensure_port_free "$port" "scenario gateway"
  GATEWAY_PORT=$port EUREKA_CLIENT_REGISTERWITHEUREKA=false MERCATO_LOG_FORMAT=text \
    GATEWAY_RATE_LIMIT_KEY_PREFIX=$prefix \
    GATEWAY_RATE_LIMIT_CATALOG_PER_SECOND=$REFILL_PER_SECOND GATEWAY_RATE_LIMIT_CATALOG_BURST=$BURST \
    nohup "$JAVA_HOME/bin/java" -Xmx256m -jar "$(service_app_jar gateway)" \
    >"$MERCATO_LOGS/scenario-gateway-$port.log" 2>&1 &
  echo $!
}

scenario_rate_limit_burst() {
  local prefix pids=() port prober token started
  prefix="scenario:burst:$(date +%s%N):"
  # Two users: one probes the new instances until they route (spending its own tokens), one shows that
  # a client other than the bursting one is not affected.
  prober=$(scenario_token probe)
  token=$(scenario_token other)
  info "starting two extra gateway instances on ${BURST_PORTS[*]}: bucket of $BURST, refill $REFILL_PER_SECOND/s, shared Redis"
  for port in "${BURST_PORTS[@]}"; do pids+=("$(burst_gateway_start "$port" "$prefix")"); done
  # shellcheck disable=SC2064 # the pids are fixed now
  on_exit "kill ${pids[*]} 2>/dev/null || true"
  for port in "${BURST_PORTS[@]}"; do
    started=$(now_ms)
    until [[ $(http_code -H "Authorization: Bearer $prober" "http://localhost:$port/v1/categories") == 200 ]]; do
      (($(now_ms) - started < 90000)) || die "gateway on $port did not route within 90 s (log: $MERCATO_LOGS/scenario-gateway-$port.log)"
      sleep 0.5
    done
    ok "gateway on $port routes (probed as its own user, so no other bucket is touched)"
  done

  local i code allowed=0 refused=0 first_refusal='' begun elapsed
  declare -A per_instance=()
  begun=$(now_ms)
  for ((i = 0; i < 60; i++)); do
    port=${BURST_PORTS[i % 2]}
    code=$(http_code "http://localhost:$port/v1/products?limit=1")
    per_instance[$port:$code]=$((${per_instance[$port:$code]:-0} + 1))
    if [[ $code == 200 ]]; then allowed=$((allowed + 1)); else refused=$((refused + 1)); fi
    if [[ $code == 429 && -z $first_refusal ]]; then
      first_refusal=$(curl -s -D - -o /dev/null "http://localhost:$port/v1/products?limit=1" |
        grep -iE '^(retry-after|x-ratelimit-[a-z]+):' | tr -d '\r' | paste -sd ' ')
    fi
  done
  elapsed=$(($(now_ms) - begun))
  info "60 anonymous requests in ${elapsed} ms, alternating instances:"
  for port in "${BURST_PORTS[@]}"; do
    info "  :$port  200 x ${per_instance[$port:200]:-0}   429 x ${per_instance[$port:429]:-0}"
  done
  info "first refusal carried: ${first_refusal:-nothing}"

  local ceiling=$((BURST + (elapsed * REFILL_PER_SECOND + 999) / 1000 + 1))
  expect "allowed across both instances stays within burst + refill (<= $ceiling)" \
    "$((allowed <= ceiling ? 1 : 0))" 1
  expect "over the limit the client is refused" "$((refused > 0 ? 1 : 0))" 1
  expect "refusals tell when to retry" "$([[ $first_refusal == *[Rr]etry-[Aa]fter* ]] && echo yes || echo no)" yes
  local other=0
  for ((i = 0; i < 6; i++)); do
    code=$(http_code -H "Authorization: Bearer $token" "http://localhost:${BURST_PORTS[i % 2]}/v1/products?limit=1")
    [[ $code == 200 ]] && other=$((other + 1))
  done
  expect "another client is unaffected (6 of 6 allowed)" "$other" 6
  scenario_verdict
}
