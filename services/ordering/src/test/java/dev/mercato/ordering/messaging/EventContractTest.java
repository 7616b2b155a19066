package dev.mercato.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The event bodies the outbox carries match the schemas in contracts/events. */
class EventContractTest {

    private static final Path CONTRACTS = Path.of("../../contracts/events");

    @Test
    void orderCreated() {
        matches("order.created", OrderEvents.Created.class);
        JsonNode line = schema("order.created").get("$defs").get("line");
        assertThat(line.get("properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(fields(OrderEvents.Line.class));
    }

    @Test
    void orderConfirmed() {
        matches("order.confirmed", OrderEvents.Confirmed.class);
    }

    @Test
    void orderCancelled() {
        matches("order.cancelled", OrderEvents.Cancelled.class);
    }

    private static void matches(String type, Class<? extends Record> body) {
        JsonNode schema = schema(type);
        Set<String> fields = fields(body);
        List<String> required =
                schema.get("required").valueStream().map(JsonNode::asString).toList();

        assertThat(schema.get("$id").asString()).endsWith(type + ".v1.json");
        assertThat(fields).containsAll(required);
        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);
    }

    private static JsonNode schema(String type) {
        return JsonMapper.builder()
                .build()
                .readTree(CONTRACTS.resolve(type + ".v1.json").toFile());
    }

    private static Set<String> fields(Class<? extends Record> body) {
        return Arrays.stream(body.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    }
}
