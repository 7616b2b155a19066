# help: List the commands
cmd_help() {
  local name usage
  printf '%sMercato%s: build, run and test the platform locally.\n\n' "$UI_BOLD" "$UI_RESET"
  printf 'Usage: ./mercato <command> [arguments]\n\nCommands:\n'
  for name in $(command_names); do
    usage=$(command_header "$name" usage)
    printf '  %-30s %s\n' "${usage:-$name}" "$(command_header "$name" help)"
  done
  printf '\nSettings come from the environment: MERCATO_PG_HOST/PORT/USER/PASSWORD, MERCATO_REDIS_HOST/PORT,\n'
  printf 'MERCATO_RABBIT_HOST/PORT/USER/PASSWORD, DISCOVERY_PORT, CATALOG_PORT, GATEWAY_PORT (see scripts/lib/config.sh).\n'
}
