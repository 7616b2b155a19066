# shellcheck shell=bash
# Addresses, ports and paths, with the defaults the services themselves use.

MERCATO_STATE=$MERCATO_ROOT/.mercato
MERCATO_RUN=$MERCATO_STATE/run
MERCATO_LOGS=$MERCATO_STATE/logs
MERCATO_ENV_FILE=$MERCATO_STATE/env

# The services in start order (`down` stops them in reverse): name, port variable and default,
# database variable and default ("-" for none). A new service is one more line here.
MERCATO_SERVICE_TABLE='
discovery DISCOVERY_PORT 8761 - -
identity IDENTITY_PORT 8082 IDENTITY_DB_NAME mercato_identity
catalog CATALOG_PORT 8081 CATALOG_DB_NAME mercato_catalog
psp-sim PSP_SIM_PORT 8090 PSP_SIM_DB_NAME mercato_psp_sim
payment PAYMENT_PORT 8086 PAYMENT_DB_NAME mercato_payment
inventory INVENTORY_PORT 8083 INVENTORY_DB_NAME mercato_inventory
cart CART_PORT 8084 - -
ordering ORDERING_PORT 8085 ORDERING_DB_NAME mercato_ordering
realtime REALTIME_PORT 8087 REALTIME_DB_NAME mercato_realtime
notifications NOTIFICATIONS_PORT 8088 NOTIFICATIONS_DB_NAME mercato_notifications
chat CHAT_PORT 8089 CHAT_DB_NAME mercato_chat
documents DOCUMENTS_PORT 8091 DOCUMENTS_DB_NAME mercato_documents
gateway GATEWAY_PORT 8080 - -
'
MERCATO_SERVICES=$(echo "$MERCATO_SERVICE_TABLE" | awk 'NF { printf "%s ", $1 }')
# How `up` starts them: the registry first, then every service at once (none needs another to start: tokens, keys and
# gRPC channels are fetched on first use). The gateway starts with them: its readiness waits until it sees the others
# registered, so it is not ready before they are; started after them, it waited for their JIT to finish compiling
# (6-26 s more for `up`, docs/benchmarks.md 2026-12-07 morning).
MERCATO_START_WAVES='discovery|identity catalog psp-sim payment inventory cart ordering realtime notifications chat documents gateway'
# The services that use libs/messaging: `./mercato dlq` reaches each one's dead-letter API through the gateway
# (/v1/admin/<service>/dead-letters, one route per service in the gateway's application.yml).
MERCATO_MESSAGING_SERVICES='catalog notifications documents'
# The services with scheduled jobs (libs/jobs): `./mercato jobs` reads each one's jobs through the gateway
# (/v1/admin/<service>/jobs, one route per service in the gateway's application.yml).
MERCATO_JOB_SERVICES='inventory payment cart ordering documents'
# Who calls whom over gRPC (docs/adr/005 and 007): each caller gets its own secret, identity learns the secret's hash
# and the audiences that client may ask tokens for.
MERCATO_SERVICE_CLIENTS='
ordering cart,inventory,payment
cart catalog
'

: "${MERCATO_PG_HOST:=localhost}" "${MERCATO_PG_PORT:=5432}" "${MERCATO_PG_USER:=postgres}" "${MERCATO_PG_PASSWORD:=}"
: "${MERCATO_REDIS_HOST:=localhost}" "${MERCATO_REDIS_PORT:=6379}"
: "${MERCATO_RABBIT_HOST:=localhost}" "${MERCATO_RABBIT_PORT:=5672}"
: "${MERCATO_RABBIT_USER:=guest}" "${MERCATO_RABBIT_PASSWORD:=guest}" "${MERCATO_RABBIT_VHOST:=mercato}"
: "${EUREKA_URL:=http://localhost:${DISCOVERY_PORT:-8761}/eureka/}"
: "${MERCATO_EMBEDDED_PG_PORT:=15432}" "${MERCATO_EMBEDDED_REDIS_PORT:=16379}"
# The local SMTP server `up` starts (GreenMail): SMTP for the notifications service, and its HTTP API for `./mercato mail`.
: "${MERCATO_SMTP_HOST:=localhost}" "${MERCATO_SMTP_PORT:=3025}" "${MERCATO_SMTP_API_PORT:=8025}"
# A first start on a fresh machine migrates and seeds every database and records the class-data archives, with the
# whole wave starting at once on two cores: 90 s was seen to be too short for catalog.
: "${MERCATO_START_TIMEOUT:=240}"
# Services starting at once (scripts/lib/startup.sh), and stopping at once while they write their AOT cache
# (stop_services): one more than the cores keeps them all busy.
: "${MERCATO_START_CONCURRENCY:=$(($(nproc 2>/dev/null || echo 2) + 1))}"
# The services' JIT: c1 (C1 alone) or tiered (C1 then C2), scripts/lib/jvm.sh and docs/adr/024.
: "${MERCATO_JIT:=c1}"
# Local runs: per-caller rate limits roomy enough for `./mercato load` from one address (the
# rate-limit-burst scenario runs its own gateways with tight limits). Production sets its own.
: "${GATEWAY_RATE_LIMIT_CATALOG_PER_SECOND:=5000}" "${GATEWAY_RATE_LIMIT_CATALOG_BURST:=10000}"
: "${GATEWAY_RATE_LIMIT_GLOBAL_PER_MINUTE:=600000}"
: "${GATEWAY_RATE_LIMIT_AUTH_PER_MINUTE:=600}" "${GATEWAY_RATE_LIMIT_AUTH_BURST:=100}"
: "${GATEWAY_RATE_LIMIT_CHECKOUT_PER_SECOND:=1000}" "${GATEWAY_RATE_LIMIT_CHECKOUT_BURST:=2000}"
export GATEWAY_RATE_LIMIT_CATALOG_PER_SECOND GATEWAY_RATE_LIMIT_CATALOG_BURST GATEWAY_RATE_LIMIT_GLOBAL_PER_MINUTE \
  GATEWAY_RATE_LIMIT_AUTH_PER_MINUTE GATEWAY_RATE_LIMIT_AUTH_BURST \
  GATEWAY_RATE_LIMIT_CHECKOUT_PER_SECOND GATEWAY_RATE_LIMIT_CHECKOUT_BURST
# Where the documents service keeps rendered invoices and reports (one directory for all its instances).
: "${DOCUMENTS_DIR:=$MERCATO_STATE/documents}"
export DOCUMENTS_DIR
export MERCATO_PG_HOST MERCATO_PG_PORT MERCATO_PG_USER MERCATO_PG_PASSWORD \
  MERCATO_REDIS_HOST MERCATO_REDIS_PORT \
  MERCATO_RABBIT_HOST MERCATO_RABBIT_PORT MERCATO_RABBIT_USER MERCATO_RABBIT_PASSWORD MERCATO_RABBIT_VHOST EUREKA_URL \
  MERCATO_SMTP_HOST MERCATO_SMTP_PORT MERCATO_SMTP_API_PORT

# One column of a service's row in the table.
service_field() {
  echo "$MERCATO_SERVICE_TABLE" | awk -v name="$1" -v column="$2" '$1 == name { print $column }'
}

# A setting from the environment, else its default from the table; nothing for "-".
service_setting() {
  local variable default
  variable=$(service_field "$1" "$2")
  default=$(service_field "$1" "$3")
  [[ -z $variable || $variable == - ]] || echo "${!variable:-$default}"
}

# A service's instances past its first (./mercato scale) are named <service>-<n>, and listen 100 ports above the one
# before: realtime-2 on 8187. Only services that need nothing else per instance (no gRPC port, no job of their own
# that must run once) may have several.
MERCATO_SCALABLE_SERVICES='realtime'
instance_service() { if [[ $1 =~ ^(.+)-([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo "$1"; fi; }
instance_number() { if [[ $1 =~ ^.+-([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo 1; fi; }
is_extra_instance() { [[ $1 =~ ^.+-[0-9]+$ ]]; }

service_port() {
  local base
  base=$(service_setting "$(instance_service "$1")" 2 3)
  echo $((base + 100 * ($(instance_number "$1") - 1)))
}
service_databases() { service_setting "$1" 4 5; }

service_url() { echo "http://localhost:$(service_port "$1")"; }

# Paths that must answer 200 before a service counts as ready. The gateway is only useful
# once it routes to catalog, which takes a Eureka registration and a registry fetch.
service_ready_paths() {
  case $1 in
    gateway) echo '/readyz /v1/categories' ;;
    *) echo '/readyz' ;;
  esac
}

reversed_services() {
  local service reversed=''
  for service in $MERCATO_SERVICES; do reversed="$service $reversed"; done
  echo "$reversed"
}
