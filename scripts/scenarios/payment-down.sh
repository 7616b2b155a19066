# shellcheck shell=bash
# about: the payment provider is stopped for 60 s under checkouts: the rest answers, orders wait, then confirm
# Runs on a platform of its own (every service as a process, like ./mercato up) and ends with ./mercato verify's checks.
scenario_payment_down() {
  scenario_test e2e PaymentDownScenarioE2E
  scenario_verdict
}
