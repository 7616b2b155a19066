package dev.mercato.web.config;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.HealthCheckHandler;
import dev.mercato.web.discovery.ReadinessRegistration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;

/** Registers instances in Eureka with the status of their readiness probe. */
@AutoConfiguration(beforeName = "org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration")
@ConditionalOnClass({HealthCheckHandler.class, HealthEndpoint.class})
@ConditionalOnProperty("eureka.client.healthcheck.enabled")
public class DiscoveryAutoConfiguration {

    @Bean
    ReadinessRegistration readinessRegistration(
            ObjectProvider<HealthEndpoint> health, ObjectProvider<ApplicationInfoManager> registry) {
        return new ReadinessRegistration(health, registry);
    }
}
