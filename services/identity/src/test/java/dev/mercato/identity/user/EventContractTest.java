package dev.mercato.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The body of user.registered matches its schema in contracts/events. */
class EventContractTest {

    @Test
    void userRegistered() {
        JsonNode schema = JsonMapper.builder()
                .build()
                .readTree(Path.of("../../contracts/events/user.registered.v1.json")
                        .toFile());
        Set<String> fields = Arrays.stream(AccountEvents.Registered.class.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toSet());
        List<String> required =
                schema.get("required").valueStream().map(JsonNode::asString).toList();

        assertThat(fields).containsAll(required);
        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(schema.get("properties")
                        .get("locale")
                        .get("enum")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactlyElementsOf(AccountLocale.SUPPORTED);
    }
}
