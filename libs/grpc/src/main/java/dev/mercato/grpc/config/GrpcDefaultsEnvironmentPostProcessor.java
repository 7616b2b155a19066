package dev.mercato.grpc.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the gRPC defaults of the library (own Netty port instead of the servlet container, identity's JWKS and token
 * endpoint, the other services' addresses) as the lowest-priority property source; a service can override any of them.
 */
public class GrpcDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource(
                            "mercatoGrpcDefaults", new ClassPathResource("mercato-grpc-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException("mercato-grpc-defaults.properties is missing from libs/grpc", e);
        }
    }
}
