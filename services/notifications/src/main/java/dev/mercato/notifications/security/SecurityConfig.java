package dev.mercato.notifications.security;

import dev.mercato.web.security.ResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The whole API is for admins (user tokens verified against identity's JWKS); mails go out from events only. */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return ResourceServer.api(
                http, requests -> requests.requestMatchers("/v1/**").hasRole("ADMIN"));
    }
}
