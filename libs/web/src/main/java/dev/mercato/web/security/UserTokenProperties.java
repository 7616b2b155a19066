package dev.mercato.web.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks the user tokens on its HTTP API. Setting {@code mercato.auth.jwks-uri} turns the check on
 * ({@link UserTokensAutoConfiguration}); the issuer and audience default to the platform's.
 *
 * @param jwksUri identity's public keys; a host without a port is a service name resolved through the registry
 * @param issuer the {@code iss} every user token must carry ({@code IDENTITY_ISSUER})
 * @param audience the {@code aud} user tokens carry ({@code IDENTITY_AUDIENCE})
 * @param rememberedTokens how many verified tokens are remembered until they expire ({@link VerifiedTokens})
 */
@ConfigurationProperties("mercato.auth")
public record UserTokenProperties(
        URI jwksUri,
        String issuer,
        String audience,
        @DefaultValue("1024") int rememberedTokens) {}
