# help: Replay a failure scenario against the running platform and print the evidence
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
  have curl || die "Scenarios need curl."
  have python3 || die "Scenarios need python3 (to read JSON)."
  service_ready gateway || die "The platform is not up; run ./mercato up first."
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

scenario_verdict() {
  echo
  if ((SCENARIO_FAILURES == 0)); then
    ok "every invariant held"
  else
    die "$SCENARIO_FAILURES invariant(s) violated"
  fi
}

# json <field> reads one top-level field of the JSON document on stdin.
json() { python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1"; }

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
