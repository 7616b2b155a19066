# shellcheck shell=bash
# about: 50 concurrent checkouts with one Idempotency-Key: one order, one charge, identical answers
# Runs on a platform of its own (every service as a process, like ./mercato up) and ends with ./mercato verify's checks.
scenario_duplicate_checkout() {
  scenario_test e2e DuplicateCheckoutScenarioE2E
  scenario_verdict
}
