package dev.mercato.cart.security;

import dev.mercato.web.security.ResourceServer;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every cart endpoint needs a signed-in user (user tokens verified against identity's JWKS); the cart is the token
 * subject's. There are no anonymous carts. Admins read the scheduled jobs ({@code /v1/admin/jobs}, libs/jobs, which also
 * checks the role itself: method security is on).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ResourceServer.statelessBearerTokens(http)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/v1/cart", "/v1/cart/**")
                        .authenticated()
                        .requestMatchers("/v1/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers(ResourceServer.OPERATIONAL_ENDPOINTS)
                        .permitAll()
                        .anyRequest()
                        .denyAll());
        return http.build();
    }
}
