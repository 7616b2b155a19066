# shellcheck shell=bash
# Turns the services' JSON (ECS) log lines into "time level logger message"; other lines pass through.
# With "compact", stack traces shrink to their exception type and message.

# shellcheck disable=SC2016 # jq program, not shell
JQ_LOG_FORMAT='
  def short: split(".") | (.[:-1] | map(.[0:1])) + .[-1:] | join(".");
  def line: "\((.["@timestamp"] // "")[11:23]) \((.log.level // "") | .[0:5] | . + " " * (5 - length)) \((.log.logger // "") | short): \(.message // "")";
  def error($compact):
    if .error == null then ""
    elif $compact then "\n    \(.error.type // ""): \(.error.message // "")"
    else "\n" + (.error.stack_trace // "\(.error.type): \(.error.message)") end;
  (fromjson? // .) as $entry
  | if ($entry | type) == "object" then ($entry | line + error($compact)) else $entry end'

PY_LOG_FORMAT='
import json, sys
compact = sys.argv[1] == "true"
def short(name):
    parts = name.split(".")
    return ".".join([p[:1] for p in parts[:-1]] + parts[-1:])
for raw in sys.stdin:
    raw = raw.rstrip("\n")
    try:
        entry = json.loads(raw)
    except ValueError:
        entry = None
    if not isinstance(entry, dict):
        print(raw, flush=True)
        continue
    log = entry.get("log", {})
    text = "%s %-5s %s: %s" % (entry.get("@timestamp", "")[11:23], log.get("level", ""),
                               short(log.get("logger", "")), entry.get("message", ""))
    error = entry.get("error")
    if error:
        summary = "%s: %s" % (error.get("type", ""), error.get("message", ""))
        text += "\n    " + summary if compact else "\n" + error.get("stack_trace", summary)
    print(text, flush=True)
'

# Reads log lines on stdin. $1: "compact" to shorten stack traces.
format_log() {
  local compact=false
  [[ ${1:-} == compact ]] && compact=true
  if have jq; then
    jq --unbuffered -R -r --argjson compact "$compact" "$JQ_LOG_FORMAT"
  elif have python3; then
    python3 -u -c "$PY_LOG_FORMAT" "$compact"
  else
    cat
  fi
}
