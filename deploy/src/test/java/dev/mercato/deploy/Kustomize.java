package dev.mercato.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/** Renders a Kustomize overlay with {@code kubectl kustomize}, offline, into its objects. */
final class Kustomize {

    private Kustomize() {}

    static List<JsonNode> render(Path overlay) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "kubectl is needed to render deploy/k8s (it renders offline; install kubectl 1.27+)", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed: " + errors);
        }
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                Repository.YAML.readerFor(JsonNode.class).readValues(output)) {
            while (documents.hasNext()) {
                JsonNode object = documents.next();
                if (object != null && !object.isNull() && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }
}
