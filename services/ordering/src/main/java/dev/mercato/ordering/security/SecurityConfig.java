package dev.mercato.ordering.security;

import dev.mercato.web.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Checkout and orders need a user token (verified against identity's JWKS); the user is the token's subject. */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return ResourceServer.api(
                http, requests -> requests.requestMatchers("/v1/**").authenticated());
    }
}
