# shellcheck shell=bash
# Process helpers: liveness, process trees, stopping with a grace period.

pid_alive() { [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; }

# The pid and all its descendants, parents first.
process_tree() {
  ps -eo pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      print root
      for (i = 1; i <= NR; i++) {
        p = pids[i]
        for (a = parent[p]; a > 1; a = parent[a]) if (a == root) { print p; break }
      }
    }'
}

kill_tree() {
  local pid
  for pid in $(process_tree "$1"); do kill "$pid" 2>/dev/null || true; done
}

# Waits until every pid has exited or the deadline (now_ms value) passes; false if any is left.
wait_for_exit() {
  local deadline=$1 pid
  shift
  for pid in "$@"; do
    while pid_alive "$pid"; do
      (($(now_ms) < deadline)) || return 1
      sleep 0.2
    done
  done
}

# SIGTERM to all, then SIGKILL for whatever is still there after the grace period.
terminate() {
  local grace_seconds=$1 pid
  shift
  [[ $# -gt 0 ]] || return 0
  kill -TERM "$@" 2>/dev/null || true
  wait_for_exit $(($(now_ms) + grace_seconds * 1000)) "$@" && return 0
  for pid in "$@"; do
    pid_alive "$pid" && warn "pid $pid did not stop within ${grace_seconds}s; killing it" && kill -KILL "$pid" 2>/dev/null
  done
  wait_for_exit $(($(now_ms) + 5000)) "$@" || true
}
