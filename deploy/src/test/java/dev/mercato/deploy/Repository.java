package dev.mercato.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The working tree the build runs in, and the services as their own files describe them. */
final class Repository {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[^:}]+:(\\d+)}|(\\d+)");

    private Repository() {}

    static Path root() {
        return Path.of(System.getProperty("mercato.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * A service with an image: a module under services/ whose build has the Jib plugin. Its ports are the defaults in its
     * application.yml (server.port, spring.grpc.server.port, management.server.port).
     */
    record Service(String name, int httpPort, Optional<Integer> grpcPort, Optional<Integer> managementPort) {

        List<Integer> ports() {
            List<Integer> ports = new ArrayList<>(List.of(httpPort));
            grpcPort.ifPresent(ports::add);
            managementPort.ifPresent(ports::add);
            return ports;
        }
    }

    static List<Service> services() {
        try (Stream<Path> modules = Files.list(root().resolve("services"))) {
            return modules.filter(module -> hasImage(module.resolve("pom.xml")))
                    .sorted()
                    .map(Repository::service)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Service service(String name) {
        return services().stream()
                .filter(service -> service.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service module with an image is named " + name));
    }

    private static boolean hasImage(Path pom) {
        try {
            return Files.isRegularFile(pom)
                    && Files.readString(pom).contains("<artifactId>jib-maven-plugin</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Service service(Path module) {
        JsonNode config = firstDocument(module.resolve("src/main/resources/application.yml"));
        return new Service(
                module.getFileName().toString(),
                port(config.at("/server/port"))
                        .orElseThrow(() -> new AssertionError(module + " has no server.port default")),
                port(config.at("/spring/grpc/server/port")),
                port(config.at("/management/server/port")));
    }

    /** The first document of a multi-document YAML file, which holds the ports. */
    private static JsonNode firstDocument(Path file) {
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            return documents.next();
        }
    }

    private static Optional<Integer> port(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        Matcher matcher = PLACEHOLDER_DEFAULT.matcher(node.asString().trim());
        if (!matcher.matches()) {
            throw new AssertionError("a port without a numeric default: " + node);
        }
        return Optional.of(Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
    }
}
