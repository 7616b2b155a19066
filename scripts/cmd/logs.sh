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
  [[ -f $log ]] || die "There is no log for '$name' yet." "Logs so far: $(available_logs)."
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
