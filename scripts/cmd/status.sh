# help: Show each service's pid, liveness, readiness and URL, and whether the infrastructure answers
cmd_status() {
  [[ $# -eq 0 ]] || die "status takes no arguments."
  load_infra_env
  local service pid running ready others=''
  printf '\n%s%-14s %-8s %-8s %-6s %s%s\n' "$UI_BOLD" SERVICE PID RUNNING READY URL "$UI_RESET"
  for service in $MERCATO_SERVICES $(for service in $MERCATO_SCALABLE_SERVICES; do extra_instances "$service"; done); do
    pid=$(service_pid "$service")
    running=no ready=-
    if [[ -n $pid ]]; then
      running=yes
      if service_ready "$service"; then ready=yes; else ready=no; fi
    elif tcp_reachable localhost "$(service_port "$service")"; then
      # Something else answers on the port, such as the same service started from another clone.
      running=other others+=" $service"
      if service_ready "$service"; then ready=yes; else ready=no; fi
    fi
    printf '%-14s %-8s %-8s %-6s %s\n' "$service" "${pid:--}" "$running" "$ready" "$(service_url "$service")"
  done
  [[ -z $others ]] ||
    note "other: a process that is not this checkout's answers on the port of$others (another clone's ./mercato up?)"
  printf '\n%s%-14s %-22s %s%s\n' "$UI_BOLD" INFRA ADDRESS REACHABLE "$UI_RESET"
  infra_status_row postgres "$MERCATO_PG_HOST" "$MERCATO_PG_PORT" "${MERCATO_PG_EMBEDDED:-no}"
  infra_status_row redis "$MERCATO_REDIS_HOST" "$MERCATO_REDIS_PORT" "${MERCATO_REDIS_EMBEDDED:-no}"
  infra_status_row rabbitmq "$MERCATO_RABBIT_HOST" "$MERCATO_RABBIT_PORT" no
  infra_status_row smtp "$MERCATO_SMTP_HOST" "$MERCATO_SMTP_PORT" "$([[ -n $(local_smtp_pid) ]] && echo yes || echo no)"
}

infra_status_row() {
  local name=$1 host=$2 port=$3 embedded=$4 reachable=no
  tcp_reachable "$host" "$port" && reachable=yes
  printf '%-14s %-22s %s%s\n' "$name" "$host:$port" "$reachable" "$(embedded_mark "$embedded")"
}
