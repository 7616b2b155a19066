package dev.mercato.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class KubernetesProfileTest {

    private final MercatoDefaultsEnvironmentPostProcessor processor = new MercatoDefaultsEnvironmentPostProcessor();

    /** An environment with a service's own file (below the environment variables, as Spring Boot orders them). */
    private static StandardEnvironment environment(Map<String, Object> variables, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "application.yml",
                        Map.of("eureka.client.enabled", "true", "CATALOG_GRPC_ADDRESS", "static://localhost:9081")));
        return environment;
    }

    @Test
    void theKubernetesProfileReplacesTheRegistryWithServiceNames() {
        StandardEnvironment environment = environment(Map.of(), "kubernetes");
        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("eureka.client.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.cloud.discovery.client.simple.instances.catalog[0].uri"))
                .isEqualTo("http://catalog:8081");
        assertThat(environment.getProperty("CATALOG_GRPC_ADDRESS")).isEqualTo("dns:///catalog-grpc:9081");
        assertThat(environment.resolvePlaceholders("${IDENTITY_URL:http://localhost:8082}/internal"))
                .isEqualTo("http://identity:8082/internal");
    }

    @Test
    void theEnvironmentStillOverridesTheKubernetesProfile() {
        StandardEnvironment environment =
                environment(Map.of("CATALOG_GRPC_ADDRESS", "dns:///catalog.shop:9081"), "kubernetes");
        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("CATALOG_GRPC_ADDRESS")).isEqualTo("dns:///catalog.shop:9081");
    }

    @Test
    void withoutTheProfileTheRegistryStays() {
        StandardEnvironment environment = environment(Map.of());
        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("eureka.client.enabled")).isEqualTo("true");
        assertThat(environment.getPropertySources().contains("mercatoKubernetes"))
                .isFalse();
    }
}
