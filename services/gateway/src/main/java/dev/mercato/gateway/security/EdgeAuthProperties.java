package dev.mercato.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwksUri where identity publishes its public keys; an {@code http://<service-id>/...} address is resolved
 *     through the registry
 * @param issuer the {@code iss} access tokens must carry
 * @param audience the {@code aud} access tokens must include
 */
@ConfigurationProperties("gateway.auth")
public record EdgeAuthProperties(String jwksUri, String issuer, String audience) {}
