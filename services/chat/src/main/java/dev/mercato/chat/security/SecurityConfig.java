package dev.mercato.chat.security;

import dev.mercato.web.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every chat endpoint needs a user token (verified against identity's JWKS). Roles are checked per endpoint (claim and
 * the queue: support; rooms: support or admin), membership per conversation (a non-member gets 404).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return ResourceServer.api(
                http, requests -> requests.requestMatchers("/v1/**").authenticated());
    }
}
