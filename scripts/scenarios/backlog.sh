# shellcheck shell=bash
# about: 1,200 queued messages, 2 competing consumers, then 3: fair shares, visible depth, faster drain, none lost
scenario_backlog() {
  scenario_test libs/messaging BacklogScenarioIT
  scenario_verdict
}
