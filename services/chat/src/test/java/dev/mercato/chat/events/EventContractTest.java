package dev.mercato.chat.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published payloads have exactly the fields of their schemas in contracts/events. */
class EventContractTest {

    @ParameterizedTest
    @CsvSource({"chat.message.v1, MessageStored", "chat.read.v1, ReadMarked"})
    void payloadMatchesItsSchema(String schemaName, String payload) throws Exception {
        JsonNode schema = JsonMapper.builder()
                .build()
                .readTree(Path.of("../../contracts/events/" + schemaName + ".json")
                        .toFile());
        Class<?> type = Class.forName(ChatEvents.class.getName() + "$" + payload);
        List<String> fields = Arrays.stream(type.getRecordComponents())
                .map(component -> component.getName())
                .collect(Collectors.toList());

        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(schema.get("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(fields);
    }
}
