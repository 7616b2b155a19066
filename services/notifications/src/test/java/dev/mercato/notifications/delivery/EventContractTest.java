package dev.mercato.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published payload has exactly the fields of its schema in contracts/events, every one of them required. */
class EventContractTest {

    @Test
    void notificationCreatedMatchesItsSchema() throws Exception {
        JsonNode schema = JsonMapper.builder()
                .build()
                .readTree(Path.of("../../contracts/events/notification.created.v1.json")
                        .toFile());
        List<String> fields = Arrays.stream(InAppEvents.NotificationCreated.class.getRecordComponents())
                .map(component -> component.getName())
                .collect(Collectors.toList());

        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(schema.get("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(fields);
    }
}
