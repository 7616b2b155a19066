# shellcheck shell=bash
# The services as background processes: each runs from its own unpacked copy of the jar under
# .mercato/app, so a rebuild (mvn package, ./mercato test) never swaps classes under a running JVM.

SERVICE_STOP_GRACE_SECONDS=15
# A JVM writing its AOT cache at exit needs longer (a second JVM assembles it), more so when all stop together.
SERVICE_STOP_GRACE_SECONDS_WHILE_ARCHIVING=180

# An extra instance (realtime-2) runs its service's unpacked copy and AOT cache; pid file and log are its own.
service_app_dir() { echo "$MERCATO_STATE/app/$(instance_service "$1")"; }
service_app_jar() { echo "$(service_app_dir "$1")/$(instance_service "$1").jar"; }
service_pidfile() { echo "$MERCATO_RUN/$1.pid"; }
service_log() { echo "$MERCATO_LOGS/$1.log"; }
# One cache per JDK release: a cache only fits the JVM that wrote it, and a new JDK trains its own.
service_aot_cache() { echo "$MERCATO_STATE/aot/$(jdk_version "$JAVA_HOME")/$(instance_service "$1").aot"; }
# Present while a service runs that will write its AOT cache when it exits (its training run).
service_archiving_marker() { echo "$MERCATO_RUN/$1.archiving"; }

# True when pid is a JVM running this checkout's copy of the service (an extra instance: that instance).
runs_service() {
  local args
  args=$(ps -ww -o args= -p "$2" 2>/dev/null) || return 1
  [[ $args == *"-jar $(service_app_jar "$1")"* && $(instance_marker_in "$args") == "$(instance_marker "$1")" ]]
}

# Extra instances carry their name on their command line; the first carries none.
instance_marker() { if is_extra_instance "$1"; then echo "-Dmercato.instance=$1"; fi; }
instance_marker_in() { grep -o -- '-Dmercato\.instance=[^ ]*' <<<"$1" || true; }

# The pid of the running service: from its pid file, or by its command line if the file is lost; nothing (and
# success: callers assign it under set -e) when it does not run.
service_pid() {
  local service=$1 pidfile pid=''
  pidfile=$(service_pidfile "$service")
  [[ -f $pidfile ]] && pid=$(<"$pidfile") 2>/dev/null
  if pid_alive "$pid" && runs_service "$service" "$pid"; then
    echo "$pid"
    return
  fi
  # Every process on the machine is looked at: no subshell per line (forks cost the services' start-up CPU).
  local candidate args jar marker
  jar=$(service_app_jar "$service")
  marker=$(instance_marker "$service")
  while read -r candidate args; do
    [[ $args == *java*"-jar $jar"* ]] || continue
    [[ $(instance_marker_in "$args") == "$marker" ]] && { echo "$candidate"; return; }
  done < <(ps -ww -eo pid=,args=)
  return 0
}

# The first readiness path that does not answer 200 yet; nothing when the service is ready.
service_unready_path() {
  local path base
  base=$(service_url "$1")
  for path in $(service_ready_paths "$1"); do
    http_ok "$base$path" || { echo "$path"; return; }
  done
}

service_ready() { [[ -z $(service_unready_path "$1") ]]; }

# True when the unpacked copy was made from the current jar (same modification time).
service_app_current() {
  local jar stamp
  jar=$(service_jar "$1")
  stamp=$(service_app_dir "$1")/.unpacked-from
  [[ -f $stamp && ! $jar -nt $stamp && ! $jar -ot $stamp ]]
}

# Unpacks the jar Spring Boot's way (jarmode=tools): starts faster than the fat jar and, unlike
# it, lets the AOT cache cover the application's classes (it needs a class path of plain jars).
service_unpack() {
  local service=$1 jar dir
  jar=$(service_jar "$service")
  dir=$(service_app_dir "$service")
  rm -rf "$dir.partial"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir.partial" >/dev/null ||
    die "Could not unpack $(display_path "$jar")."
  touch -r "$jar" "$dir.partial/.unpacked-from"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  rm -f "$MERCATO_STATE"/aot/*/"$service".aot
}

# JDK 25's AOT cache (JEPs 483, 514, 515; ADR 018): a run without one is the training run, and writes the cache when
# the service stops: the classes it loaded, already parsed and linked, and the profiles of the methods it ran. Later
# runs start with both, so start-up is shorter and the JIT compiles the hot code from the first requests instead of
# after minutes of profiling. A rebuild drops the cache (service_unpack); a cache the JVM cannot use is ignored.
service_aot_options() {
  local cache
  cache=$(service_aot_cache "$1")
  # an extra instance uses its service's cache, and never writes one: the first instance trains it
  if is_extra_instance "$1"; then
    [[ ! -f $cache ]] || echo "-XX:AOTCache=$cache"
    echo '-Xlog:aot*=off'
    echo '-Xlog:aot=error'
    return
  fi
  # Warnings off: the training run warns about every class it cannot cache (generated and proxy classes), and JDK 25
  # about adapters it cannot link from the cache; expected, not news. Errors stay on: a cache the JVM refuses (another
  # JDK build, changed options) only costs the speed-up, but up reports it (service_aot_refused).
  if [[ -f $cache ]]; then echo "-XX:AOTCache=$cache"; else echo "-XX:AOTCacheOutput=$cache"; fi
  echo '-Xlog:aot*=off'
  echo '-Xlog:aot=error'
}

# True when the JVM refused the AOT cache this run of the service was started with (an error line in its log).
service_aot_refused() {
  local log
  log=$(service_log "$1")
  [[ ! -f $(service_archiving_marker "$1") && -f $log ]] && grep -qE '^\[[^]]*\]\[error *\]\[aot *\]' "$log"
}

service_java_options() {
  local service=$1
  service_aot_options "$service"
  instance_marker "$service"
  echo --sun-misc-unsafe-memory-access=allow
  service_memory_options "$(instance_service "$service")"
  service_jit_options
  local option
  for option in ${MERCATO_JAVA_OPTS:-}; do echo "$option"; done
}

service_launch() {
  local service=$1 log pidfile launcher=nohup
  log=$(service_log "$service")
  pidfile=$(service_pidfile "$service")
  mkdir -p "$MERCATO_RUN" "$MERCATO_LOGS" "$(dirname "$(service_aot_cache "$service")")"
  [[ -f $log ]] && mv "$log" "$log.1"
  have setsid && launcher=setsid
  local options=() option
  while IFS= read -r option; do options+=("$option"); done < <(service_java_options "$service")
  local environment=()
  while IFS= read -r option; do environment+=("$option"); done < <(service_environment "$(instance_service "$service")")
  if is_extra_instance "$service"; then
    environment+=("$(service_field "$(instance_service "$service")" 2)=$(service_port "$service")")
  fi
  rm -f "$pidfile"
  is_extra_instance "$service" || [[ -f $(service_aot_cache "$service") ]] ||
    touch "$(service_archiving_marker "$service")"
  # The inner shell records its own pid, then becomes the JVM: the pid file holds the JVM's pid. MALLOC_ARENA_MAX:
  # glibc would otherwise give each of the JVM's busy threads a malloc arena of its own, tens of MB of RSS apiece.
  # shellcheck disable=SC2016 # expanded by the inner shell
  (cd "$MERCATO_ROOT" && exec "$launcher" bash -c 'echo $$ >"$0" && exec "$@"' "$pidfile" \
    env MALLOC_ARENA_MAX=2 "${environment[@]}" "$JAVA_HOME/bin/java" "${options[@]}" -jar "$(service_app_jar "$service")") \
    >"$log" 2>&1 </dev/null &
  local _
  for _ in $(seq 50); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  die "$service did not start: no pid file after 5 s; see $(display_path "$log")."
}

# Stops the given services together: SIGTERM, a grace period, then SIGKILL.
stop_services() {
  local service pid quick=() saving=()
  for service in "$@"; do
    pid=$(service_pid "$service")
    [[ -n $pid ]] || continue
    if [[ -f $(service_archiving_marker "$service") ]]; then
      info "stopping $service (pid $pid; it saves its AOT cache for faster starts)"
      saving+=("$pid")
    else
      info "stopping $service (pid $pid)"
      quick+=("$pid")
    fi
  done
  terminate "$SERVICE_STOP_GRACE_SECONDS" "${quick[@]}"
  # A JVM writing its AOT cache starts another JVM that assembles it: seconds of CPU and half a gigabyte each. Thirteen
  # at once on two cores ran past the grace period and were killed, losing their caches; a few at a time, as they start.
  while ((${#saving[@]} > 0)); do
    terminate "$SERVICE_STOP_GRACE_SECONDS_WHILE_ARCHIVING" "${saving[@]:0:MERCATO_START_CONCURRENCY}"
    saving=("${saving[@]:MERCATO_START_CONCURRENCY}")
  done
  for service in "$@"; do rm -f "$(service_pidfile "$service")" "$(service_archiving_marker "$service")"; done
}

# The running extra instances of a service (./mercato scale), by name.
extra_instances() {
  local pidfile
  for pidfile in "$MERCATO_RUN/$1"-[0-9]*.pid; do
    [[ -f $pidfile ]] || continue
    pidfile=${pidfile##*/}
    echo "${pidfile%.pid}"
  done
}

# Stops the given services (all by default) with their extra instances, the registry last so that the others can
# still deregister.
stop_services_in_order() {
  local service clients='' registry=''
  for service in $(reversed_services); do
    [[ $# -eq 0 || " $* " == *" $service "* ]] || continue
    if [[ $service == discovery ]]; then registry=$service; else clients+="$(extra_instances "$service" | tr '\n' ' ')$service "; fi
  done
  # shellcheck disable=SC2086 # lists of service names
  stop_services $clients
  # shellcheck disable=SC2086
  stop_services $registry
}
