# shellcheck shell=bash
# about: the catalog's Redis stops under reads: reads keep succeeding from PostgreSQL, readiness stays up, hits resume
scenario_redis_down() {
  scenario_test services/catalog RedisDownScenarioIT
  scenario_verdict
}
