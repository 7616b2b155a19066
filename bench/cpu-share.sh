#!/usr/bin/env bash
# Where the CPU goes: samples the CPU time (user + system, from /proc/<pid>/stat) of every process on the machine
# at the start and the end of a window, and prints the CPU seconds each group used and its share of the machine.
# Run it beside a steady load (bench/checkout.sh, ./mercato load) to see which process a request's cost lands in.
#
#   bench/cpu-share.sh [--seconds S (30)] [--delay S (0): wait before the window starts]
#
# The line "(jit)" is the part of the services' lines spent by their JIT compiler threads: on a freshly started
# platform it is a large share for minutes (docs/benchmarks.md, 2026-12-06 evening).
#
# Groups: a Mercato service by its jar (.mercato/app/<name>/ or services/<name>/target/ of this checkout; another
# checkout's services are "other-checkouts"), gatling and wrk (load generators), nginx (bench/edge.sh's peer proxy),
# postgres, rabbitmq (beam.smp and its helpers), redis, other. Processes that start or end inside the window are
# counted for the part they lived in it.
set -euo pipefail

seconds=30 delay=0
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --delay) delay=$2; shift 2 ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "cpu-share.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $seconds =~ ^[0-9]+$ && $delay =~ ^[0-9]+$ ]] && ((seconds > 0)) || {
  echo "cpu-share.sh: --seconds and --delay take whole numbers (seconds > 0)" >&2
  exit 2
}

ticks=$(getconf CLK_TCK)
MERCATO_ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
export MERCATO_ROOT
cores=$(nproc)

# One line per process: pid group cpu_ticks (python reads /proc in a blink; a shell loop took seconds, which blurs
# the window's edges)
snapshot() {
  python3 - <<'PY'
import os, re, time
# the window is measured between the snapshots, not assumed: on a saturated machine the snapshots start late
print("window", "clock", time.monotonic() * os.sysconf("SC_CLK_TCK"))
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        continue
    fields = stat[stat.rindex(")") + 2:].split()
    # ./mercato up runs .mercato/app/<name>/<name>.jar; tests run services/<name>/target/<name>.jar. Services of
    # another checkout (a second clone's tests, say) are not this platform's: counted apart.
    jar = re.search(r"(\S*(?:\.mercato/app|services)/([\w-]+)/(?:target/)?[\w.-]+\.jar)", cmd)
    cwd = os.readlink(f"/proc/{pid}/cwd") if jar else ""
    if jar and not os.path.normpath(os.path.join(cwd, jar.group(1))).startswith(os.environ["MERCATO_ROOT"] + "/"):
        group = "other-checkouts"
        jar = None
    elif jar:
        group = jar.group(2)
    elif "gatling" in cmd:
        group = "gatling"
    elif "postgres" in cmd:
        group = "postgres"
    elif re.search(r"beam\.smp|rabbitmq|erl_child_setup|inet_gethost|epmd", cmd):
        group = "rabbitmq"
    elif "redis-server" in cmd:
        group = "redis"
    elif re.match(r"nginx: ", cmd):
        group = "nginx"
    elif re.match(r"(\S*/)?wrk ", cmd):
        group = "wrk"
    else:
        group = "other"
    # utime and stime are fields 14 and 15 of stat, the 12th and 13th after the command name
    print(pid, group, int(fields[11]) + int(fields[12]))
    if jar:
        # the JIT compiler threads of a service's JVM, reported apart (already counted in the service's line)
        jit = 0
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/stat") as f:
                    t = f.read()
                if "CompilerThre" in t[t.index("(") + 1:t.rindex(")")]:
                    tf = t[t.rindex(")") + 2:].split()
                    jit += int(tf[11]) + int(tf[12])
        except OSError:
            pass
        print(f"{pid}:jit", "(jit)", jit)
PY
}

sleep "$delay"
before=$(mktemp)
after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
snapshot >"$before"
sleep "$seconds"
snapshot >"$after"

awk -v ticks="$ticks" -v cores="$cores" '
  $1 == "window" { if (NR == FNR) began = $3; else ended = $3; next }
  NR == FNR { start[$1] = $3; next }
  $2 ~ /^\(/ { aside[$2] += $3 - ($1 in start ? start[$1] : 0); next }
  { used[$2] += $3 - ($1 in start ? start[$1] : 0) }
  END {
    seconds = (ended - began) / ticks
    for (g in used) total += used[g]
    printf "%-15s %7s %8s %8s\n", "group", "cpu-s", "cores", "share"
    for (g in used) if (used[g] > 0)
      printf "%-15s %7.1f %8.2f %7.1f%%\n", g, used[g] / ticks, used[g] / ticks / seconds, 100 * used[g] / total | "sort -k2 -rn"
    close("sort -k2 -rn")
    printf "%-15s %7.1f %8.2f   of %d cores over %.1f s\n", "total", total / ticks, total / ticks / seconds, cores, seconds
    printf "%-15s %7.1f %8.2f   of it: the services\x27 JIT compiler threads (C1, C2)\n", "(jit)", aside["(jit)"] / ticks, aside["(jit)"] / ticks / seconds
  }' "$before" "$after"
