package dev.mercato.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer the {@code iss} of every access token
 * @param audience the {@code aud} every access token is issued for
 * @param keysDirectory PEM private keys to sign with (newest signs, all verify); blank: one is generated at start
 * @param admin the administrator created at start when a password is configured
 * @param support the support agent created at start when a password is configured (local runs)
 */
@ConfigurationProperties("identity")
public record IdentityProperties(
        String issuer,
        String audience,
        Duration accessTokenTtl,
        Duration serviceTokenTtl,
        Duration refreshTokenTtl,
        String keysDirectory,
        Admin admin,
        Admin support) {

    /** An account created from configuration (the administrator, the local support agent). */
    public record Admin(String email, String password) {}
}
