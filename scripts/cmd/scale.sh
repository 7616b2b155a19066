# help: Run N instances of a service (realtime) on this machine; the gateway balances between them through the registry
# usage: scale <service> <N>
cmd_scale() {
  local usage="Usage: ./mercato scale <service> <N>, e.g. ./mercato scale realtime 2 (1 stops the extra instances)."
  [[ $# -eq 2 ]] || die "Which service, and how many instances?" "$usage"
  local service=$1 count=$2
  [[ " $MERCATO_SCALABLE_SERVICES " == *" $service "* ]] ||
    die "Only $MERCATO_SCALABLE_SERVICES can run as several instances here: the others have a gRPC port or jobs of their own per process." "$usage"
  [[ $count =~ ^[1-4]$ ]] || die "Between 1 and 4 instances of $service on one machine." "$usage"
  require_known_jit
  [[ -n $(service_pid "$service") ]] || die "$service is not running: start the platform with ./mercato up first."

  local instance number
  for instance in $(extra_instances "$service"); do
    number=$(instance_number "$instance")
    ((number > count)) || continue
    stop_services "$instance"
  done

  local started launched=''
  started=$(now_ms)
  for ((number = 2; number <= count; number++)); do
    instance=$service-$number
    if [[ -n $(service_pid "$instance") ]]; then
      ok "$(service_label "$instance") already running  $(service_url "$instance")"
      continue
    fi
    ensure_port_free "$instance"
    service_launch "$instance"
    launched+="$instance "
  done
  for instance in $launched; do await_service "$instance" "$started"; done

  local urls
  urls=$(service_url "$service")
  for instance in $(extra_instances "$service"); do urls+=", $(service_url "$instance")"; done
  note "$service: $count instance(s), $urls; through the gateway, $(service_url gateway), once the registry lists them (a few seconds)"
}
