# shellcheck shell=bash
# Running Maven with the JDK found by jdk.sh.

maven() {
  local mvn
  if [[ -x $MERCATO_ROOT/mvnw ]]; then
    mvn=$MERCATO_ROOT/mvnw
  elif have mvn; then
    mvn=mvn
  else
    die "Maven is not installed." "Install Maven 3.8+ (apt-get install maven, brew install maven or https://maven.apache.org/download.cgi)."
  fi
  # Maven's own libraries use sun.misc.Unsafe, which JDK 24+ warns about on every run.
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$mvn" "$@"
}

# Runs a command in the background with a spinner, its output in a log file. Returns its exit code.
run_logged() {
  local label=$1 log=$2
  shift 2
  local started tick=0 pid rc=0
  started=$(now_ms)
  "$@" >"$log" 2>&1 </dev/null &
  pid=$!
  on_exit "kill_tree $pid"
  [[ -n $UI_TTY ]] || info "$label$UI_MORE (log: $(display_path "$log"))"
  while kill -0 "$pid" 2>/dev/null; do
    progress_frame $((tick++)) "$label$UI_MORE $(elapsed_since "$started")  ${UI_DIM}log: $(display_path "$log")$UI_RESET"
    sleep 0.2
  done
  wait "$pid" || rc=$?
  progress_clear
  return "$rc"
}

# Puts a Maven Central artifact into a directory, e.g. maven_fetch g:a:v:jar dir.
maven_fetch() {
  local coordinates=$1 directory=$2 log=$MERCATO_LOGS/fetch.log
  mkdir -p "$directory"
  (cd "$directory" && maven -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$coordinates" -DoutputDirectory="$directory" -Dmdep.useBaseVersion=true) >"$log" 2>&1 ||
    die "Could not download $coordinates from Maven Central." "$(tail -n 15 "$log")"
}
