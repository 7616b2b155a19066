# help: Check the checkout invariants over orders, payments (ours and the provider's), reservations and the stock ledger
# usage: verify [--settle <seconds>]
# The checker (tools/verify) reads the databases ./mercato up uses, after waiting up to --settle seconds (default 30)
# for orders in flight to finish. Exit 0: every invariant holds; 1: a violation (listed); 2: a store is unreadable.
cmd_verify() {
  load_infra_env
  local jar
  jar=$(verify_jar)
  if [[ -z $jar ]] || (cd "$MERCATO_ROOT" && changed_since "$jar" tools/verify/src tools/verify/pom.xml); then
    mkdir -p "$MERCATO_LOGS"
    # -am: the checker's tests use mercato-test-support, which a fresh clone has not installed.
    run_logged "building the invariant checker" "$BUILD_LOG" \
      maven -B -q -ntp -Dstyle.color=never package -DskipTests -Dspotless.apply.skip=true -pl tools/verify -am \
      -f "$MERCATO_ROOT/pom.xml" || die "Could not build the invariant checker; see $(display_path "$BUILD_LOG")."
    jar=$(verify_jar)
    [[ -n $jar ]] || die "The build made no tools/verify/target/mercato-verify-*-exec.jar; see $(display_path "$BUILD_LOG")."
  fi
  section "Invariants"
  "$JAVA_HOME/bin/java" -jar "$jar" "$@"
}

# The checker's jar, or nothing when it has not been built (a fresh clone has no target folder).
verify_jar() {
  local target=$MERCATO_ROOT/tools/verify/target
  [[ -d $target ]] || return 0
  find "$target" -maxdepth 1 -name 'mercato-verify-*-exec.jar' | head -n 1
}
