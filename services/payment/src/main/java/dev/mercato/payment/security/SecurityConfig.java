package dev.mercato.payment.security;

import dev.mercato.web.security.BearerTokens;
import jakarta.servlet.DispatcherType;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.client.RestTemplate;

/**
 * Everything under {@code /v1/**} is for admins (user tokens verified against identity's JWKS, like the catalog). The
 * provider's webhook endpoint carries no token: its HMAC signature is checked by the endpoint itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/webhooks/psp")
                        .permitAll()
                        .requestMatchers("/v1/**")
                        .hasRole("ADMIN")
                        .requestMatchers(
                                "/livez", "/readyz", "/actuator/prometheus", "/actuator/health/**", "/v3/api-docs")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(BearerTokens.rolesAsAuthorities()))
                                .authenticationEntryPoint(BearerTokens::unauthorized)
                                .accessDeniedHandler(BearerTokens::forbidden));
        return http.build();
    }

    @Bean
    @LoadBalanced
    RestTemplate jwksRestTemplate() {
        return new RestTemplate();
    }

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties, RestTemplate jwksRestTemplate) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        properties.jwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(jwksRestTemplate)
                .build();
        decoder.setJwtValidator(BearerTokens.checks(properties.issuer(), properties.audience(), "user"));
        return decoder;
    }
}
