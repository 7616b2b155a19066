package dev.mercato.documents.security;

import dev.mercato.web.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * User tokens verified against identity's JWKS: an invoice for any signed-in user (the controller answers only its
 * owner), the admin API (jobs, reports, dead letters) for the {@code admin} role.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return ResourceServer.api(
                http,
                requests -> requests.requestMatchers("/v1/orders/*/invoice")
                        .authenticated()
                        .requestMatchers("/v1/admin/**")
                        .hasRole("ADMIN"));
    }
}
