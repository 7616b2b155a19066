# help: Run a benchmark of bench/ against the running platform (the catalog read path is ./mercato load)
# usage: bench <checkout|edge|realtime|messaging|ratelimit-redis|cpu-share|profile> [its options; --help shows them]
# Each benchmark is a script bench/<name>.sh; results worth keeping go to docs/benchmarks.md with the machine, the
# date, the command and the raw output.
cmd_bench() {
  local available name script
  available=$(cd "$MERCATO_ROOT/bench" && for script in *.sh; do printf '%s ' "${script%.sh}"; done)
  available=${available% }
  name=${1:-}
  [[ -n $name ]] || die "Which benchmark?" "./mercato bench <name> [--help]; benchmarks: $available"
  shift
  script=$MERCATO_ROOT/bench/$name.sh
  [[ $name =~ ^[a-z][a-z0-9-]*$ && -f $script ]] || die "Unknown benchmark '$name'." "Benchmarks: $available"
  bash "$script" "$@"
}
