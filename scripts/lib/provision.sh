# shellcheck shell=bash
# Creates what the services expect to exist: their databases and the RabbitMQ vhost.

: "${MERCATO_RABBIT_MANAGEMENT_PORT:=15672}"

psql_query() {
  PGPASSWORD=$MERCATO_PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -h "$MERCATO_PG_HOST" -p "$MERCATO_PG_PORT" \
    -U "$MERCATO_PG_USER" -d postgres -v ON_ERROR_STOP=1 -tAq -c "$1"
}

create_database_with_psql() {
  local name=$1 exists
  exists=$(psql_query "SELECT 1 FROM pg_database WHERE datname = '$name'") ||
    die "Could not query PostgreSQL at $MERCATO_PG_HOST:$MERCATO_PG_PORT as $MERCATO_PG_USER."
  [[ $exists == 1 ]] && return 1
  psql_query "CREATE DATABASE \"$name\"" || die "Could not create database $name."
}

postgres_jdbc_driver() {
  local jar
  for jar in "$MERCATO_STATE"/app/*/lib/postgresql-*.jar "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar; do
    [[ -f $jar ]] && echo "$jar" && return
  done
  return 0
}

# Without psql (the embedded PostgreSQL ships none), the JDBC driver the services use does it.
create_database_with_java() {
  local name=$1 driver output
  driver=$(postgres_jdbc_driver)
  [[ -n $driver ]] || die "Cannot create database $name: psql is not installed and no PostgreSQL JDBC driver was found." \
    "Install the PostgreSQL client (psql), or create the database yourself."
  output=$(PGPASSWORD=$MERCATO_PG_PASSWORD "$JAVA_HOME/bin/java" -cp "$driver" \
    "$MERCATO_ROOT/scripts/java/EnsureDatabase.java" \
    "jdbc:postgresql://$MERCATO_PG_HOST:$MERCATO_PG_PORT/postgres" "$MERCATO_PG_USER" "$name" 2>&1) ||
    die "Could not create database $name:" "$output"
  grep -qx created <<<"$output"
}

# Creates the database when missing; true when it did.
ensure_database() {
  local name=$1
  [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "Unusual database name '$name': use letters, digits and underscores."
  if have psql; then create_database_with_psql "$name"; else create_database_with_java "$name"; fi
}

ensure_databases() {
  local service name
  for service in $MERCATO_SERVICES; do
    for name in $(service_databases "$service"); do
      if ensure_database "$name"; then ok "database $name created"; else ok "database $name"; fi
    done
  done
}

rabbit_api() {
  local method=$1 path=$2
  shift 2
  curl -s -o /dev/null -m 5 -w '%{http_code}' -u "$MERCATO_RABBIT_USER:$MERCATO_RABBIT_PASSWORD" -X "$method" \
    -H 'content-type: application/json' "$@" \
    "http://$MERCATO_RABBIT_HOST:$MERCATO_RABBIT_MANAGEMENT_PORT/api/$path" || true
}

ensure_vhost_with_api() {
  local vhost=$1
  [[ $(rabbit_api GET "vhosts/$vhost") == 200 ]] && return 1
  if [[ $(rabbit_api PUT "vhosts/$vhost") != 20? ]] ||
    [[ $(rabbit_api PUT "permissions/$vhost/$MERCATO_RABBIT_USER" -d '{"configure":".*","write":".*","read":".*"}') != 20? ]]; then
    die "Could not create the RabbitMQ vhost $vhost through the management API."
  fi
}

rabbitmqctl_quietly() {
  if have timeout; then timeout 30 rabbitmqctl -q "$@"; else rabbitmqctl -q "$@"; fi
}

ensure_vhost_with_rabbitmqctl() {
  local vhost=$1 vhosts
  vhosts=$(rabbitmqctl_quietly list_vhosts --no-table-headers 2>&1) || {
    note "RabbitMQ vhost $vhost not checked: rabbitmqctl failed ($(echo "$vhosts" | head -n 1))"
    return 2
  }
  grep -qx "$vhost" <<<"$vhosts" && return 1
  if ! rabbitmqctl_quietly add_vhost "$vhost" >/dev/null ||
    ! rabbitmqctl_quietly set_permissions -p "$vhost" "$MERCATO_RABBIT_USER" '.*' '.*' '.*' >/dev/null; then
    die "Could not create the RabbitMQ vhost $vhost with rabbitmqctl."
  fi
}

rabbit_is_local() { [[ $MERCATO_RABBIT_HOST == localhost || $MERCATO_RABBIT_HOST == 127.0.0.1 || $MERCATO_RABBIT_HOST == ::1 ]]; }

ensure_rabbit_vhost() {
  local vhost=$MERCATO_RABBIT_VHOST rc=0
  if have curl && tcp_reachable "$MERCATO_RABBIT_HOST" "$MERCATO_RABBIT_MANAGEMENT_PORT"; then
    ensure_vhost_with_api "$vhost" || rc=$?
  elif have rabbitmqctl && rabbit_is_local; then
    ensure_vhost_with_rabbitmqctl "$vhost" || rc=$?
  else
    note "RabbitMQ vhost $vhost not checked (no management API on port $MERCATO_RABBIT_MANAGEMENT_PORT, no local rabbitmqctl)"
    return 0
  fi
  case $rc in
    0) ok "RabbitMQ vhost $vhost created" ;;
    1) ok "RabbitMQ vhost $vhost" ;;
  esac
}

# A random secret kept in .mercato, so that it stays the same from one run to the next.
local_secret() {
  local file=$MERCATO_STATE/$1
  if [[ ! -s $file ]]; then
    mkdir -p "$MERCATO_STATE"
    (umask 077 && head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-"$2" >"$file")
  fi
  cat "$file"
}

# identity creates an administrator (and a support agent) only when given a password: local runs get generated ones.
ensure_admin_password() {
  export MERCATO_ADMIN_EMAIL=${MERCATO_ADMIN_EMAIL:-admin@mercato.local}
  export MERCATO_ADMIN_PASSWORD
  [[ -n ${MERCATO_ADMIN_PASSWORD:-} ]] || MERCATO_ADMIN_PASSWORD=$(local_secret admin-password 20)
  # and a support agent for the chat (issue 16), created the same way
  export MERCATO_SUPPORT_EMAIL=${MERCATO_SUPPORT_EMAIL:-support@mercato.local}
  export MERCATO_SUPPORT_PASSWORD
  [[ -n ${MERCATO_SUPPORT_PASSWORD:-} ]] || MERCATO_SUPPORT_PASSWORD=$(local_secret support-password 20)
}

# The provider simulator and the payment service call each other directly (the provider is "external"); psp-sim
# signs its webhooks and payment verifies them with a shared secret (their built-in default is for tests).
# Only for the platform `up` starts: the test suite leaves these unset, so no test posts webhooks to a running payment.
wire_payment_provider() {
  export PSP_SIM_URL=${PSP_SIM_URL:-http://localhost:$(service_port psp-sim)}
  export PSP_SIM_WEBHOOK_URL=${PSP_SIM_WEBHOOK_URL:-http://localhost:$(service_port payment)/webhooks/psp}
  export PSP_SIM_WEBHOOK_SECRET
  [[ -n ${PSP_SIM_WEBHOOK_SECRET:-} ]] || PSP_SIM_WEBHOOK_SECRET=whsec_$(local_secret psp-webhook-secret 32)
}

# The service-client secret of a calling service, generated once and kept in .mercato.
service_client_secret() { local_secret "service-client-$1" 40; }

# Settings only one service's process gets: a caller's own client secret, and identity's list of clients (the
# secrets' SHA-256 and the audiences each may call), so no process sees another one's secret.
service_environment() {
  local service=$1 client audiences
  while read -r client audiences; do
    [[ -n $client ]] || continue
    if [[ $service == "$client" ]]; then
      echo "MERCATO_SERVICE_CLIENT_SECRET=$(service_client_secret "$client")"
    elif [[ $service == identity ]]; then
      local upper=${client^^}
      echo "IDENTITY_SERVICECLIENTS_CLIENTS_${upper}_SECRETSHA256=$(printf '%s' "$(service_client_secret "$client")" |
        sha256sum | cut -d' ' -f1)"
      echo "IDENTITY_SERVICECLIENTS_CLIENTS_${upper}_AUDIENCES=$audiences"
    fi
  done <<<"$MERCATO_SERVICE_CLIENTS"
}

# The settings every service process of the platform is started with; anything that (re)starts one calls this.
platform_environment() {
  ensure_admin_password
  wire_payment_provider
}

provision() {
  ensure_databases
  ensure_rabbit_vhost
  platform_environment
}
