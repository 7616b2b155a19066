package dev.mercato.identity.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mercato.identity.IdentityProperties;
import dev.mercato.identity.token.SigningKeys;
import dev.mercato.web.servlet.ProblemErrorController;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Registration, login, refresh, logout and the JWKS are public; everything else needs a valid access
 * token. Failures are answered with problem documents by the shared error controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    @Bean
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
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesAsAuthorities()))
                        .authenticationEntryPoint((request, response, failure) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            request.setAttribute(
                                    ProblemErrorController.DETAIL_ATTRIBUTE,
                                    "A valid access token is required (Authorization: Bearer <token>)");
                            response.sendError(401);
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            request.setAttribute(
                                    ProblemErrorController.DETAIL_ATTRIBUTE, "Your role does not allow this request");
                            response.sendError(403);
                        }));
        return http.build();
    }

    /** Identity verifies its own tokens with its keys in memory, with the same checks every service makes. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, IdentityProperties properties) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys.publicJwks())));
        var decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                        "aud", audience -> audience != null && audience.contains(properties.audience()))));
        return decoder;
    }

    /** The {@code roles} claim ({@code ["admin"]}) as Spring authorities ({@code ROLE_ADMIN}), for {@code hasRole}. */
    static JwtAuthenticationConverter rolesAsAuthorities() {
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

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
