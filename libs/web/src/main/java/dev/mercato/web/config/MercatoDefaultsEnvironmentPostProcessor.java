package dev.mercato.web.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform-wide defaults (virtual threads, probes, structured logs, registry timings, ...) as the
 * lowest-priority property source, so each service's {@code application.yml} only says what is particular to it and
 * can still override any default. With the profile {@code kubernetes} active, {@code mercato-kubernetes.properties}
 * (Kubernetes Services instead of the Eureka registry, docs/adr/017) goes above the services' own files and below the
 * environment.
 */
public class MercatoDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "mercatoDefaults";
    static final String KUBERNETES_PROFILE = "kubernetes";
    static final String KUBERNETES_SOURCE_NAME = "mercatoKubernetes";

    /** JSON (ECS) logs unless {@code MERCATO_LOG_FORMAT} asks for plain text ({@code text}, {@code plain} or {@code off}). */
    private static MapPropertySource logFormat(ConfigurableEnvironment environment) {
        String format =
                environment.getProperty("MERCATO_LOG_FORMAT", "ecs").trim().toLowerCase(Locale.ROOT);
        boolean plain = format.isEmpty() || Set.of("text", "plain", "off").contains(format);
        return new MapPropertySource(
                SOURCE_NAME + "LogFormat", Map.of("logging.structured.format.console", plain ? "" : format));
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            var defaults =
                    new ResourcePropertySource(SOURCE_NAME, new ClassPathResource("mercato-defaults.properties"));
            environment.getPropertySources().addLast(logFormat(environment));
            environment.getPropertySources().addLast(defaults);
            if (environment.matchesProfiles(KUBERNETES_PROFILE)) {
                addBelowEnvironment(
                        environment,
                        new ResourcePropertySource(
                                KUBERNETES_SOURCE_NAME, new ClassPathResource("mercato-kubernetes.properties")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "mercato-defaults.properties or mercato-kubernetes.properties is missing", e);
        }
    }

    private static void addBelowEnvironment(ConfigurableEnvironment environment, PropertySource<?> source) {
        var sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }
}
