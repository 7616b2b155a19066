package dev.mercato.pspsim.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param flakyFailures how many attempts with one idempotency key {@code tok_flaky} fails (503) before it approves
 * @param slowDelay how long an authorization with {@code tok_slow} takes
 */
@ConfigurationProperties("psp-sim.tokens")
record TokenProperties(int flakyFailures, Duration slowDelay) {}
