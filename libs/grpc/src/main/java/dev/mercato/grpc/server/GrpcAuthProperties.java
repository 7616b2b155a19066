package dev.mercato.grpc.server;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mercato.grpc.auth.*}: where service tokens are verified.
 *
 * @param jwksUri identity's JWKS ({@code IDENTITY_JWKS_URI}); fetched on first use and cached
 * @param issuer the {@code iss} every token must carry ({@code IDENTITY_ISSUER})
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 */
@ConfigurationProperties("mercato.grpc.auth")
public record GrpcAuthProperties(
        @DefaultValue("http://identity/.well-known/jwks.json")
        String jwksUri,

        @DefaultValue("mercato-identity") String issuer,
        @DefaultValue("30s") Duration clockSkew) {}
