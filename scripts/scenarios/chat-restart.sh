# shellcheck shell=bash
# about: a realtime instance is killed -9 and restarted while customers and an agent chat: every message reaches every member once, in order
# Runs on a platform of its own (every service as a process, like ./mercato up), with a second realtime instance.
scenario_chat_restart() {
  scenario_test e2e ChatRestartScenarioE2E
  scenario_verdict
}
