package dev.mercato.messaging.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the RabbitMQ settings the library relies on (publisher confirms and returns, heartbeat, the broker's address
 * from {@code MERCATO_RABBIT_*}) as the lowest-priority property source; a service can still override any of them.
 */
public class MessagingDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource(
                            "mercatoMessagingDefaults",
                            new ClassPathResource("mercato-messaging-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException("mercato-messaging-defaults.properties is missing from libs/messaging", e);
        }
    }
}
