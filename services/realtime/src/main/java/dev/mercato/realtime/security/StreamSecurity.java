package dev.mercato.realtime.security;

import dev.mercato.realtime.web.ProblemResponses;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.security.UserTokenProperties;
import dev.mercato.web.security.VerifiedTokens;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * User tokens as every service checks them (identity's JWKS through the registry; issuer, audience and
 * {@code token_use} user; a verified token remembered until it expires, libs/web's {@link VerifiedTokens}), on
 * WebFlux: libs/web's decoder and filter chain are servlet-only. Tickets need a token; the stream and the WebSocket take
 * a token or a ticket and check which themselves ({@code stream.EventStreams} with {@link BearerTokens}, in front of
 * these filters; {@code stream.SocketHandshake}), since
 * an {@code EventSource} or a browser's {@code WebSocket} cannot send headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(UserTokenProperties.class)
class StreamSecurity {

    /** Fetching identity's keys: a stalled identity must not leave a connection waiting. */
    private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(2);

    private static final String[] OPERATIONAL_ENDPOINTS = {
        "/livez", "/readyz", "/actuator/prometheus", "/actuator/health/**", "/actuator/info", "/v3/api-docs"
    };

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveJwtDecoder decoder, ProblemResponses problems) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/v1/stream/tickets")
                        .authenticated()
                        .pathMatchers(HttpMethod.GET, "/v1/chat/presence")
                        .authenticated()
                        // the event stream never reaches these filters (stream.EventStreams checks its caller itself)
                        .pathMatchers(HttpMethod.GET, "/v1/ws")
                        .permitAll()
                        .pathMatchers(OPERATIONAL_ENDPOINTS)
                        .permitAll()
                        .anyExchange()
                        .denyAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint((exchange, failure) ->
                        problems.write(exchange, ProblemType.UNAUTHORIZED, "A valid access token is required")))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint((exchange, failure) ->
                                problems.write(exchange, ProblemType.UNAUTHORIZED, "The access token is not valid"))
                        .accessDeniedHandler(
                                (exchange, denied) -> problems.write(exchange, ProblemType.FORBIDDEN, "Not allowed")))
                .build();
    }

    /** One observation per security filter per request is cost without insight (as at the gateway). */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClient() {
        return WebClient.builder();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(UserTokenProperties properties, WebClient.Builder loadBalancedWebClient) {
        HttpClient bounded = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) JWKS_TIMEOUT.toMillis())
                .responseTimeout(JWKS_TIMEOUT);
        WebClient keys = loadBalancedWebClient
                .clone()
                .clientConnector(new ReactorClientHttpConnector(bounded))
                .build();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(
                        properties.jwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(keys)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                        "aud", audience -> audience != null && audience.contains(properties.audience())),
                new JwtClaimValidator<String>("token_use", "user"::equals)));
        VerifiedTokens verified = new VerifiedTokens(properties.rememberedTokens(), Clock.systemUTC());
        return token -> {
            Jwt known = verified.find(token);
            return known != null
                    ? Mono.just(known)
                    : decoder.decode(token)
                            .map(jwt -> verified.remember(token, jwt))
                            // the keys out of reach is not a bad token
                            .onErrorMap(
                                    failure -> !(failure instanceof JwtException),
                                    failure -> new AuthenticationServiceException(
                                            "identity's keys could not be fetched", failure));
        };
    }
}
