package dev.mercato.identity.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mercato.identity.IdentityProperties;
import dev.mercato.identity.token.SigningKeys;
import dev.mercato.web.security.BearerTokens;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Registration, login, refresh, logout and the JWKS are public; everything else needs a valid access
 * token. Failures are answered with problem documents by the shared error controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    /**
     * Internal endpoints take service tokens only, addressed to this service. Service clients get theirs from the
     * token endpoint with their own secret.
     */
    @Bean
    @Order(1)
    SecurityFilterChain internal(HttpSecurity http, SigningKeys keys, IdentityProperties properties) throws Exception {
        JwtDecoder serviceTokens = decoder(keys, properties, "identity", "service");
        http.securityMatcher("/internal/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/internal/v1/service-tokens")
                        .permitAll()
                        .anyRequest()
                        .hasRole("SERVICE"))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(serviceTokens)
                                .jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                                        token,
                                        List.of(new SimpleGrantedAuthority("ROLE_SERVICE")),
                                        token.getSubject())))
                        .authenticationEntryPoint(BearerTokens::unauthorized)
                        .accessDeniedHandler(BearerTokens::forbidden));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.POST,
                                "/v1/auth/register",
                                "/v1/auth/login",
                                "/v1/auth/refresh",
                                "/v1/auth/logout")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET, "/.well-known/jwks.json", "/livez", "/readyz", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/actuator/info", "/actuator/prometheus", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(BearerTokens.rolesAsAuthorities()))
                                .authenticationEntryPoint(BearerTokens::unauthorized)
                                .accessDeniedHandler(BearerTokens::forbidden));
        return http.build();
    }

    /** User tokens for the public API: verified with the keys in memory, with the same checks every service makes. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, IdentityProperties properties) {
        return decoder(keys, properties, properties.audience(), "user");
    }

    private static JwtDecoder decoder(SigningKeys keys, IdentityProperties properties, String audience, String use) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys.publicJwks())));
        var decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(BearerTokens.checks(properties.issuer(), audience, use));
        return decoder;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
