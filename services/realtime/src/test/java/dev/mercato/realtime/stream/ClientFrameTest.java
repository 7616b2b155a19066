package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.realtime.history.StreamId;
import dev.mercato.web.problem.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClientFrameTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX = 256;

    @Test
    void readsASubscribeWithAndWithoutSince() {
        assertThat(parse("{\"type\":\"subscribe\",\"topics\":[\"orders\",\"product:x\"],\"since\":\"17-2\"}"))
                .isEqualTo(new ClientFrame.Subscribe(List.of("orders", "product:x"), new StreamId(17, 2)));
        assertThat(parse("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}"))
                .isEqualTo(new ClientFrame.Subscribe(List.of("orders"), null));
        assertThat(parse("{\"type\":\"subscribe\",\"topics\":[\"orders\"],\"since\":null}"))
                .isEqualTo(new ClientFrame.Subscribe(List.of("orders"), null));
    }

    @Test
    void readsUnsubscribeAndAuth() {
        assertThat(parse("{\"type\":\"unsubscribe\",\"topics\":[\"orders\"]}"))
                .isEqualTo(new ClientFrame.Unsubscribe(List.of("orders")));
        assertThat(parse("{\"type\":\"auth\",\"token\":\"ey.x.y\"}")).isEqualTo(new ClientFrame.Auth("ey.x.y"));
    }

    @Test
    void malformedJsonIsAMalformedBody() {
        for (String text : new String[] {"", "{", "nope", "[]", "\"subscribe\"", "null"}) {
            assertBad(text, ProblemType.MALFORMED_BODY, "one JSON object");
        }
    }

    @Test
    void namesWhatIsWrong() {
        assertBad("{}", ProblemType.VALIDATION, "type: required");
        assertBad("{\"type\":7}", ProblemType.VALIDATION, "type: required");
        assertBad("{\"type\":\"publish\"}", ProblemType.VALIDATION, "'publish' is not one of");
        assertBad("{\"type\":\"subscribe\"}", ProblemType.VALIDATION, "topics:");
        assertBad("{\"type\":\"subscribe\",\"topics\":\"orders\"}", ProblemType.VALIDATION, "topics:");
        assertBad("{\"type\":\"subscribe\",\"topics\":[]}", ProblemType.VALIDATION, "topics:");
        assertBad("{\"type\":\"unsubscribe\",\"topics\":[null]}", ProblemType.VALIDATION, "each topic is a string");
        assertBad("{\"type\":\"subscribe\",\"topics\":[\"orders\"],\"since\":5}", ProblemType.VALIDATION, "since:");
        assertBad("{\"type\":\"subscribe\",\"topics\":[\"orders\"],\"since\":\"5\"}", ProblemType.VALIDATION, "since:");
        assertBad("{\"type\":\"auth\",\"token\":\" \"}", ProblemType.VALIDATION, "token:");
        assertBad("{\"type\":\"auth\",\"token\":{}}", ProblemType.VALIDATION, "token:");
    }

    @Test
    void aFrameLargerThanTheLimitIsRefusedBeforeItIsRead() {
        String large = "{\"type\":\"auth\",\"token\":\"" + "é".repeat(MAX / 2) + "\"}";
        assertThat(large.length()).isLessThan(MAX * 2);
        assertBad(large, ProblemType.VALIDATION, "at most 256 bytes");
    }

    @Test
    void quotesWhatTheClientSentShortened() {
        String type = "t".repeat(200);
        assertThatThrownBy(() -> parse("{\"type\":\"" + type + "\"}"))
                .hasMessageContaining("t".repeat(80) + "…")
                .hasMessageNotContaining("t".repeat(81));
    }

    private static ClientFrame parse(String text) {
        return ClientFrame.parse(text, MAX, JSON);
    }

    private static void assertBad(String text, ProblemType type, String detail) {
        assertThatThrownBy(() -> parse(text))
                .as(text)
                .isInstanceOfSatisfying(
                        ClientFrame.BadFrame.class,
                        bad -> assertThat(bad.type()).isEqualTo(type))
                .hasMessageContaining(detail);
    }
}
