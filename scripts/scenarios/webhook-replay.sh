# shellcheck shell=bash
# about: the provider's webhooks are redelivered late and out of order, and one is forged: one effect each, forgery refused
# Runs on a platform of its own (every service as a process, like ./mercato up) and ends with ./mercato verify's checks.
scenario_webhook_replay() {
  scenario_test e2e WebhookReplayScenarioE2E
  scenario_verdict
}
