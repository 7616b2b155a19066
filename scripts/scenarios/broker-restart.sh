# shellcheck shell=bash
# about: RabbitMQ restarted, killed and stopped under outbox traffic, the relay killed mid-publish: nothing lost
scenario_broker_restart() {
  scenario_test libs/messaging BrokerRestartScenarioIT RelayCrashScenarioIT
  scenario_verdict
}
