package dev.mercato.web.security;

import jakarta.servlet.DispatcherType;
import java.net.URI;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.client.RestOperations;

/**
 * What every service's security configuration shares, so each one only states its own access rules: a stateless API
 * that takes bearer tokens (roles as authorities, 401 and 403 as problem documents), the operational endpoints open,
 * and user tokens checked locally against identity's JWKS.
 */
public final class ResourceServer {

    /** Probes, metrics, build info and the API description: open to the platform, never to user data. */
    public static final String[] OPERATIONAL_ENDPOINTS = {
        "/livez", "/readyz", "/actuator/prometheus", "/actuator/health/**", "/actuator/info", "/v3/api-docs"
    };

    private ResourceServer() {}

    /** No session, no CSRF (no cookies), no logout or saved requests; bearer tokens as described above. */
    public static HttpSecurity statelessBearerTokens(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(BearerTokens.rolesAsAuthorities()))
                                .authenticationEntryPoint(BearerTokens::unauthorized)
                                .accessDeniedHandler(BearerTokens::forbidden));
    }

    /**
     * Every service's API chain: stateless bearer tokens, error dispatches and the {@link #OPERATIONAL_ENDPOINTS}
     * open, the service's own {@code rules} for its API, and everything else denied.
     */
    public static SecurityFilterChain api(
            HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        statelessBearerTokens(http).authorizeHttpRequests(requests -> {
            requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(OPERATIONAL_ENDPOINTS)
                    .permitAll();
            rules.customize(requests);
            requests.anyRequest().denyAll();
        });
        return http.build();
    }

    /**
     * RS256 user tokens ({@code token_use} user) of the given issuer and audience, keys fetched from {@code jwksUri}
     * with {@code jwksClient} (load-balanced when the URI names a service).
     */
    public static JwtDecoder userTokens(URI jwksUri, String issuer, String audience, RestOperations jwksClient) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri.toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(jwksClient)
                .build();
        decoder.setJwtValidator(BearerTokens.checks(issuer, audience, "user"));
        return decoder;
    }
}
