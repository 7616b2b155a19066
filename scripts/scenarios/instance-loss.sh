# shellcheck shell=bash
# about: two realtime instances under order traffic, one killed -9: its clients resume on the other, no event lost or repeated
# Runs on a platform of its own (every service as a process, like ./mercato up), with a second realtime instance.
scenario_instance_loss() {
  scenario_test e2e InstanceLossScenarioE2E
  scenario_verdict
}
