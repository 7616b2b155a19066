# shellcheck shell=bash
# about: 200 concurrent checkouts for the last 10 units of a SKU: exactly 10 confirmed, stock 0, never negative
# Runs on a platform of its own (every service as a process, like ./mercato up) and ends with ./mercato verify's checks.
scenario_oversell() {
  scenario_test e2e OversellScenarioE2E
  scenario_verdict
}
