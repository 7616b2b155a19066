package dev.mercato.ordering.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwksUri identity's public keys; a host without a port is a service name resolved through the registry
 * @param issuer the {@code iss} every access token must carry
 * @param audience the {@code aud} user tokens carry
 */
@ConfigurationProperties("ordering.auth")
record AuthProperties(URI jwksUri, String issuer, String audience) {}
