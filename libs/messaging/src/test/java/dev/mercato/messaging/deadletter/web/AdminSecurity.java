package dev.mercato.messaging.deadletter.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mercato.testsupport.jwt.TokenForge;
import dev.mercato.web.servlet.ProblemErrorController;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A service's security as the catalog has it: access tokens from identity (here signed with a test key by
 * {@link TokenForge}), the {@code roles} claim as {@code ROLE_*} authorities, method security on, and every GET let
 * through by the filter chain, so only the endpoints' own {@code @PreAuthorize} stands between a caller and the DLQs.
 */
@TestConfiguration
@EnableMethodSecurity
class AdminSecurity {

    static final RSAKey KEY = TokenForge.newKey();
    static final TokenForge FORGE = new TokenForge("mercato-identity", "mercato");

    static String token(String... roles) {
        try {
            return FORGE.signed(
                    KEY,
                    KEY.getKeyID(),
                    FORGE.claims(java.util.UUID.randomUUID(), List.of(roles)).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesAsAuthorities()))
                        .authenticationEntryPoint((request, response, failure) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            request.setAttribute(
                                    ProblemErrorController.DETAIL_ATTRIBUTE, "A valid access token is required");
                            response.sendError(401);
                        }));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder() throws JOSEException {
        return NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
    }

    private static JwtAuthenticationConverter rolesAsAuthorities() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> roles = jwt.getClaimAsStringList("roles");
            return roles == null
                    ? List.of()
                    : roles.stream()
                            .map(role -> (GrantedAuthority)
                                    new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)))
                            .toList();
        });
        return converter;
    }
}
