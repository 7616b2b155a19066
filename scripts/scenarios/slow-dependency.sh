# shellcheck shell=bash
# about: the payment provider answers after 5-30 s: deadlines hold, nothing else slows down, orders confirm once it recovers
# Runs on a platform of its own (every service as a process, like ./mercato up) and ends with ./mercato verify's checks.
scenario_slow_dependency() {
  scenario_test e2e SlowDependencyScenarioE2E
  scenario_verdict
}
