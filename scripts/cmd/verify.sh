# help: Check the checkout invariants over orders, payments (ours and the provider's), reservations and the stock ledger
# usage: verify [--settle <seconds>]
# The checker (tools/verify) reads the databases ./mercato up uses, after waiting up to --settle seconds (default 30)
# for orders in flight to finish. Exit 0: every invariant holds; 1: a violation (listed); 2: a store is unreadable.
cmd_verify() {
  load_infra_env
  local jar
  jar=$(find "$MERCATO_ROOT/tools/verify/target" -maxdepth 1 -name 'mercato-verify-*-exec.jar' 2>/dev/null | head -n 1)
  if [[ -z $jar ]] || (cd "$MERCATO_ROOT" && changed_since "$jar" tools/verify/src tools/verify/pom.xml); then
    mkdir -p "$MERCATO_LOGS"
    run_logged "building the invariant checker" "$BUILD_LOG" \
      maven -B -q -ntp -Dstyle.color=never package -DskipTests -Dspotless.apply.skip=true -pl tools/verify \
      -f "$MERCATO_ROOT/pom.xml" || die "build failed; see $(display_path "$BUILD_LOG")."
    jar=$(find "$MERCATO_ROOT/tools/verify/target" -maxdepth 1 -name 'mercato-verify-*-exec.jar' | head -n 1)
  fi
  section "Invariants"
  "$JAVA_HOME/bin/java" -jar "$jar" "$@"
}
