package dev.mercato.catalog.security;

import dev.mercato.web.security.BearerTokens;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Reads are public; every other request needs a valid access token, and writes to products and categories need the
 * {@code admin} role. The role is checked here, before the body is read, so a customer gets 403 whatever it sent; the
 * admin controllers state it again with {@code @PreAuthorize}. Tokens are verified locally against identity's JWKS
 * (fetched once and cached), so no request costs a call to identity.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    private static final String[] CATALOG = {"/v1/products", "/v1/products/**", "/v1/categories", "/v1/categories/**"};

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // the read path sets its own Cache-Control for CDNs; admin responses set no-store themselves
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        // operator endpoints (dead letters): admins only, also for reads
                        .requestMatchers("/v1/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers(
                                HttpMethod.GET,
                                "/v1/products/*/admin",
                                "/v1/products/*/history",
                                "/v1/categories/*/admin")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET)
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD)
                        .permitAll()
                        .requestMatchers(CATALOG)
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(BearerTokens.rolesAsAuthorities()))
                                .authenticationEntryPoint(BearerTokens::unauthorized)
                                .accessDeniedHandler(BearerTokens::forbidden));
        return http.build();
    }

    /**
     * A path with an encoded slash ({@code /v1/products/..%2Fetc}) names no resource: 404, as everywhere else on the
     * platform (libs/web has Tomcat pass {@code %2F} through to routing undecoded), not the firewall's bare 400. The
     * firewall's other checks stay; routing never turns {@code %2F} into a separator, and the admin endpoints check
     * the role again with {@code @PreAuthorize}, so no path spelling reaches them unchecked.
     */
    @Bean
    WebSecurityCustomizer encodedSlashesReachRouting() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true); // the %2F Tomcat passes through is still a '%' in the servlet path
        return web -> web.httpFirewall(firewall);
    }

    /** An observation around each security filter on every read would cost CPU and tell nothing new. */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
