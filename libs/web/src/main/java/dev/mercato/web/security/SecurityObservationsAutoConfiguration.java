package dev.mercato.web.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes every filter of its chain, each authentication and each authorization: per request a
 * dozen spans and timers that add nothing to the request's own span and {@code http.server.requests}. In ordering's
 * profile under the checkout benchmark ({@code ./mercato bench profile ordering}, 60 s at 10 orders/s) the
 * observation frames were 48% of the samples of serving HTTP (the JWT decode they wrap included) against 9% for
 * ordering's own code (docs/benchmarks.md, 2026-12-06 evening). They are off in every service; the gateway does the
 * same for its reactive chain.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
