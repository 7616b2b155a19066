# help: Every service's scheduled jobs: schedule and last runs (start, end, outcome, what it did), as the admin
# usage: jobs [service] [--runs N]
# shellcheck shell=bash
#
# Reads each job service's admin API (/v1/admin/jobs, libs/jobs) through the gateway (/v1/admin/<service>/jobs),
# logged in as admin@mercato.local with the password from MERCATO_ADMIN_PASSWORD or .mercato/admin-password. Each
# job runs once per cluster (docs/adr/023); a run is listed with the instance that made it, and a sweep's runs in a
# row that found nothing due as one line with their count.

cmd_jobs() {
  local runs=5 only='' service failed=0
  while [[ $# -gt 0 ]]; do
    case $1 in
      --runs) [[ $# -ge 2 ]] || die "--runs needs a number."; runs=$2; shift 2 ;;
      -h | --help) _jobs_usage; return ;;
      -*) die "Unknown option $1." "$(_jobs_usage)" ;;
      *)
        [[ -z $only ]] || die "jobs takes at most one service."
        [[ " $MERCATO_JOB_SERVICES " == *" $1 "* ]] || die "No jobs in '$1': the services with jobs are $MERCATO_JOB_SERVICES."
        only=$1
        shift
        ;;
    esac
  done
  [[ $runs =~ ^[0-9]+$ && $runs -ge 1 && $runs -le 100 ]] || die "--runs must be a number from 1 to 100."
  have curl || die "jobs needs curl."
  have python3 || die "jobs needs python3 (to read JSON)."
  service_ready gateway || die "The platform is not up; run ./mercato up first."
  local token
  token=$(admin_token)
  for service in ${only:-$MERCATO_JOB_SERVICES}; do
    curl -s -m 30 -w '\n%{http_code}' -H "Authorization: Bearer $token" -H 'Accept: application/json' \
      "$(service_url gateway)/v1/admin/$service/jobs?runs=$runs" | _jobs_view "$service" || failed=1
  done
  return "$failed"
}

_jobs_usage() {
  cat <<'USAGE'
Usage: ./mercato jobs                    every job of every service, with its last 5 runs
       ./mercato jobs <service>          one service's jobs (inventory, payment, cart, ordering, documents)
       ./mercato jobs [...] --runs N     the last N runs (1 to 100)
USAGE
}

# _jobs_view <service>: reads a response (body, then the status on a line of its own) and prints the service's jobs.
_jobs_view() {
  python3 - "$1" "$UI_BOLD" "$UI_RESET" 3<&0 <<'PY'
import json, os, sys

service, bold, reset = sys.argv[1], sys.argv[2], sys.argv[3]
raw = os.fdopen(3).read()
text, _, status = raw.rpartition("\n")
try:
    doc = json.loads(text) if text.strip() else {}
except ValueError:
    doc = {"detail": text.strip()[:200]}
if status != "200":
    if status == "000":
        print(f"  {service}: could not reach the gateway", file=sys.stderr)
    else:
        detail = doc.get("detail") or doc.get("title") or "no details"
        print(f"  {service}: HTTP {status}: {detail}", file=sys.stderr)
    sys.exit(1)

def when(value):
    return (value or "-")[:23].replace("T", " ")

print()
for job in doc.get("items", []):
    print(f"{bold}{service} / {job['name']}{reset}  {job['schedule']}  (lock at most {job['lockAtMostFor']}, at least {job['lockAtLeastFor']})")
    if not job["runs"]:
        print("  no run yet")
        continue
    print(f"  {'STARTED':<23}  {'ENDED':<23}  {'OUTCOME':<9}  {'INSTANCE':<24}  SUMMARY")
    for run in job["runs"]:
        summary = " ".join((run.get("summary") or "").split())
        if run.get("runs", 1) > 1:
            summary = f"{summary} (each of {run['runs']} runs in a row)"
        print(f"  {when(run['startedAt']):<23}  {when(run.get('endedAt')):<23}  {run['outcome']:<9}  {run['instance'][:24]:<24}  {summary}")
if not doc.get("items"):
    print(f"{service}: no jobs declared")
PY
}
