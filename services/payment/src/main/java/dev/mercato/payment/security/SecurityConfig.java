package dev.mercato.payment.security;

import dev.mercato.web.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything under {@code /v1/**} is for admins (user tokens verified against identity's JWKS, like the catalog). The
 * provider's webhook endpoint carries no token: its HMAC signature is checked by the endpoint itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return ResourceServer.api(
                http,
                requests -> requests.requestMatchers(HttpMethod.POST, "/webhooks/psp")
                        .permitAll()
                        .requestMatchers("/v1/**")
                        .hasRole("ADMIN"));
    }
}
