package dev.mercato.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The event body the outbox carries matches the schemas in contracts/events. */
class EventContractTest {

    private static final Path CONTRACTS = Path.of("../../contracts/events");

    @ParameterizedTest
    @ValueSource(strings = {"authorized", "declined", "captured", "voided", "refunded"})
    void bodyDeclaresExactlyTheSchemasProperties(String event) {
        JsonNode schema = JsonMapper.builder()
                .build()
                .readTree(CONTRACTS.resolve("payment." + event + ".v1.json").toFile());
        Set<String> fields = Arrays.stream(PaymentEvents.Body.class.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toSet());
        List<String> required =
                schema.get("required").valueStream().map(JsonNode::asString).toList();

        assertThat(schema.get("$id").asString()).endsWith("payment." + event + ".v1.json");
        assertThat(fields).containsAll(required);
        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);
    }
}
