# help: Follow a service's log (also postgres, redis, build); JSON lines decoded unless --raw
# usage: logs <service> [-n N] [--raw]
cmd_logs() {
  local name='' lines=50 raw=''
  while [[ $# -gt 0 ]]; do
    case $1 in
      -n) [[ ${2:-} =~ ^[0-9]+$ ]] || die "-n needs a number of lines."; lines=$2; shift 2 ;;
      -n[0-9]*) lines=${1#-n}; shift ;;
      --raw) raw=yes; shift ;;
      -*) die "Unknown option $1." "Usage: ./mercato logs <service> [-n N] [--raw]" ;;
      *) [[ -z $name ]] || die "One log at a time."; name=$1; shift ;;
    esac
  done
  [[ -n $name ]] || die "Which log? One of: $(available_logs)." "Usage: ./mercato logs <service> [-n N] [--raw]"
  local log=$MERCATO_LOGS/$name.log
  if [[ ! -f $log ]]; then
    [[ " $MERCATO_SERVICES postgres redis build " == *" $name "* ]] ||
      die "There is no log named '$name'." "Logs so far: $(available_logs)."
    die "There is no log for '$name' in $(display_path "$MERCATO_LOGS") yet: ./mercato up from this checkout writes it." \
      "Logs so far: $(available_logs)."
  fi
  if [[ -n $raw ]]; then
    tail -n "$lines" -F "$log"
  else
    tail -n "$lines" -F "$log" | format_log
  fi
}

available_logs() {
  local log names=''
  for log in "$MERCATO_LOGS"/*.log; do
    [[ -f $log ]] && log=${log##*/} && names+="${names:+, }${log%.log}"
  done
  echo "${names:-none}"
}
