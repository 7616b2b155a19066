# shellcheck shell=bash
# about: ordering is killed at each step of the checkout saga and restarted: every order completes or compensates
# Runs on a platform of its own (every service as a process, like ./mercato up) and ends with ./mercato verify's checks.
scenario_crash_mid_saga() {
  scenario_test e2e CrashMidSagaScenarioE2E
  scenario_verdict
}
