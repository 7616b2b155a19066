# help: Replay a failure scenario and print the evidence (some need the platform up; ./mercato scenario lists them)
# usage: scenario <name>   (scenario with no name lists them)
cmd_scenario() {
  local name=${1:-}
  if [[ -z $name ]]; then
    section "Scenarios"
    local file
    for file in "$MERCATO_ROOT"/scripts/scenarios/*.sh; do
      printf '  %-18s %s\n' "$(basename "$file" .sh)" "$(sed -n 's/^# about: //p' "$file" | head -n 1)"
    done
    return 0
  fi
  local file=$MERCATO_ROOT/scripts/scenarios/$name.sh
  [[ -f $file ]] || die "No scenario '$name'; ./mercato scenario lists them."
  # Scenarios marked "# needs: platform" replay against the running platform; the others run their own test.
  if grep -q '^# needs: platform' "$file"; then
    have curl || die "Scenarios need curl."
    have python3 || die "Scenarios need python3 (to read JSON)."
    service_ready gateway || die "The platform is not up; run ./mercato up first."
  fi
  # shellcheck source=/dev/null
  source "$file"
  section "Scenario $name"
  "scenario_${name//-/_}"
}

# --- helpers for scenarios -------------------------------------------------------------------

SCENARIO_FAILURES=0

# expect <description> <actual> <expected>: prints a check and remembers failures.
expect() {
  if [[ $2 == "$3" ]]; then
    ok "$1 ($2)"
  else
    fail "$1: expected $3, got $2"
    SCENARIO_FAILURES=$((SCENARIO_FAILURES + 1))
  fi
}

# scenario_test <module> <test class>...: runs a scenario's integration tests (mvn verify) against the local
# PostgreSQL and RabbitMQ, without the platform, and prints the evidence the tests report (their "EVIDENCE " lines)
# as it comes. Each violated invariant counts; a test that fails otherwise counts once.
scenario_test() {
  local module=$1 classes log run rc=0 violated
  shift
  classes=$(IFS=,; echo "$*")
  tcp_reachable "$MERCATO_RABBIT_HOST" "$MERCATO_RABBIT_PORT" || rabbitmq_missing
  ensure_postgres
  [[ -z $EMBEDDED_PG_STARTED_NOW ]] || on_exit embedded_pg_stop
  export MERCATO_PG_HOST MERCATO_PG_PORT
  mkdir -p "$MERCATO_LOGS"
  log=$MERCATO_LOGS/scenario-${classes//,/-}.log
  # shellcheck source=/dev/null
  source "$(command_file test)" # for reap_test_processes: what the run started goes with it
  run=$$-$(now_ms)
  on_exit "reap_test_processes $run"
  info "mvn verify -pl $module -Dit.test=$classes (JDK $(jdk_version "$JAVA_HOME"); log: $(display_path "$log"))"
  # Offline when the local repository has every dependency (faster); online when it has not.
  scenario_maven "$module" "$classes" "$log" "$run" -o || rc=$?
  if ((rc != 0)) && ! grep -q 'EVIDENCE ' "$log" && grep -qi 'offline' "$log"; then
    note "dependencies missing from the local repository; running Maven online"
    rc=0
    scenario_maven "$module" "$classes" "$log" "$run" || rc=$?
  fi
  violated=$(grep -c 'EVIDENCE invariant VIOLATED: ' "$log" || true)
  SCENARIO_FAILURES=$((SCENARIO_FAILURES + violated))
  if ((rc != 0 && violated == 0)); then
    fail "the test failed (mvn exit $rc); the report is in $(display_path "$log")"
    grep -E '^\[ERROR\] +(Tests run:|[A-Za-z].*Scenario(IT|E2E))' "$log" | head -n 10 >&2 || true
    SCENARIO_FAILURES=$((SCENARIO_FAILURES + 1))
  fi
}

# Runs the tests and prints their evidence lines as they come; returns Maven's exit status.
scenario_maven() {
  local module=$1 classes=$2 log=$3 run=$4 line
  shift 4
  scenario_forget_failsafe_summaries
  (cd "$MERCATO_ROOT" && MERCATO_TEST_RUN=$run maven -B -q "$@" -pl "$module" -am verify -Dit.test="$classes" \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false </dev/null 2>&1) |
    tee "$log" | while IFS= read -r line; do
    if [[ $line == *'EVIDENCE '* ]]; then scenario_evidence "${line#*EVIDENCE }"; fi
  done
  return "${PIPESTATUS[0]}"
}

# Failsafe's verify goal fails a module on the summary file its last run left, also when this run ran none of the
# module's tests (-Dit.test picks one class, -am adds the modules below): a failed or interrupted scenario would fail
# every later one that builds the same modules. The summaries are deleted before each run, in every module.
scenario_forget_failsafe_summaries() {
  local module
  for module in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$MERCATO_ROOT/pom.xml"); do
    rm -f "$MERCATO_ROOT/$module"/target/failsafe-reports/failsafe-summary*.xml
  done
}

# One evidence line: invariants as checks, the rest as information.
scenario_evidence() {
  case $1 in
    'invariant held: '*) ok "${1#invariant held: }" ;;
    'invariant VIOLATED: '*) fail "${1#invariant VIOLATED: }" ;;
    'scenario '*) section "${1#scenario *: }" ;;
    'verdict: '*) note "${1#verdict: }" ;;
    *) info "$1" ;;
  esac
}

scenario_verdict() {
  echo
  if ((SCENARIO_FAILURES == 0)); then
    ok "every invariant held"
  else
    die "$SCENARIO_FAILURES invariant(s) violated"
  fi
}

# json <field> reads one top-level field of the JSON document on stdin; prints nothing when it is not JSON.
json() {
  python3 -c 'import json, sys
try:
    print(json.load(sys.stdin).get(sys.argv[1], ""))
except Exception:
    pass' "$1"
}

# A fresh customer on the running platform; prints its email.
scenario_user() {
  local email password=${2:-scenario passphrase}
  email="scenario-$1-$(date +%s%N)@example.com"
  curl -sf -o /dev/null -X POST "$(service_url gateway)/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"name\":\"Scenario\"}" ||
    die "could not register a scenario user"
  echo "$email"
}

# An access token for a fresh customer.
scenario_token() {
  local email token
  email=$(scenario_user "$1")
  token=$(curl -s -X POST "$(service_url gateway)/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"scenario passphrase\"}" | json accessToken)
  [[ -n $token ]] || die "could not log in as a scenario user"
  echo "$token"
}

# http_code <curl arguments...>: the status code only.
http_code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
