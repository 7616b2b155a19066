# shellcheck shell=bash
# An embedded Redis from the redis-server binaries bundled in com.github.codemonstur:embedded-redis,
# used when no Redis is reachable. It keeps nothing on disk.

: "${MERCATO_EMBEDDED_REDIS_ARTIFACT_VERSION:=1.4.3}"
EMBEDDED_REDIS_HOME=$MERCATO_STATE/embedded/redis
EMBEDDED_REDIS_SERVER=$EMBEDDED_REDIS_HOME/$MERCATO_EMBEDDED_REDIS_ARTIFACT_VERSION/redis-server
EMBEDDED_REDIS_PID=$MERCATO_RUN/redis.pid
EMBEDDED_REDIS_PORT_FILE=$MERCATO_RUN/redis.port
EMBEDDED_REDIS_LOG=$MERCATO_LOGS/redis.log
EMBEDDED_REDIS_STARTED_NOW=''

embedded_redis_install() {
  [[ -x $EMBEDDED_REDIS_SERVER ]] && return
  local download=$EMBEDDED_REDIS_HOME/download jar member
  info "downloading com.github.codemonstur:embedded-redis:$MERCATO_EMBEDDED_REDIS_ARTIFACT_VERSION$UI_MORE"
  rm -rf "$download"
  maven_fetch "com.github.codemonstur:embedded-redis:$MERCATO_EMBEDDED_REDIS_ARTIFACT_VERSION:jar" "$download"
  jar=$(ls "$download"/*.jar)
  member=$(zip_members "$jar" | grep "^redis-server-.*-$(platform_os)-$(platform_arch)\$" | head -n 1 || true)
  [[ -n $member ]] || die "$jar has no redis-server for $(platform_os)-$(platform_arch)." \
    "Install Redis yourself, or point MERCATO_REDIS_HOST/MERCATO_REDIS_PORT at one."
  mkdir -p "$(dirname "$EMBEDDED_REDIS_SERVER")"
  unzip_member "$jar" "$member" >"$EMBEDDED_REDIS_SERVER.partial"
  chmod +x "$EMBEDDED_REDIS_SERVER.partial"
  mv "$EMBEDDED_REDIS_SERVER.partial" "$EMBEDDED_REDIS_SERVER"
  rm -rf "$download"
}

embedded_redis_pid() {
  local pid=''
  [[ -f $EMBEDDED_REDIS_PID ]] && pid=$(cat "$EMBEDDED_REDIS_PID" 2>/dev/null)
  pid_alive "$pid" && echo "$pid"
  return 0
}

embedded_redis_wait_until_reachable() {
  local _
  for _ in $(seq 50); do
    tcp_reachable 127.0.0.1 "$MERCATO_EMBEDDED_REDIS_PORT" && return 0
    sleep 0.1
  done
  die "The embedded Redis did not start; last lines of $(display_path "$EMBEDDED_REDIS_LOG"):" \
    "$(tail -n 15 "$EMBEDDED_REDIS_LOG" 2>/dev/null)"
}

embedded_redis_start() {
  if [[ -z $(embedded_redis_pid) ]]; then
    tcp_reachable 127.0.0.1 "$MERCATO_EMBEDDED_REDIS_PORT" &&
      die "Port $MERCATO_EMBEDDED_REDIS_PORT, meant for the embedded Redis, is taken by another process." \
        "Set MERCATO_EMBEDDED_REDIS_PORT to a free port."
    embedded_redis_install
    mkdir -p "$MERCATO_RUN" "$MERCATO_LOGS"
    "$EMBEDDED_REDIS_SERVER" --daemonize yes --bind 127.0.0.1 --port "$MERCATO_EMBEDDED_REDIS_PORT" \
      --save '' --appendonly no --dir "$EMBEDDED_REDIS_HOME" \
      --pidfile "$EMBEDDED_REDIS_PID" --logfile "$EMBEDDED_REDIS_LOG" >/dev/null
    echo "$MERCATO_EMBEDDED_REDIS_PORT" >"$EMBEDDED_REDIS_PORT_FILE"
    embedded_redis_wait_until_reachable
    EMBEDDED_REDIS_STARTED_NOW=1
  fi
  MERCATO_REDIS_HOST=127.0.0.1
  MERCATO_REDIS_PORT=$(cat "$EMBEDDED_REDIS_PORT_FILE")
}

embedded_redis_stop() {
  local pid
  pid=$(embedded_redis_pid)
  [[ -n $pid ]] || return 0
  terminate 10 "$pid"
  rm -f "$EMBEDDED_REDIS_PID" "$EMBEDDED_REDIS_PORT_FILE"
  ok "embedded Redis stopped"
}
