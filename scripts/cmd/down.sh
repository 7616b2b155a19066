# help: Stop the services, then the local SMTP server and any embedded PostgreSQL or Redis that up started
cmd_down() {
  [[ $# -eq 0 ]] || die "down takes no arguments."
  stop_services_in_order
  stop_embedded_infrastructure
  ok "Mercato is down"
}
