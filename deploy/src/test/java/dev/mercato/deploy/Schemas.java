package dev.mercato.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas of the objects Mercato deploys (src/test/resources/schemas, README there says where each came from),
 * by apiVersion and kind. An object of a kind without a schema here fails: a new kind needs its schema first.
 */
final class Schemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("v1/ConfigMap", "kubernetes/configmap-v1.json"),
            Map.entry("v1/Namespace", "kubernetes/namespace-v1.json"),
            Map.entry("v1/Service", "kubernetes/service-v1.json"),
            Map.entry("apps/v1/Deployment", "kubernetes/deployment-apps-v1.json"),
            Map.entry("policy/v1/PodDisruptionBudget", "kubernetes/poddisruptionbudget-policy-v1.json"),
            Map.entry(
                    "autoscaling/v2/HorizontalPodAutoscaler", "kubernetes/horizontalpodautoscaler-autoscaling-v2.json"),
            Map.entry("networking.k8s.io/v1/Ingress", "kubernetes/ingress-networking-v1.json"),
            Map.entry("postgresql.cnpg.io/v1/Cluster", "crds/postgresql.cnpg.io_cluster_v1.json"),
            Map.entry("postgresql.cnpg.io/v1/Database", "crds/postgresql.cnpg.io_database_v1.json"),
            Map.entry("rabbitmq.com/v1beta1/RabbitmqCluster", "crds/rabbitmq.com_rabbitmqcluster_v1beta1.json"),
            Map.entry("keda.sh/v1alpha1/ScaledObject", "crds/keda.sh_scaledobject_v1alpha1.json"),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", "crds/keda.sh_triggerauthentication_v1alpha1.json"));

    private static final Map<String, Schema> loaded = new ConcurrentHashMap<>();

    private Schemas() {}

    /** The schema's complaints about a Kubernetes object; empty when it is valid. */
    static List<String> violations(JsonNode object) {
        String key =
                object.path("apiVersion").asString() + "/" + object.path("kind").asString();
        String file = FILES.get(key);
        if (file == null) {
            return List.of("no schema for " + key + " (add one to src/test/resources/schemas and Schemas.FILES)");
        }
        Schema schema = loaded.computeIfAbsent(file, Schemas::kubernetes);
        return messages(schema.validate(object));
    }

    /** The Compose Specification's complaints about a Compose file. */
    static List<String> composeViolations(JsonNode composeFile) {
        Schema schema = loaded.computeIfAbsent("compose/compose-spec.json", file -> {
            ObjectNode node = (ObjectNode) read(file);
            node.remove("$schema");
            node.remove("$id");
            return REGISTRY.getSchema(JSON.writeValueAsString(node), InputFormat.JSON);
        });
        return messages(schema.validate(composeFile));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    private static Schema kubernetes(String file) {
        JsonNode node = read(file);
        strict(node);
        ((ObjectNode) node).remove("$schema");
        return REGISTRY.getSchema(JSON.writeValueAsString(node), InputFormat.JSON);
    }

    /** Every object schema that lists its properties admits no others. */
    static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> strict(entry.getValue()));
        } else if (node.isArray()) {
            node.forEach(Schemas::strict);
        }
    }

    private static JsonNode read(String file) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource schemas/" + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
