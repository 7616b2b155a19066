package dev.mercato.gateway.security;

import dev.mercato.gateway.problem.ProblemWriter;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.security.VerifiedTokens;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.List;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * Verifies bearer tokens at the edge against identity's JWKS: a request that carries a token must carry a valid one,
 * whatever the route. Whether a route needs a token at all is the route's own declaration ({@link RouteAccessFilter});
 * services verify the token again themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurity {

    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, ReactiveJwtDecoder decoder, ProblemWriter problems) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // Stateless: the caller is the bearer token of each request. The default repository reads the security
                // context from a WebSession, which costs every request a session created on another scheduler.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint((exchange, failure) ->
                                problems.write(exchange, ProblemType.UNAUTHORIZED, "The access token is not valid"))
                        .accessDeniedHandler(
                                (exchange, denied) -> problems.write(exchange, ProblemType.FORBIDDEN, "Not allowed")))
                .build();
    }

    /**
     * Spring Security would open an observation around every one of its filters on every request: that cost most of
     * the gateway's CPU per request under load (JFR, docs/benchmarks.md) and told nothing the server observation of
     * the request does not.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClient() {
        return WebClient.builder();
    }

    /**
     * The keys are fetched on the first token and again for a key id not seen before. The fetch is bounded: without a
     * limit, a stalled identity would leave every such request hanging.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(EdgeAuthProperties properties, WebClient.Builder loadBalancedWebClient) {
        int timeoutMillis = Math.toIntExact(properties.jwksTimeout().toMillis());
        HttpClient bounded = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .responseTimeout(properties.jwksTimeout());
        WebClient keys = loadBalancedWebClient
                .clone()
                .clientConnector(new ReactorClientHttpConnector(bounded))
                .build();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(keys)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                        "aud", audience -> audience != null && audience.contains(properties.audience())),
                // service tokens are for calls inside the network, never for the public edge
                new JwtClaimValidator<String>("token_use", "user"::equals)));
        // A failure that is not about the token (the keys out of reach) becomes the exception Spring Security passes
        // on rather than reading it as a bad token; the problem handler answers it 503.
        VerifiedTokens verified = new VerifiedTokens(properties.rememberedTokens(), Clock.systemUTC());
        return token -> {
            Jwt known = verified.find(token);
            return known != null
                    ? Mono.just(known)
                    : decoder.decode(token)
                            .map(jwt -> verified.remember(token, jwt))
                            .onErrorMap(
                                    failure -> !(failure instanceof JwtException),
                                    failure -> new AuthenticationServiceException(
                                            "identity's keys could not be fetched", failure));
        };
    }
}
