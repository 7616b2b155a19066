# shellcheck shell=bash
# How each service's JVM is sized (docs/footprint.md): every memory area bounded explicitly, so a service stays within
# its 300 MB of RSS under load instead of growing towards the JVM's defaults (a quarter of the machine's memory for
# the heap alone). One line per service that needs more heap than the default.

MERCATO_JVM_HEAP_DEFAULT=96m
MERCATO_JVM_HEAP='
catalog 128m
realtime 256m
'

service_heap() {
  local heap
  heap=$(echo "$MERCATO_JVM_HEAP" | awk -v name="$1" '$1 == name { print $2 }')
  echo "${heap:-$MERCATO_JVM_HEAP_DEFAULT}"
}

# Serial GC: on two cores and heaps this small it pauses for a few milliseconds, keeps no concurrent threads and
# remembered sets, and its write barrier is the cheapest. Metaspace and code cache are capped above what a warm
# service uses (measured with -XX:NativeMemoryTracking=summary); thread stacks are small because the request work
# runs on virtual threads or event loops. The native heap is trimmed every 10 s: the JIT's arenas (18 MB of a warm
# service) stay resident after the compiler is done with them unless glibc is asked to give them back.
# Which JIT compilers the services use (docs/adr/024). c1: C1 alone (-XX:TieredStopAtLevel=1), the default: thirteen
# JVMs on a few cores spent half a core for minutes compiling with C2 while the platform was under load; without C2
# they start in a third of the time and hold the checkout at 15 orders/s where tiered collapsed at 8. tiered: the
# JVM's default (C1 then C2), for a box with a core or more per service, or a service run alone for long.
require_known_jit() {
  [[ $MERCATO_JIT == c1 || $MERCATO_JIT == tiered ]] || die "MERCATO_JIT must be c1 or tiered, not '$MERCATO_JIT'."
}

service_jit_options() {
  case $MERCATO_JIT in
    c1) echo -XX:TieredStopAtLevel=1 ;;
    tiered) ;;
  esac
}

service_memory_options() {
  printf '%s\n' -XX:+UseSerialGC -Xms32m "-Xmx$(service_heap "$1")" -XX:MaxMetaspaceSize=192m \
    -XX:ReservedCodeCacheSize=64m -Xss512k -XX:MaxDirectMemorySize=64m -XX:TrimNativeHeapInterval=10000
}
