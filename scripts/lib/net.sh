# shellcheck shell=bash
# Reachability checks that work without curl, nc or timeout if need be.

have() { command -v "$1" >/dev/null 2>&1; }

# True when something accepts TCP connections at host:port within a couple of seconds.
tcp_reachable() {
  local host=$1 port=$2
  if have timeout; then
    # shellcheck disable=SC2016 # expanded by the inner shell
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
  elif have nc; then
    nc -z -w 2 "$host" "$port" >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

# The HTTP status of a GET, or 000 when nothing answers.
http_status() {
  local url=$1
  if have curl; then
    curl -s -o /dev/null -m 3 -w '%{http_code}' "$url" || true
  else
    http_status_without_curl "$url"
  fi
}

http_status_without_curl() {
  local rest=${1#http://}
  local authority=${rest%%/*} path=/${rest#*/}
  [[ $rest == */* ]] || path=/
  local host=${authority%:*} port=${authority##*:}
  [[ $authority == *:* ]] || port=80
  local status
  status=$(
    exec 3<>"/dev/tcp/$host/$port" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$authority" >&3
    read -r -t 3 _ code _ <&3 && echo "$code"
  ) 2>/dev/null || true
  echo "${status:-000}"
}

http_ok() { [[ $(http_status "$1") == 200 ]]; }

# "pid command" of whatever listens on a local port, when the tools to tell are installed.
port_owner() {
  local port=$1 pid=''
  if have lsof; then
    pid=$(lsof -nP -iTCP:"$port" -sTCP:LISTEN -t 2>/dev/null | head -n 1 || true)
  elif have ss; then
    pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1 || true)
  fi
  [[ -n $pid ]] || return 0
  echo "$pid $(ps -o args= -p "$pid" 2>/dev/null | cut -c1-100)"
}
