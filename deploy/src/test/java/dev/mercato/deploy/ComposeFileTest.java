package dev.mercato.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.deploy.Repository.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/compose.yaml against the Compose Specification's schema, and the platform in it: every service but the
 * registry from the image the build makes, health-checked on its readiness path, next to PostgreSQL, Redis and
 * RabbitMQ.
 */
class ComposeFileTest {

    /** The file as Compose reads it: anchors and merge keys resolved. */
    private static JsonNode composeFile() throws IOException {
        Path file = Repository.root().resolve("deploy/compose.yaml");
        Object yaml = new Yaml().load(Files.readString(file));
        return JsonMapper.builder().build().valueToTree(yaml);
    }

    @Test
    void isValidAgainstTheComposeSpecification() throws IOException {
        assertThat(Schemas.composeViolations(composeFile())).isEmpty();
    }

    @Test
    void runsEveryServiceFromItsImageWithItsReadinessCheck() throws IOException {
        JsonNode services = composeFile().path("services");
        assertThat(services.propertyNames()).contains("postgres", "redis", "rabbitmq");
        for (Service service : Repository.services()) {
            if (service.name().equals("discovery")) {
                continue;
            }
            JsonNode entry = services.path(service.name());
            assertThat(entry.isMissingNode())
                    .as("compose service " + service.name())
                    .isFalse();
            assertThat(entry.path("image").asString()).matches("mercato/" + service.name() + ":[\\w.-]+");
            assertThat(entry.at("/environment/SPRING_PROFILES_ACTIVE").asString())
                    .isEqualTo("kubernetes");
            assertThat(entry.at("/healthcheck/test").toString())
                    .as(service.name() + "'s health check")
                    .contains("http://localhost:" + service.httpPort() + "/readyz");
            service.grpcPort()
                    .ifPresent(grpc -> assertThat(
                                    entry.at("/networks/default/aliases").toString())
                            .as(service.name() + " answers as " + service.name() + "-grpc, the name the profile dials")
                            .contains(service.name() + "-grpc"));
        }
    }
}
