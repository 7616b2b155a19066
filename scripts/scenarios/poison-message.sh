# shellcheck shell=bash
# about: a message that always fails is retried with backoff, parked in the DLQ while the queue flows, then replayed
scenario_poison_message() {
  scenario_test libs/messaging PoisonMessageScenarioIT
  scenario_verdict
}
