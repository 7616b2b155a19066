# shellcheck shell=bash
# Builds the service jars that are missing or older than their sources. A service is stale when a
# file under services/<name>, or under what every service builds on (the root pom.xml, .mvn, libs,
# contracts), outside target/, is newer than its stamp. Only stale services are rebuilt, so only
# they restart; an edit in e2e/ or bench/ rebuilds nothing.

BUILD_STAMPS=$MERCATO_STATE/build
BUILD_LOG=$MERCATO_LOGS/build.log

service_jar() { echo "$MERCATO_ROOT/services/$1/target/$1.jar"; }
service_build_stamp() { echo "$BUILD_STAMPS/$1.stamp"; }

# True when a file under the given paths is newer than the stamp.
changed_since() {
  local stamp=$1 inputs=() candidate
  shift
  for candidate in "$@"; do
    [[ -e $candidate ]] && inputs+=("$candidate")
  done
  [[ ${#inputs[@]} -gt 0 ]] || return 1
  [[ -n $(find "${inputs[@]}" -name target -prune -o -newer "$stamp" -type f -print 2>/dev/null | head -n 1) ]]
}

service_is_stale() {
  local service=$1 stamp
  stamp=$(service_build_stamp "$service")
  [[ -f $(service_jar "$service") && -f $stamp ]] || return 0
  (cd "$MERCATO_ROOT" && changed_since "$stamp" pom.xml .mvn libs contracts "services/$service")
}

stale_services() {
  local service
  for service in $MERCATO_SERVICES; do
    service_is_stale "$service" && printf '%s ' "$service"
  done
  return 0
}

build_services() {
  local modules='' service started
  for service in "$@"; do modules+="${modules:+,}services/$service"; done
  mkdir -p "$MERCATO_LOGS" "$BUILD_STAMPS"
  # Stamped before the build so that an edit made while it runs still counts as newer.
  touch "$BUILD_STAMPS/next"
  started=$(now_ms)
  if ! run_logged "building $*" "$BUILD_LOG" \
    maven -B -q -ntp -Dstyle.color=never package -DskipTests -Dspotless.apply.skip=true -pl "$modules" -am \
    -f "$MERCATO_ROOT/pom.xml"; then
    fail "build failed; last lines of $(display_path "$BUILD_LOG"):"
    tail -n 40 "$BUILD_LOG" >&2
    exit 1
  fi
  for service in "$@"; do cp -p "$BUILD_STAMPS/next" "$(service_build_stamp "$service")"; done
  rm -f "$BUILD_STAMPS/next"
  ok "built in $(elapsed_since "$started")"
}

ensure_built() {
  local stale
  stale=$(stale_services)
  if [[ -n $stale ]]; then
    # shellcheck disable=SC2086 # a list of service names
    build_services $stale
  else
    ok "jars are up to date"
  fi
}
