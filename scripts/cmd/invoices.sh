# help: Render the invoice PDFs of a period's confirmed orders as a bulk job, and follow it with a progress bar
# usage: invoices [--from D] [--to D] [--no-wait] | --job ID
# shellcheck shell=bash
#
# Starts a bulk job through the gateway (POST /v1/admin/documents/invoices, as admin@mercato.local like `jobs`) and
# reads GET /v1/admin/documents/jobs/<id> twice a second until the job is COMPLETED or FAILED: a bar redrawn in place
# on a terminal, a line per tenth done elsewhere. --job follows a job started earlier (by another person, or before a
# Ctrl-C: the job goes on without anyone watching). Each end is an RFC 3339 instant or a UTC day; a day as --to
# includes that day. Without either, today's orders (UTC).

INVOICES_STALL_SECONDS=120

cmd_invoices() {
  local from='' to='' job='' wait=true
  while [[ $# -gt 0 ]]; do
    case $1 in
      --from | --to | --job)
        [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value." "$(_invoices_usage)"
        case $1 in
          --from) from=$2 ;;
          --to) to=$2 ;;
          --job) job=$2 ;;
        esac
        shift 2
        ;;
      --no-wait) wait=false; shift ;;
      -h | --help) _invoices_usage; return ;;
      *) die "Unknown argument '$1'." "$(_invoices_usage)" ;;
    esac
  done
  if [[ -n $job ]]; then
    [[ -z $from && -z $to ]] || die "--job follows a job already started: it takes no --from or --to."
    [[ $job =~ ^[0-9a-fA-F-]{36}$ ]] || die "--job needs a job id (a UUID), not '$job'."
  fi
  have curl || die "invoices needs curl."
  have python3 || die "invoices needs python3 (to read JSON)."
  service_ready gateway || die "The platform is not up; run ./mercato up first."
  local token
  token=$(admin_token)
  if [[ -z $job ]]; then
    [[ -n $from ]] || from=$(date -u +%F)
    [[ -n $to ]] || to=$from
    job=$(_invoices_start "$token" "$from" "$to") || die "$job."
    ok "job $job: the invoices of orders confirmed from $from to $to"
  fi
  if [[ $wait == false ]]; then
    note "follow it with ./mercato invoices --job $job"
    return 0
  fi
  _invoices_follow "$token" "$job"
}

_invoices_usage() {
  cat <<'USAGE'
Usage: ./mercato invoices                            today's confirmed orders (UTC), with a progress bar
       ./mercato invoices --from 2026-12-01 --to 2026-12-07
                                                     a period: days (UTC, --to included) or RFC 3339 instants
       ./mercato invoices [...] --no-wait            start the job and print its id
       ./mercato invoices --job <id>                 follow a job started earlier
USAGE
}

# _invoices_start <token> <from> <to>: prints the new job's id, or one sentence (the problem's detail) and fails.
_invoices_start() {
  local body
  body=$(python3 -c 'import json,sys; print(json.dumps({"from": sys.argv[1], "to": sys.argv[2]}))' "$2" "$3")
  curl -s -m 30 -w '\n%{http_code}' -X POST "$(service_url gateway)/v1/admin/documents/invoices" \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' --data-binary @- <<<"$body" |
    _invoices_py start
}

# _invoices_follow <token> <job>: polls the job until it ends; returns 1 when it FAILED.
_invoices_follow() {
  local token=$1 job=$2 started line rc state=RUNNING total=0 rendered=0 failed=0 tick=0 shown=-1 last_done=-1
  local last_change trouble=''
  started=$(now_ms)
  last_change=$started
  while true; do
    rc=0
    line=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $token" -H 'Accept: application/json' \
      "$(service_url gateway)/v1/admin/documents/jobs/$job" | _invoices_py progress) || rc=$?
    case $rc in
      0) read -r state total rendered failed <<<"$line"; trouble='' ;;
      2) trouble="  ${UI_DIM}($line; asking again)$UI_RESET" ;; # the gateway or the service, for a moment
      *) progress_clear; die "$line." ;;
    esac
    if ((rendered + failed != last_done)); then
      last_done=$((rendered + failed))
      last_change=$(now_ms)
    elif (($(now_ms) - last_change > INVOICES_STALL_SECONDS * 1000)); then
      progress_clear
      die "Job $job has made no progress for $INVOICES_STALL_SECONDS s at $last_done of $total: are the documents workers running? (./mercato status, ./mercato logs documents)"
    fi
    if [[ $state != RUNNING ]]; then
      progress_clear
      break
    fi
    if [[ -n $UI_TTY ]]; then
      progress_frame $((tick++)) "$(_invoices_bar "$total" "$rendered" "$failed") $(elapsed_since "$started")$trouble"
    elif ((total > 0 && (rendered + failed) * 10 / total > shown)); then
      shown=$(((rendered + failed) * 10 / total))
      info "$(_invoices_bar "$total" "$rendered" "$failed") $(elapsed_since "$started")"
    fi
    sleep 0.5
  done
  if ((total == 0)); then
    ok "no order was confirmed in that period: nothing to render"
    return 0
  fi
  if [[ $state == COMPLETED ]]; then
    ok "$(_invoices_bar "$total" "$rendered" "$failed") in $(elapsed_since "$started"): every invoice rendered"
    return 0
  fi
  fail "$(_invoices_bar "$total" "$rendered" "$failed") in $(elapsed_since "$started"): $failed could not be rendered (./mercato logs documents)"
  return 1
}

# _invoices_bar <total> <rendered> <failed>: "[####--------------------------] 4500 of 30000  15 %  (2 failed)"
_invoices_bar() {
  local total=$1 rendered=$2 failed=$3 width=30 filled percent
  ((total > 0)) || { printf 'waiting for the job'; return; }
  filled=$(((rendered + failed) * width / total))
  percent=$(((rendered + failed) * 100 / total))
  printf '[%s%s] %s of %s  %d %%%s' "$(printf '%*s' "$filled" '' | tr ' ' '#')" \
    "$(printf '%*s' $((width - filled)) '' | tr ' ' '-')" "$rendered" "$total" "$percent" \
    "$( ((failed == 0)) || echo "  ($failed failed)")"
}

# _invoices_py start|progress: reads a response (body, then the status on a line of its own). start prints the job
# id; progress prints "state total done failed". Otherwise it prints one sentence and fails: 2 when asking again may
# help (no answer, 5xx), 1 when it cannot.
_invoices_py() {
  python3 - "$1" 3<&0 <<'PY'
import json, os, sys

mode = sys.argv[1]
raw = os.fdopen(3).read()
text, _, status = raw.rpartition("\n")
try:
    doc = json.loads(text) if text.strip() else {}
except ValueError:
    doc = {}
if status == "000" or not status.strip():
    print("Could not reach the gateway")
    sys.exit(2)
if mode == "start" and status == "202" and "jobId" in doc:
    print(doc["jobId"])
    sys.exit(0)
if mode == "progress" and status == "200" and "state" in doc:
    print(doc["state"], doc["total"], doc["done"], doc["failed"])
    sys.exit(0)
if status == "404" and mode == "progress":
    print("No such bulk job (HTTP 404)")
    sys.exit(1)
errors = "; ".join(f"{e.get('field')} {e.get('message')}" for e in doc.get("errors", []) if isinstance(e, dict))
detail = errors or doc.get("detail") or doc.get("title") or "no details"
print(f"The documents service answered HTTP {status}: {detail}")
sys.exit(2 if status.startswith("5") else 1)
PY
}
