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
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform-wide defaults (virtual threads, probes, structured logs, registry timings, ...) as the
 * lowest-priority property source, so each service's {@code application.yml} only says what is particular to it and
 * can still override any default.
 */
public class MercatoDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "mercatoDefaults";

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
        } catch (IOException e) {
            throw new UncheckedIOException("mercato-defaults.properties is missing from libs/web", e);
        }
    }
}
