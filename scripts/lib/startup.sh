# shellcheck shell=bash
# Starting the services in order and waiting, with progress, until each is ready.

service_label() { printf '%-13s' "$1"; } # as wide as the longest name, notifications

# Last log lines of a service that failed, decoded when they are JSON.
show_failure_log() {
  local service=$1 log
  log=$(service_log "$service")
  fail "last lines of $(display_path "$log") (stack frames left out):"
  grep -v -e $'^\tat ' -e $'^\t\\.\\.\\. [0-9]* more' "$log" | tail -n 30 | format_log compact | sed 's/^/    /' >&2 || true
}

# Waits until the service is ready; fails when it dies or the timeout passes.
wait_until_ready() {
  local service=$1 started=$2 tick=0 unready deadline
  deadline=$((started + MERCATO_START_TIMEOUT * 1000))
  while unready=$(service_unready_path "$service") && [[ -n $unready ]]; do
    if [[ -z $(service_pid "$service") ]]; then
      progress_clear
      fail "$service exited while starting"
      return 1
    fi
    if (($(now_ms) > deadline)); then
      progress_clear
      fail "$service is not ready after ${MERCATO_START_TIMEOUT}s (still waiting for $unready)"
      return 1
    fi
    progress_frame $((tick++)) "$(service_label "$service") starting$UI_MORE $(elapsed_since "$started")  ${UI_DIM}waiting for $unready$UI_RESET"
    sleep 0.25
  done
  progress_clear
}

# Dies when something other than this service already listens on its port.
ensure_port_free() {
  local service=$1 port owner
  port=$(service_port "$service")
  tcp_reachable 127.0.0.1 "$port" || return 0
  owner=$(port_owner "$port")
  die "Port $port, where $service should listen, is already taken${owner:+ by pid $owner}." \
    "Stop that process, or move $service to another port: $(service_field "$service" 2)=... ./mercato up"
}

# Kills a service that failed to come up, and drops an AOT cache recorded by the failed run.
abandon_start() {
  local service=$1 pid marker
  pid=$(service_pid "$service")
  [[ -z $pid ]] || kill -KILL "$pid" 2>/dev/null || true
  marker=$(service_archiving_marker "$service")
  [[ ! -f $marker ]] || rm -f "$(service_aot_cache "$service")"
  rm -f "$(service_pidfile "$service")" "$marker"
}

# Launches a service unless it already runs; true when it was already running and ready.
launch_service() {
  local service=$1
  if [[ -n $(service_pid "$service") ]]; then
    service_ready "$service"
    return
  fi
  service_launch "$service"
  [[ -n $UI_TTY ]] || info "$service starting$UI_MORE"
  return 1
}

# Waits for a launched service (started at the given time) to be ready; dies when it does not come up.
await_service() {
  local service=$1 started=$2
  wait_until_ready "$service" "$started" || give_up_start "$service"
  report_ready "$service" "$started"
}

report_ready() {
  ok "$(service_label "$1") ready in $(elapsed_since "$2")  $(service_url "$1")"
  report_refused_aot_cache "$1"
}

give_up_start() {
  show_failure_log "$1"
  abandon_start "$1"
  die "$1 did not come up." "Services already running stay up: fix the problem and run ./mercato up again, or ./mercato down."
}

# A refused cache is dropped, so that the service's next run trains a new one instead of starting slowly every time.
report_refused_aot_cache() {
  local service=$1
  service_aot_refused "$service" || return 0
  rm -f "$(service_aot_cache "$service")"
  warn "$service started without its AOT cache: the JVM refused it (another JDK build or JVM options; MERCATO_JAVA_OPTS=-Xlog:aot says why). Its next start trains a new one."
}

# Unpacks fresh builds; services running an older build are stopped so that they restart on the new one.
prepare_services() {
  local service outdated='' running=''
  # Class-data archives of the dynamic CDS that the AOT cache replaced (ADR 018): up to a gigabyte nobody reads.
  rm -rf "$MERCATO_STATE/cds"
  for service in $MERCATO_SERVICES; do
    service_app_current "$service" && continue
    outdated+="$service "
    [[ -z $(service_pid "$service") ]] || running+="$service "
  done
  if [[ -n $running ]]; then
    note "new build of ${running% }: restarting"
    # shellcheck disable=SC2086 # a list of service names
    stop_services_in_order $running
  fi
  for service in $outdated; do service_unpack "$service"; done
}

start_services() {
  local service
  # All ports first: better to refuse before starting anything than halfway through.
  for service in $MERCATO_SERVICES; do
    [[ -n $(service_pid "$service") ]] || ensure_port_free "$service"
  done
  # Wave by wave (scripts/lib/config.sh): the services of a wave are all ready before the next wave starts.
  local wave
  while IFS= read -r wave; do
    [[ -n ${wave// /} ]] || continue
    # shellcheck disable=SC2086 # a list of service names
    start_wave $wave
  done < <(tr '|' '\n' <<<"$MERCATO_START_WAVES")
}

# Starts a wave's services, at most MERCATO_START_CONCURRENCY at a time, and waits until each is ready. Start-up is
# CPU-bound (class loading, Spring's context, the JIT): thirteen JVMs launched together on two cores each took four
# to five minutes in a training run, past the timeout, while a few at a time are each ready in well under a minute
# and the whole wave takes no longer. Each service's timeout counts from its own launch.
start_wave() {
  local queue=("$@") pending=() service unready tick=0
  local -A started=()
  while ((${#queue[@]} + ${#pending[@]} > 0)); do
    while ((${#pending[@]} < MERCATO_START_CONCURRENCY && ${#queue[@]} > 0)); do
      service=${queue[0]}
      queue=("${queue[@]:1}")
      if launch_service "$service"; then
        ok "$(service_label "$service") already running  $(service_url "$service")"
      else
        started[$service]=$(now_ms)
        pending+=("$service")
      fi
    done
    local still=()
    for service in "${pending[@]}"; do
      unready=$(service_unready_path "$service")
      if [[ -z $unready ]]; then
        progress_clear
        report_ready "$service" "${started[$service]}"
      elif [[ -z $(service_pid "$service") ]]; then
        progress_clear
        fail "$service exited while starting"
        give_up_start "$service"
      elif (($(now_ms) > ${started[$service]} + MERCATO_START_TIMEOUT * 1000)); then
        progress_clear
        fail "$service is not ready after ${MERCATO_START_TIMEOUT}s (still waiting for $unready)"
        give_up_start "$service"
      else
        still+=("$service")
      fi
    done
    pending=("${still[@]}")
    ((${#pending[@]} > 0)) || continue
    progress_frame $((tick++)) "starting ${pending[*]}$UI_MORE${queue[*]:+  ${UI_DIM}then ${queue[*]}$UI_RESET}"
    sleep 0.25
  done
}
