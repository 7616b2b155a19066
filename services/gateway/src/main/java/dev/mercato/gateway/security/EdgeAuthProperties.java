package dev.mercato.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwksUri where identity publishes its public keys; an {@code http://<service-id>/...} address is resolved
 *     through the registry
 * @param issuer the {@code iss} access tokens must carry
 * @param audience the {@code aud} access tokens must include
 * @param jwksTimeout how long fetching the keys may take (connecting included); a request whose token needs a fetch
 *     that takes longer is answered 503, never left waiting
 * @param rememberedTokens how many verified access tokens are remembered until they expire (a client sends the
 *     same token with every request; verifying it again costs more than routing the request)
 */
@ConfigurationProperties("gateway.auth")
public record EdgeAuthProperties(
        String jwksUri,
        String issuer,
        String audience,
        @DefaultValue("2s") Duration jwksTimeout,
        @DefaultValue("2048") int rememberedTokens) {}
