package dev.mercato.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.deploy.Repository.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's image tar (services/<name>/target/jib-image.tar, written by Jib with -Pimages) read as a container
 * runtime would: its layers in order, the user it runs as, its entrypoint and the ports it exposes.
 */
@EnabledIfSystemProperty(
        named = "mercato.images.built",
        matches = "true",
        disabledReason = "images not built (-Pimages)")
class ImageTarsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> services() {
        return Repository.services().stream().map(Service::name).toList();
    }

    /**
     * A docker-save archive as read once: its manifest, its config, and the paths in each layer (the layers are
     * listed while streaming, not kept).
     */
    record Image(JsonNode manifest, JsonNode config, Map<String, List<String>> layers) {

        static Image read(Path tar) throws IOException {
            Map<String, byte[]> metadata = new HashMap<>();
            Map<String, List<String>> layers = new HashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
                TarArchiveEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    if (entry.getName().endsWith(".json")) {
                        metadata.put(entry.getName(), in.readAllBytes());
                    } else {
                        layers.put(entry.getName(), paths(in));
                    }
                }
            }
            JsonNode manifest = JSON.readTree(metadata.get("manifest.json")).get(0);
            JsonNode config = JSON.readTree(metadata.get(manifest.path("Config").asString()));
            return new Image(manifest, config, layers);
        }

        private static List<String> paths(InputStream layer) throws IOException {
            List<String> paths = new ArrayList<>();
            InputStream unclosed = new java.io.FilterInputStream(layer) {
                @Override
                public void close() {}
            };
            try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(unclosed))) {
                TarArchiveEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    paths.add(entry.getName());
                }
            }
            return paths;
        }

        List<String> layerFiles() {
            List<String> names = new ArrayList<>();
            manifest.path("Layers").forEach(layer -> names.add(layer.asString()));
            return names;
        }
    }

    private static final Map<String, Image> images = new ConcurrentHashMap<>();

    private static Image image(String service) {
        return images.computeIfAbsent(service, name -> {
            Path tar = Repository.root().resolve("services").resolve(name).resolve("target/jib-image.tar");
            assertThat(tar)
                    .as("the image tar of " + name + " (mvn package -Pimages)")
                    .isRegularFile();
            try {
                return Image.read(tar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("services")
    void isLayeredWithTheDependenciesBelowTheApplication(String service) {
        Image image = image(service);
        List<String> comments = new ArrayList<>();
        image.config().path("history").forEach(step -> {
            if (!step.path("empty_layer").asBoolean(false)) {
                comments.add(step.path("comment").asString(""));
            }
        });
        assertThat(comments).containsSubsequence("dependencies", "project dependencies", "resources", "classes");
        assertThat(image.layerFiles())
                .as("one file per layer, each in the archive")
                .hasSize(image.config().at("/rootfs/diff_ids").size())
                .allMatch(image.layers()::containsKey);
        List<String> application = image.layers().get(image.layerFiles().getLast());
        List<String> all = new ArrayList<>();
        for (String layer : image.layerFiles()) {
            all.addAll(image.layers().get(layer));
        }
        assertThat(all).as("a Java runtime").anyMatch(path -> path.matches("(\\./)?opt/java/bin/java|.*/bin/java"));
        assertThat(all)
                .as("libs/web, for the health probe")
                .anyMatch(path -> path.matches("(\\./)?app/libs/mercato-web-.*\\.jar"));
        assertThat(application)
                .as("the last layer holds the application's classes or JVM argument files")
                .anyMatch(path -> path.startsWith("app/") || path.startsWith("./app/"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsAsANonRootUserWithTheFootprintFlags(String service) {
        JsonNode config = image(service).config().path("config");
        String user = config.path("User").asString("");
        assertThat(user).as("user").isNotBlank().doesNotMatch("(root|0)(:.*)?");

        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(argument -> entrypoint.add(argument.asString()));
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint).anyMatch(argument -> argument.matches("-Xmx\\d+m"));
        assertThat(entrypoint.getLast()).startsWith("dev.mercato.");
        assertThat(config.path("Env").toString()).contains("MALLOC_ARENA_MAX=2");
    }

    @ParameterizedTest
    @MethodSource("services")
    void exposesTheServicePorts(String service) {
        JsonNode config = image(service).config().path("config");
        List<String> exposed = new ArrayList<>(config.path("ExposedPorts").propertyNames());
        List<String> expected = Repository.service(service).ports().stream()
                .map(port -> port + "/tcp")
                .toList();
        assertThat(exposed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(config.at("/Labels/dev.mercato.health.readiness").asString()).isEqualTo("/readyz");
    }
}
