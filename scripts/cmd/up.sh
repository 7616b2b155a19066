# help: Build what changed, start the infrastructure and the services, print the URLs
cmd_up() {
  [[ $# -eq 0 ]] || die "up takes no arguments."
  require_known_jit
  local started
  started=$(now_ms)
  section "Build"
  ensure_built
  prepare_services
  section "Infrastructure"
  ensure_infrastructure
  # only the running platform sends mail here; the tests start SMTP servers of their own
  ensure_local_smtp
  save_infra_env
  check_connection_budget
  provision
  section "Services"
  start_services
  print_summary "$started"
}

summary_row() { printf '  %-12s %s\n' "$1" "$2"; }

print_summary() {
  local started=$1 service first=yes
  section "Mercato is up ($(elapsed_since "$started"))"
  summary_row Gateway "$(service_url gateway)"
  summary_row 'Swagger UI' "$(service_url gateway)/swagger-ui.html"
  summary_row Discovery "$(service_url discovery)"
  summary_row 'Payment sim' "$(service_url psp-sim)   (the provider simulator; not behind the gateway)"
  for service in $MERCATO_SERVICES; do
    summary_row "${first:+Readiness}" "$(printf '%-13s %s/readyz' "$service" "$(service_url "$service")")"
    first=''
  done
  echo
  summary_row PostgreSQL "$MERCATO_PG_HOST:$MERCATO_PG_PORT$(embedded_mark "$MERCATO_PG_EMBEDDED")"
  summary_row Redis "$MERCATO_REDIS_HOST:$MERCATO_REDIS_PORT$(embedded_mark "$MERCATO_REDIS_EMBEDDED")"
  summary_row RabbitMQ "$MERCATO_RABBIT_HOST:$MERCATO_RABBIT_PORT"
  summary_row SMTP "$MERCATO_SMTP_HOST:$MERCATO_SMTP_PORT (local GreenMail: every mail is captured; ./mercato mail)"
  echo
  summary_row Admin "$MERCATO_ADMIN_EMAIL / $MERCATO_ADMIN_PASSWORD$(admin_login_note)"
  summary_row Support "$MERCATO_SUPPORT_EMAIL / $MERCATO_SUPPORT_PASSWORD   (a chat agent)"
  summary_row Logs "$(display_path "$MERCATO_LOGS")/<service>.log   (./mercato logs <service>)"
  summary_row Stop "./mercato down"
}

# identity creates the admin only when there is none: after a database that outlived .mercato (another checkout, a
# deleted .mercato), the password above is not the admin's. Say so rather than print a password that does not work.
admin_login_note() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$(service_url identity)/v1/auth/login" \
    -H 'Content-Type: application/json' \
    -d "{\"email\":\"$MERCATO_ADMIN_EMAIL\",\"password\":\"$MERCATO_ADMIN_PASSWORD\"}" 2>/dev/null || true)
  [[ $status == 401 ]] || return 0
  printf '\n  %-12s %s' '' "${UI_YELLOW:-}not the admin's password: the admin was created earlier with another one (set"
  printf '\n  %-12s %s' '' "MERCATO_ADMIN_PASSWORD to it, or drop ${IDENTITY_DB_NAME:-mercato_identity} for a fresh start)${UI_RESET:-}"
}
