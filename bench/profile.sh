#!/usr/bin/env bash
# Where a service's CPU goes: restarts one service of the running platform (./mercato up) with async-profiler loaded
# at JVM start (dynamic attach and perf events are not available on every machine; the agent and itimer sampling
# are), records for the warm-up plus the measured window while you drive load, and writes a CPU flame graph (HTML)
# of the measured window only, plus the hottest frames as text.
#
#   ./mercato bench profile <service> [--seconds S (60)] [--warmup W (20)] [--interval MS (5)]
#
# Output: .mercato/profiles/<service>/<time>.html (flame graph), <time>.jfr (the recording: convert other windows or
# views with the jfr-converter jar next to the agent), <time>-top.txt. async-profiler 4.1 and its converter come
# from Maven Central (tools.profiler:async-profiler:4.1:linux-x64, tools.profiler:jfr-converter:4.1) into
# .mercato/tools/. The service keeps running afterwards, the profiler stopped; ./mercato down && ./mercato up
# starts it without the agent.
set -euo pipefail

: "${MERCATO_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# shellcheck source=/dev/null
source "$MERCATO_ROOT/scripts/lib/config.sh"
for library in "$MERCATO_ROOT"/scripts/lib/*.sh; do
  # shellcheck source=/dev/null
  [[ $library == */config.sh ]] || source "$library"
done

ASYNC_PROFILER_VERSION=4.1
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

service='' seconds=60 warmup=20 interval=5
while (($#)); do
  case $1 in
    --seconds) seconds=${2:-}; shift 2 ;;
    --warmup) warmup=${2:-}; shift 2 ;;
    --interval) interval=${2:-}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) die "Unknown option $1." "$(usage | sed -n 6p)" ;;
    *) [[ -z $service ]] || die "One service at a time." "$(usage | sed -n 6p)"; service=$1; shift ;;
  esac
done
[[ -n $service ]] || die "Which service?" "./mercato bench profile <service>; services: $MERCATO_SERVICES"
[[ " $MERCATO_SERVICES " == *" $service "* ]] || die "Unknown service '$service'." "Services: $MERCATO_SERVICES"
for number in "$seconds" "$warmup" "$interval"; do
  [[ $number =~ ^[0-9]+$ ]] || die "--seconds, --warmup and --interval take whole numbers."
done
((seconds > 0 && interval > 0)) || die "--seconds and --interval must be above 0."
[[ $(platform_os) == linux && $(platform_arch) == amd64 ]] ||
  die "The profiler is fetched for linux-x64 only; this machine is $(platform_os)-$(platform_arch)."
use_jdk
[[ -n $(service_pid "$service") ]] ||
  die "$service is not running." "Start the platform first: ./mercato up"

tools=$MERCATO_STATE/tools/async-profiler-$ASYNC_PROFILER_VERSION
agent=$tools/libasyncProfiler.so
converter=$tools/jfr-converter-$ASYNC_PROFILER_VERSION.jar
if [[ ! -f $agent || ! -f $converter ]]; then
  info "fetching async-profiler $ASYNC_PROFILER_VERSION from Maven Central"
  maven_fetch "tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" "$tools"
  maven_fetch "tools.profiler:jfr-converter:$ASYNC_PROFILER_VERSION:jar" "$tools"
  unzip_member "$tools/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar" linux-x64/libasyncProfiler.so >"$agent"
fi

out=$MERCATO_STATE/profiles/$service
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
recording=$out/$stamp.jfr
total=$((warmup + seconds))

section "Profiling $service"
stop_services "$service"
# the same settings `up` gives it (a payment without them rejects every webhook psp-sim signs)
platform_environment
started=$(now_ms)
MERCATO_JAVA_OPTS="${MERCATO_JAVA_OPTS:-} -agentpath:$agent=start,event=itimer,interval=${interval}ms,timeout=$total,file=$recording" \
  service_launch "$service"
wait_until_ready "$service" "$started" || { show_failure_log "$service"; die "$service did not come up with the profiler."; }
ok "$service ready with the profiler in $(elapsed_since "$started"); recording for ${total}s"
note "drive the load now (e.g. ./mercato load, bench/checkout.sh); the first ${warmup}s are warm-up and left out"

sleep "$total"
for _ in $(seq 60); do
  if [[ -s $recording ]]; then
    size=$(stat -c %s "$recording")
    sleep 1
    [[ $(stat -c %s "$recording") == "$size" ]] && break
  fi
  sleep 1
done
[[ -s $recording ]] || die "No recording at $(display_path "$recording") after ${total}s." "See $(display_path "$(service_log "$service")")."

convert() { "$JAVA_HOME/bin/java" -jar "$converter" --cpu --from $((warmup * 1000)) --to $((total * 1000)) "$@"; }
convert --title "$service: CPU, ${seconds}s after ${warmup}s of warm-up ($stamp)" -o html "$recording" "$out/$stamp.html"
convert -o collapsed "$recording" "$out/$stamp.collapsed"
# The frames that use the CPU themselves (leaf frames), by share of all samples.
awk '{ n = $NF; $NF = ""; sub(/ $/, ""); count = split($0, frames, ";"); self[frames[count]] += n; total += n }
     END { for (f in self) printf "%6.2f%%  %s\n", 100 * self[f] / total, f; printf "%d samples\n", total > "/dev/stderr" }' \
  "$out/$stamp.collapsed" 2>"$out/$stamp-samples.txt" | sort -rn | awk 'NR <= 25' >"$out/$stamp-top.txt"
rm -f "$out/$stamp.collapsed"

ok "flame graph  $(display_path "$out/$stamp.html")"
ok "top frames   $(display_path "$out/$stamp-top.txt") ($(cat "$out/$stamp-samples.txt"))"
rm -f "$out/$stamp-samples.txt"
head -n 10 "$out/$stamp-top.txt"
