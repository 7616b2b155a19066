package dev.mercato.web.security;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The user-token decoder of every service whose HTTP API takes identity's tokens: RS256, keys from identity's JWKS
 * (fetched through the registry), issuer, audience and {@code token_use} user checked ({@link ResourceServer}). A
 * service opts in by setting {@code mercato.auth.jwks-uri}; identity, which signs the tokens, and services without
 * user-facing endpoints do not.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({JwtDecoder.class, LoadBalanced.class})
@ConditionalOnProperty(prefix = "mercato.auth", name = "jwks-uri")
@EnableConfigurationProperties(UserTokenProperties.class)
public class UserTokensAutoConfiguration {

    /** Resolves {@code http://identity/...} through the registry, like every other call between services. */
    @Bean
    @LoadBalanced
    RestTemplate mercatoJwksRestTemplate() {
        return new RestTemplate();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(
            UserTokenProperties properties,
            @Qualifier("mercatoJwksRestTemplate") RestTemplate mercatoJwksRestTemplate) {
        return new VerifiedTokens(properties.rememberedTokens(), Clock.systemUTC())
                .remembering(ResourceServer.userTokens(
                        properties.jwksUri(), properties.issuer(), properties.audience(), mercatoJwksRestTemplate));
    }
}
