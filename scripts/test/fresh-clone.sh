#!/usr/bin/env bash
# Runs every command's quick happy path the way a newcomer would: on a fresh clone of this repository's last commit
# (what is not committed is not tested), next to the platform that ./mercato up of this checkout runs. Each command
# must end as expected, and a command that fails must say why in one "error:" sentence, never in a traceback.
# Needs the platform up; takes about a minute (verify builds its checker in the clone). Not part of ./mercato test.
set -euo pipefail

unset MERCATO_ADMIN_PASSWORD
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
clone=$(mktemp -d "${TMPDIR:-/tmp}/mercato-fresh.XXXXXX")
trap 'rm -rf "$clone"' EXIT
failures=0

# check <expected exit code> <command arguments...>: runs ./mercato in the clone and judges what it printed.
check() {
  local expected=$1 output rc=0
  shift
  output=$(cd "$clone" && ./mercato "$@" 2>&1 </dev/null) || rc=$?
  if [[ $output == *Traceback* ]]; then
    echo "FAIL  mercato $* printed a traceback"
  elif ((rc != expected)); then
    echo "FAIL  mercato $* exited $rc, expected $expected"
  elif ((rc != 0)) && [[ $(grep -c '^error: ' <<<"$output") != 1 ]]; then
    echo "FAIL  mercato $* failed without one error sentence"
  else
    echo "ok    mercato $* (exit $rc)"
    return 0
  fi
  sed 's/^/      /' <<<"$output" | tail -n 15
  failures=$((failures + 1))
}

curl -sf -o /dev/null "http://localhost:${GATEWAY_PORT:-8080}/readyz" ||
  { echo "The platform is not up: run ./mercato up first." >&2; exit 2; }
git clone -q "$root" "$clone"

check 0 help
check 0 status
check 1 logs gateway -n 5 # a fresh clone has no logs yet
check 0 scenario
check 1 bench # which benchmark?
check 0 bench checkout --help
check 0 load --help
check 0 images --help
check 1 images --base # which base?
check 0 dlq
check 0 mail --help
check 1 mail a@example.com b@example.com # one address at most
check 0 mail nobody@example.com # the platform's local SMTP server answers from a clone too
check 0 verify --settle 5
# The admin's password belongs to the checkout that ran ./mercato up; the clone has none.
check 1 demo
check 1 dlq list
check 1 jobs
check 1 jobs nosuch # not a service with jobs
check 1 jobs --runs 0
check 0 invoices --help
check 1 invoices --job nosuch # not a job id
check 1 invoices # the admin's password belongs to the checkout that ran up
if [[ -s $root/.mercato/admin-password ]]; then
  MERCATO_ADMIN_PASSWORD=$(<"$root/.mercato/admin-password")
  export MERCATO_ADMIN_PASSWORD
  check 0 demo
  check 0 dlq list
  check 0 jobs
  check 0 jobs inventory --runs 2
  check 0 invoices # today's orders, with the demo's among them
  check 1 invoices --job 00000000-0000-0000-0000-000000000000 # no such job
  check 1 invoices --from yesterday # not a date: the service says which field, through the gateway
fi

((failures == 0)) || { echo "$failures command(s) misbehaved on a fresh clone." >&2; exit 1; }
echo "Every command behaved on a fresh clone."
