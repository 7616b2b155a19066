# help: Run the whole test suite (mvn verify) against the local PostgreSQL, Redis and RabbitMQ
# usage: test [maven arguments]
cmd_test() {
  # The tests publish on the platform's exchanges. A vhost of their own keeps their events out of the durable queues
  # of a platform ./mercato up runs or left behind, which would otherwise mail, push and render for test users.
  MERCATO_RABBIT_VHOST=${MERCATO_TEST_RABBIT_VHOST:-mercato-test}
  section "Infrastructure"
  ensure_infrastructure_for_tests
  provide_redis_server_for_tests
  section "mvn -B verify -Pimages $*"
  note "JDK $(jdk_version "$JAVA_HOME") at $JAVA_HOME"
  local run rc=0 started
  run=$$-$(now_ms)
  on_exit "reap_test_processes $run"
  started=$(mktemp)
  # The images are built and checked too (deploy/), from a base made here: tests need no registry.
  (cd "$MERCATO_ROOT" && MERCATO_TEST_RUN=$run maven -B verify -Pimages -Dmercato.image.base=local "$@") || rc=$?
  report_flaky_tests "$started"
  rm -f "$started"
  exit "$rc"
}

# A test that failed and then passed on its rerun (testReruns in pom.xml) leaves the run green; name it so it is
# fixed rather than forgotten. Only reports written after the file $1 was made count.
report_flaky_tests() {
  local flaky
  flaky=$(find "$MERCATO_ROOT" -path '*/target/*-reports/TEST-*.xml' -newer "$1" -print0 2>/dev/null |
    xargs -0 -r awk '
      /<testcase / { match($0, /name="[^"]*"/); name = substr($0, RSTART + 6, RLENGTH - 7)
                     match($0, /classname="[^"]*"/); cls = substr($0, RSTART + 11, RLENGTH - 12) }
      /<flaky(Failure|Error)/ && !seen[cls "." name]++ { print "  " cls "." name }') || true
  [[ -n $flaky ]] || return 0
  warn "flaky: failed, then passed when run again (fix these):"
  echo "$flaky" >&2
}

# The same checks as up, and the RabbitMQ vhost the tests connect to (a fresh machine has only "/"). An embedded
# PostgreSQL or Redis started only for this run stops with it.
ensure_infrastructure_for_tests() {
  ensure_infrastructure
  ensure_rabbit_vhost
  [[ -z $EMBEDDED_PG_STARTED_NOW ]] || on_exit embedded_pg_stop
  [[ -z $EMBEDDED_REDIS_STARTED_NOW ]] || on_exit embedded_redis_stop
}

# Tests that stop and restart Redis on purpose run a redis-server of their own (MERCATO_REDIS_SERVER).
provide_redis_server_for_tests() {
  if [[ -n ${MERCATO_REDIS_SERVER:-} ]] || have redis-server; then return 0; fi
  embedded_redis_install
  export MERCATO_REDIS_SERVER=$EMBEDDED_REDIS_SERVER
  note "redis-server for tests: $(display_path "$EMBEDDED_REDIS_SERVER")"
}

# Pids of processes whose environment holds MERCATO_TEST_RUN=<run>: whatever the run started.
test_run_processes() {
  local entry=MERCATO_TEST_RUN=$1
  if [[ -r /proc/self/environ ]]; then
    # grep also fails on processes that end while it reads; what it found still counts.
    grep -l -z -x -F "$entry" /proc/[0-9]*/environ 2>/dev/null | sed 's|/proc/\([0-9]*\)/environ|\1|' || true
  else
    ps -A -ww -E -o pid=,command= 2>/dev/null | awk -v entry=" $entry" 'index($0, entry) { print $1 }' || true
  fi
}

# Services and servers the tests started are meant to die with the test JVM; if one survived
# (the JVM was killed), it goes now.
reap_test_processes() {
  local pids
  pids=$(test_run_processes "$1" | grep -vx "$$" || true)
  [[ -n $pids ]] || return 0
  warn "stopping processes the tests left behind: $(echo "$pids" | tr '\n' ' ')"
  # shellcheck disable=SC2086 # a list of pids
  terminate 10 $pids
}
