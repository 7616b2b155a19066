# shellcheck shell=bash
# The PostgreSQL connection budget (docs/connection-budget.md): `up` checks that the platform's pools fit in what the
# server has free. A check only: it warns, never stops `up`, and says nothing when psql is not installed.

# The most connections a service's pools open: each pool's override variable (<SERVICE>_DB_POOL_SIZE for the main one),
# else the default in its application.yml, summed over its pools (ordering has a second one for order reads); Hikari's
# 10 when the service's database pool sets none; nothing for a service without a database.
service_pool_size() {
  local service=$1 yml line variable size total=0 pools=0
  [[ -n $(service_databases "$service") ]] || return 0
  yml=$MERCATO_ROOT/services/$service/src/main/resources/application.yml
  while IFS= read -r line; do
    size=''
    if [[ $line =~ \$\{([A-Z0-9_]+):([0-9]+)\} ]]; then
      variable=${BASH_REMATCH[1]}
      size=${!variable:-${BASH_REMATCH[2]}}
    elif [[ $line =~ :[[:space:]]*([0-9]+) ]]; then
      size=${BASH_REMATCH[1]}
    fi
    [[ $size =~ ^[0-9]+$ ]] || continue
    total=$((total + size))
    pools=$((pools + 1))
  done < <(grep -E '^[[:space:]]*maximum-pool-size:' "$yml" 2>/dev/null || true)
  ((pools > 0)) || total=10
  echo "$total"
}

# The pools of the services `up` is about to start (one already running holds its connections: they count as used).
pools_to_start() {
  local service size total=0
  for service in $MERCATO_SERVICES; do
    [[ -z $(service_pid "$service") ]] || continue
    size=$(service_pool_size "$service")
    total=$((total + ${size:-0}))
  done
  echo "$total"
}

# "limit|used": the connections this role may open (superusers also get the reserved ones), and those open now.
pg_connection_usage() {
  PGPASSWORD=$MERCATO_PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -h "$MERCATO_PG_HOST" -p "$MERCATO_PG_PORT" \
    -U "$MERCATO_PG_USER" -d postgres -v ON_ERROR_STOP=1 -Atq -c "
      select current_setting('max_connections')::int
             - case when (select rolsuper from pg_roles where rolname = current_user) then 0
                    else current_setting('superuser_reserved_connections')::int end,
             (select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid())
    " 2>&1
}

check_connection_budget() {
  have psql || return 0
  local usage limit used budget free
  usage=$(pg_connection_usage) || {
    if [[ $usage == *'too many clients'* ]]; then
      warn "PostgreSQL at $MERCATO_PG_HOST:$MERCATO_PG_PORT has no connection free; the services will not start" \
        "(docs/connection-budget.md)"
    fi
    return 0
  }
  [[ $usage =~ ^([0-9]+)\|([0-9]+)$ ]] || return 0
  limit=${BASH_REMATCH[1]}
  used=${BASH_REMATCH[2]}
  budget=$(pools_to_start)
  ((budget > 0)) || return 0
  free=$((limit - used))
  if ((budget > free)); then
    warn "PostgreSQL connections: the services' pools take up to $budget, but only $free of $limit are free" \
      "($used in use); services may fail to start or answer 503 (docs/connection-budget.md)"
  else
    ok "PostgreSQL connections: the services' pools take up to $budget, $free of $limit free"
  fi
  return 0
}
