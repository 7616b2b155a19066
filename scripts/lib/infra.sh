# shellcheck shell=bash
# PostgreSQL, Redis and RabbitMQ: use the configured ones, or embedded PostgreSQL/Redis when
# those are not reachable; and the local SMTP server (local-smtp.sh). The addresses in use are saved to .mercato/env.

rabbitmq_missing() {
  die "RabbitMQ is not reachable at $MERCATO_RABBIT_HOST:$MERCATO_RABBIT_PORT." \
    "Mercato needs a real RabbitMQ: no embeddable broker has the same semantics (dead-lettering, message TTL)." \
    "  Debian/Ubuntu:  sudo apt-get install rabbitmq-server && sudo rabbitmq-server -detached" \
    "  macOS:          brew install rabbitmq && brew services start rabbitmq" \
    "  elsewhere:      https://www.rabbitmq.com/docs/download" \
    "or point Mercato at one: MERCATO_RABBIT_HOST=... MERCATO_RABBIT_PORT=... (user/password: MERCATO_RABBIT_USER/PASSWORD)."
}

# "" or " (embedded)", for the summary lines.
embedded_mark() { [[ $1 == yes ]] && echo " (embedded)"; return 0; }

ensure_postgres() {
  MERCATO_PG_EMBEDDED=no
  if tcp_reachable "$MERCATO_PG_HOST" "$MERCATO_PG_PORT"; then
    ok "PostgreSQL  $MERCATO_PG_HOST:$MERCATO_PG_PORT"
    return
  fi
  note "PostgreSQL is not reachable at $MERCATO_PG_HOST:$MERCATO_PG_PORT; using an embedded one"
  local started
  started=$(now_ms)
  embedded_pg_start
  MERCATO_PG_EMBEDDED=yes
  ok "PostgreSQL  $MERCATO_PG_HOST:$MERCATO_PG_PORT (embedded, ready in $(elapsed_since "$started"))"
}

ensure_redis() {
  MERCATO_REDIS_EMBEDDED=no
  if tcp_reachable "$MERCATO_REDIS_HOST" "$MERCATO_REDIS_PORT"; then
    ok "Redis       $MERCATO_REDIS_HOST:$MERCATO_REDIS_PORT"
    return
  fi
  note "Redis is not reachable at $MERCATO_REDIS_HOST:$MERCATO_REDIS_PORT; using an embedded one"
  local started
  started=$(now_ms)
  embedded_redis_start
  MERCATO_REDIS_EMBEDDED=yes
  ok "Redis       $MERCATO_REDIS_HOST:$MERCATO_REDIS_PORT (embedded, ready in $(elapsed_since "$started"))"
}

save_infra_env() {
  local name
  mkdir -p "$MERCATO_STATE"
  for name in MERCATO_PG_HOST MERCATO_PG_PORT MERCATO_PG_EMBEDDED MERCATO_REDIS_HOST MERCATO_REDIS_PORT \
    MERCATO_REDIS_EMBEDDED MERCATO_RABBIT_HOST MERCATO_RABBIT_PORT MERCATO_SMTP_HOST MERCATO_SMTP_PORT \
    MERCATO_SMTP_API_PORT; do
    printf 'export %s=%q\n' "$name" "${!name}"
  done >"$MERCATO_ENV_FILE"
}

# The addresses the last `up` used, when it is still up.
load_infra_env() {
  # shellcheck source=/dev/null
  [[ -f $MERCATO_ENV_FILE ]] && source "$MERCATO_ENV_FILE"
  return 0
}

ensure_infrastructure() {
  # RabbitMQ first: when it is missing there is nothing to do, so nothing embedded gets started.
  tcp_reachable "$MERCATO_RABBIT_HOST" "$MERCATO_RABBIT_PORT" || rabbitmq_missing
  ensure_postgres
  ensure_redis
  ok "RabbitMQ    $MERCATO_RABBIT_HOST:$MERCATO_RABBIT_PORT"
  export MERCATO_PG_HOST MERCATO_PG_PORT MERCATO_REDIS_HOST MERCATO_REDIS_PORT
}

stop_embedded_infrastructure() {
  local_smtp_stop
  embedded_redis_stop
  embedded_pg_stop
  rm -f "$MERCATO_ENV_FILE"
}
