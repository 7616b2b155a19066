# shellcheck shell=bash
# about: a consumer is killed (kill -9) holding unacknowledged messages: redelivered, each takes effect once
scenario_consumer_crash() {
  scenario_test libs/messaging ConsumerCrashScenarioIT
  scenario_verdict
}
