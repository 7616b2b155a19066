package dev.mercato.identity.throttle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param perAccount failed logins for one email within {@code period} after which its logins are refused
 * @param perAddress failed logins from one client address within {@code period} (credential stuffing across accounts)
 */
@ConfigurationProperties("identity.login-throttle")
public record LoginThrottleProperties(String keyPrefix, int perAccount, int perAddress, Duration period) {}
