# help: Dead-letter queues of the services that use messaging: list, look at, replay, purge (as the admin)
# usage: dlq list | show <queue> [--limit N] | replay <queue> [--id <messageId>] | purge <queue> [--yes]
# shellcheck shell=bash
#
# Talks to each messaging service's admin API (/v1/admin/dead-letters) through the gateway
# (/v1/admin/<service>/dead-letters), logged in as admin@mercato.local with the password from
# MERCATO_ADMIN_PASSWORD or .mercato/admin-password. A queue is named by its DLQ (orders.dlq) or its
# consumer's work queue (orders); `list` shows both.

cmd_dlq() {
  local action=${1:-}
  [[ $# -eq 0 ]] || shift
  case $action in
    list) _dlq_list "$@" ;;
    show) _dlq_show "$@" ;;
    replay) _dlq_replay "$@" ;;
    purge) _dlq_purge "$@" ;;
    '' | -h | --help | help) _dlq_usage ;;
    *) die "Unknown dlq action '$action'." "$(_dlq_usage)" ;;
  esac
}

_dlq_usage() {
  cat <<'USAGE'
Usage: ./mercato dlq list                              every messaging service's DLQs and their depth
       ./mercato dlq show <queue> [--limit N]          the oldest N messages (default 20, at most 100), left in place
       ./mercato dlq replay <queue> [--id <messageId>] back to the work queue: one message, or all of them
       ./mercato dlq purge <queue> [--yes]             drop every message (asks first unless --yes)
USAGE
}

_dlq_list() {
  [[ $# -eq 0 ]] || die "dlq list takes no arguments."
  _dlq_login
  local service failed=0
  printf '\n%s%-10s %-44s %8s%s\n' "$UI_BOLD" SERVICE 'DEAD-LETTER QUEUE' DEPTH "$UI_RESET"
  for service in $MERCATO_MESSAGING_SERVICES; do
    _dlq_request GET "$service" "" | _dlq_py list "$service" || failed=1
  done
  return "$failed"
}

_dlq_show() {
  local queue='' limit=20
  while [[ $# -gt 0 ]]; do
    case $1 in
      --limit) [[ $# -ge 2 ]] || die "--limit needs a number."; limit=$2; shift 2 ;;
      -*) die "Unknown option $1." "$(_dlq_usage)" ;;
      *) [[ -z $queue ]] || die "dlq show takes one queue."; queue=$1; shift ;;
    esac
  done
  [[ -n $queue ]] || die "dlq show needs a queue; ./mercato dlq list shows them."
  [[ $limit =~ ^[0-9]+$ ]] || die "--limit must be a number from 1 to 100."
  _dlq_login
  local service
  service=$(_dlq_owner "$queue")
  _dlq_request GET "$service" "/$(_dlq_encode "$queue")?limit=$limit" | _dlq_py show "$service"
}

_dlq_replay() {
  local queue='' id=''
  while [[ $# -gt 0 ]]; do
    case $1 in
      --id) [[ $# -ge 2 ]] || die "--id needs a message id."; id=$2; shift 2 ;;
      -*) die "Unknown option $1." "$(_dlq_usage)" ;;
      *) [[ -z $queue ]] || die "dlq replay takes one queue."; queue=$1; shift ;;
    esac
  done
  [[ -n $queue ]] || die "dlq replay needs a queue; ./mercato dlq list shows them."
  _dlq_login
  local service path
  service=$(_dlq_owner "$queue")
  path="/$(_dlq_encode "$queue")/replay"
  [[ -z $id ]] || path="/$(_dlq_encode "$queue")/messages/$(_dlq_encode "$id")/replay"
  _dlq_request POST "$service" "$path" | _dlq_py replayed "$queue"
}

_dlq_purge() {
  local queue='' yes=''
  while [[ $# -gt 0 ]]; do
    case $1 in
      --yes | -y) yes=1; shift ;;
      -*) die "Unknown option $1." "$(_dlq_usage)" ;;
      *) [[ -z $queue ]] || die "dlq purge takes one queue."; queue=$1; shift ;;
    esac
  done
  [[ -n $queue ]] || die "dlq purge needs a queue; ./mercato dlq list shows them."
  _dlq_login
  local service depth answer
  service=$(_dlq_owner "$queue")
  depth=$(_dlq_request GET "$service" "" | _dlq_py depth "$queue")
  if [[ -z $yes ]]; then
    [[ -t 0 ]] || die "dlq purge drops messages for good; confirm with --yes when not at a terminal."
    printf '  Drop all %s message(s) in %s (%s)? This cannot be undone. [y/N] ' "$depth" "$queue" "$service"
    read -r answer
    [[ $answer == [yY] || $answer == [yY][eE][sS] ]] || { info "nothing purged"; return 0; }
  fi
  _dlq_request DELETE "$service" "/$(_dlq_encode "$queue")" | _dlq_py purged "$queue"
}

# --- plumbing ---------------------------------------------------------------------------------

DLQ_TOKEN=''

# Checks the platform is up and logs in as the admin.
_dlq_login() {
  have curl || die "dlq needs curl."
  have python3 || die "dlq needs python3 (to read JSON)."
  service_ready gateway || die "The platform is not up; run ./mercato up first."
  DLQ_TOKEN=$(admin_token)
}

# _dlq_request <method> <service> <path after /dead-letters>: prints the body, then the status on a line of its own.
_dlq_request() {
  curl -s -m 60 -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $DLQ_TOKEN" -H 'Accept: application/json' \
    "$(service_url gateway)/v1/admin/$2/dead-letters$3" || printf '\n000'
}

# The messaging service that has this DLQ (by its name or its work queue's).
_dlq_owner() {
  local service
  for service in $MERCATO_MESSAGING_SERVICES; do
    if _dlq_request GET "$service" "" | _dlq_py has "$1"; then
      echo "$service"
      return
    fi
  done
  die "No dead-letter queue '$1' in $MERCATO_MESSAGING_SERVICES; ./mercato dlq list shows them."
}

_dlq_encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# _dlq_py <view> [argument]: reads a response (body, then status) on stdin and prints the view of it.
_dlq_py() {
  python3 - "$@" 3<&0 <<'PY'
import json, os, shutil, sys

view, arg = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
raw = os.fdopen(3).read()
text, _, status = raw.rpartition("\n")
if view == "problem":
    text, status = raw, "0"
try:
    doc = json.loads(text) if text.strip() else {}
except ValueError:
    doc = {"detail": text.strip()[:200]}

def problem():
    detail = doc.get("detail") or doc.get("title") or "no details"
    return f"HTTP {status}: {detail}" if status not in ("0", "") else detail

if view == "problem":
    print(problem()); sys.exit(0)
if status != "200" and not (view == "has" and status == "404"):
    where = f" ({arg})" if arg else ""
    if status == "000":
        print(f"  could not reach the gateway{where}", file=sys.stderr)
    else:
        print(f"  {problem()}{where}", file=sys.stderr)
    sys.exit(1)

def cut(value, width):
    value = "" if value is None else " ".join(str(value).split())
    return value if len(value) <= width else value[: width - 1] + "…"

if view == "has":
    sys.exit(0 if any(arg in (q["queue"], q["deadLetterQueue"]) for q in doc.get("items", [])) else 1)
elif view == "depth":
    print(next((q["depth"] for q in doc["items"] if arg in (q["queue"], q["deadLetterQueue"])), 0))
elif view == "list":
    if not doc["items"]:
        print(f"{arg:<10} {'(no consumers, so no dead-letter queues)':<44}")
    for q in doc["items"]:
        print(f"{arg:<10} {q['deadLetterQueue']:<44} {q['depth']:>8}")
elif view == "show":
    items = doc["items"]
    print(f"\n  {doc['deadLetterQueue']} ({arg}): {doc['depth']} message(s), the oldest {len(items)} shown; replays go to {doc['queue']}\n")
    if not items:
        sys.exit(0)
    width = max(30, shutil.get_terminal_size((160, 24)).columns - 36 - 22 - 4 - 20 - 5)
    print(f"{'MESSAGE ID':<36} {'TYPE':<22} {'TRY':>3} {'FAILED AT':<20} ERROR")
    for m in items:
        failed = (m.get("failedAt") or "-")[:19].replace("T", " ")
        print(f"{cut(m.get('messageId') or '-', 36):<36} {cut(m.get('type') or '-', 22):<22} {m.get('attempts', 0):>3} {failed:<20} {cut(m.get('error') or '(dead-lettered by the broker)', width)}")
elif view == "replayed":
    print(f"  replayed {doc['replayed']} message(s) from {arg} to its work queue")
elif view == "purged":
    print(f"  purged {doc['purged']} message(s) from {arg}")
PY
}
