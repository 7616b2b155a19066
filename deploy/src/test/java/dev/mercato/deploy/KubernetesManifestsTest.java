package dev.mercato.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.deploy.Repository.Service;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * deploy/k8s as a cluster would receive it: each overlay rendered by Kustomize, every object valid against its schema
 * (the operators' CRDs included), every service deployed with its probes, requests and limits, a disruption budget and
 * an autoscaler, reachable under the names the kubernetes profile gives it.
 */
class KubernetesManifestsTest {

    private static final Map<String, List<JsonNode>> rendered = new ConcurrentHashMap<>();

    static List<JsonNode> objects(String overlay) {
        return rendered.computeIfAbsent(overlay, name -> {
            try {
                return Kustomize.render(
                        Repository.root().resolve("deploy/k8s/overlays").resolve(name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The services an overlay deploys: all with an image but the registry (Kubernetes Services replace it), and
     * psp-sim only locally. */
    static List<Service> deployed(String overlay) {
        return Repository.services().stream()
                .filter(service -> !service.name().equals("discovery"))
                .filter(service -> overlay.equals("local") || !service.name().equals("psp-sim"))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyObjectIsValidAgainstItsSchema(String overlay) {
        List<String> violations = new ArrayList<>();
        for (JsonNode object : objects(overlay)) {
            Schemas.violations(object).forEach(violation -> violations.add(name(object) + " " + violation));
        }
        assertThat(violations).isEmpty();
        assertThat(objects(overlay))
                .as("secrets are referenced, never committed")
                .noneMatch(object -> object.path("kind").asString().equals("Secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceRunsWithProbesResourcesAndADisruptionBudget(String overlay) {
        List<JsonNode> objects = objects(overlay);
        for (Service service : deployed(overlay)) {
            JsonNode deployment = find(objects, "Deployment", service.name())
                    .orElseThrow(() -> new AssertionError(overlay + ": no Deployment for " + service.name()));
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            String what = overlay + " " + service.name() + ": ";

            assertThat(container.path("image").asString())
                    .as(what + "image")
                    .matches("(.+/)?mercato/" + service.name() + ":[\\w.-]+");
            assertThat(containerPort(container, "http")).as(what + "http port").contains(service.httpPort());
            assertThat(containerPort(container, "grpc")).as(what + "grpc port").isEqualTo(service.grpcPort());

            assertThat(probe(container, "startupProbe"))
                    .as(what + "startup probe")
                    .isEqualTo("/livez on http");
            assertThat(probe(container, "livenessProbe"))
                    .as(what + "liveness probe")
                    .isEqualTo("/livez on http");
            assertThat(probe(container, "readinessProbe"))
                    .as(what + "readiness probe")
                    .isEqualTo("/readyz on http");

            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container
                                    .at("/resources/" + bound + "/" + resource)
                                    .asString())
                            .as(what + bound + "." + resource)
                            .isNotBlank();
                }
            }

            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(objects)
                    .as(what + "a PodDisruptionBudget selecting its pods")
                    .anyMatch(object -> kind(object, "PodDisruptionBudget")
                            && selects(object.at("/spec/selector/matchLabels"), podLabels));
            assertThat(objects)
                    .as(what + "a Service selecting its pods on its HTTP port")
                    .anyMatch(object -> kind(object, "Service")
                            && name(object).equals("Service/" + service.name())
                            && selects(object.at("/spec/selector"), podLabels)
                            && servicePorts(object).contains(service.httpPort()));
            if (!service.name().equals("psp-sim")) {
                assertThat(objects)
                        .as(what + "a HorizontalPodAutoscaler or a KEDA ScaledObject")
                        .anyMatch(object -> (kind(object, "HorizontalPodAutoscaler") || kind(object, "ScaledObject"))
                                && object.at("/spec/scaleTargetRef/name")
                                        .asString()
                                        .equals(service.name()));
            }
        }
    }

    /**
     * The probes' paths exist: libs/web's defaults serve the health groups at /livez and /readyz on the main port, and
     * every service with an image uses libs/web.
     */
    @Test
    void everyServiceServesTheProbePaths() throws IOException {
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(
                Repository.root().resolve("libs/web/src/main/resources/mercato-defaults.properties"))) {
            defaults.load(in);
        }
        assertThat(defaults.getProperty("management.endpoint.health.probes.enabled"))
                .isEqualTo("true");
        assertThat(defaults.getProperty("management.endpoint.health.probes.add-additional-paths"))
                .isEqualTo("true");
        for (Service service : Repository.services()) {
            assertThat(Files.readString(Repository.root().resolve("services/" + service.name() + "/pom.xml")))
                    .as(service.name() + " uses libs/web")
                    .contains("<artifactId>mercato-web</artifactId>");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyMercatoImageIsOneTheBuildMakes(String overlay) {
        Set<String> services = new TreeSet<>();
        Repository.services().forEach(service -> services.add(service.name()));
        for (JsonNode object : objects(overlay)) {
            for (JsonNode container : object.at("/spec/template/spec/containers")) {
                String image = container.path("image").asString();
                int at = image.indexOf("mercato/");
                if (at >= 0 && (at == 0 || image.charAt(at - 1) == '/')) {
                    String service = image.substring(at + "mercato/".length()).replaceFirst(":.*", "");
                    assertThat(services).as(name(object) + " runs " + image).contains(service);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void servicesAreReachableUnderTheNamesOfTheKubernetesProfile(String overlay) throws IOException {
        Properties profile = new Properties();
        try (Reader in = Files.newBufferedReader(
                Repository.root().resolve("libs/web/src/main/resources/mercato-kubernetes.properties"))) {
            profile.load(in);
        }
        Set<String> deployed = new TreeSet<>();
        deployed(overlay).forEach(service -> deployed.add(service.name()));
        List<JsonNode> objects = objects(overlay);
        for (String key : profile.stringPropertyNames()) {
            String value = profile.getProperty(key);
            if (key.startsWith("spring.cloud.discovery.client.simple.instances.")) {
                String service = key.substring("spring.cloud.discovery.client.simple.instances.".length())
                        .replaceFirst("\\[.*", "");
                if (!deployed.contains(service)) {
                    continue;
                }
                java.net.URI uri = java.net.URI.create(value);
                assertThat(servicePorts(find(objects, "Service", uri.getHost())
                                .orElseThrow(() ->
                                        new AssertionError(overlay + ": no Service " + uri.getHost() + " for " + key))))
                        .as(key)
                        .contains(uri.getPort());
            } else if (value.startsWith("dns:///")) {
                String hostPort = value.substring("dns:///".length());
                String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
                int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
                JsonNode headless = find(objects, "Service", host)
                        .orElseThrow(() -> new AssertionError(overlay + ": no Service " + host + " for " + key));
                assertThat(headless.at("/spec/clusterIP").asString())
                        .as(host + " is headless")
                        .isEqualTo("None");
                assertThat(servicePorts(headless)).as(key).contains(port);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theStoresAreRunByTheirOperators(String overlay) {
        List<JsonNode> objects = objects(overlay);
        JsonNode postgres = find(objects, "Cluster", "mercato-pg").orElseThrow();
        JsonNode rabbit = find(objects, "RabbitmqCluster", "mercato-rabbitmq").orElseThrow();
        assertThat(rabbit.at("/spec/rabbitmq/additionalConfig").asString()).contains("default_queue_type = quorum");
        if (overlay.equals("production")) {
            assertThat(postgres.at("/spec/instances").asInt())
                    .as("a primary and two replicas")
                    .isEqualTo(3);
            assertThat(rabbit.at("/spec/replicas").asInt())
                    .as("a quorum survives one node")
                    .isEqualTo(3);
        }
        Set<String> databases = new TreeSet<>();
        objects.stream().filter(object -> kind(object, "Database")).forEach(database -> {
            assertThat(database.at("/spec/cluster/name").asString()).isEqualTo("mercato-pg");
            databases.add(database.at("/spec/name").asString());
        });
        databases.add(postgres.at("/spec/bootstrap/initdb/database").asString());
        for (Service service : deployed(overlay)) {
            JsonNode env = find(objects, "Deployment", service.name())
                    .orElseThrow()
                    .at("/spec/template/spec/containers/0/env");
            boolean usesPostgres = StreamSupport.stream(env.spliterator(), false)
                    .anyMatch(variable -> variable.path("name").asString().equals("MERCATO_PG_PASSWORD"));
            if (usesPostgres) {
                assertThat(databases)
                        .as(service.name() + "'s database")
                        .contains("mercato_" + service.name().replace('-', '_'));
            }
        }
    }

    private static Optional<Integer> containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asString().equals(name)) {
                return Optional.of(port.path("containerPort").asInt());
            }
        }
        return Optional.empty();
    }

    private static String probe(JsonNode container, String probe) {
        JsonNode get = container.path(probe).path("httpGet");
        return get.isMissingNode()
                ? "none"
                : get.path("path").asString() + " on " + get.path("port").asString();
    }

    private static List<Integer> servicePorts(JsonNode service) {
        List<Integer> ports = new ArrayList<>();
        service.at("/spec/ports").forEach(port -> ports.add(port.path("port").asInt()));
        return ports;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        return selector.properties().stream()
                .allMatch(entry -> labels.path(entry.getKey())
                        .asString()
                        .equals(entry.getValue().asString()));
    }

    private static boolean kind(JsonNode object, String kind) {
        return object.path("kind").asString().equals(kind);
    }

    private static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> kind(object, kind)
                        && object.at("/metadata/name").asString().equals(name))
                .findFirst();
    }

    private static String name(JsonNode object) {
        return object.path("kind").asString() + "/"
                + object.at("/metadata/name").asString();
    }
}
