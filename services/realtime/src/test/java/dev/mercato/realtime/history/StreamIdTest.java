package dev.mercato.realtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamIdTest {

    @Test
    void parsesAndPrintsRedisEntryIds() {
        StreamId id = StreamId.parse("1700000000000-7");

        assertThat(id).isEqualTo(new StreamId(1_700_000_000_000L, 7));
        assertThat(id.toString()).isEqualTo("1700000000000-7");
    }

    @Test
    void ordersByMillisThenSequenceNotAsText() {
        List<StreamId> ids = new ArrayList<>(List.of(
                StreamId.parse("1700000000000-10"),
                StreamId.parse("999999999999-0"),
                StreamId.parse("1700000000000-9"),
                StreamId.parse("1700000000001-0")));

        ids.sort(null);

        assertThat(ids)
                .extracting(StreamId::toString)
                .containsExactly("999999999999-0", "1700000000000-9", "1700000000000-10", "1700000000001-0");
        assertThat(StreamId.parse("5-1").isAfter(StreamId.parse("5-0"))).isTrue();
        assertThat(StreamId.parse("5-0").isAfter(StreamId.parse("5-0"))).isFalse();
    }

    @Test
    void refusesWhatIsNotAnEntryId() {
        for (String text : new String[] {"", "17", "17-", "-1-0", "a-b", "1-2-3", "99999999999999999999-0"}) {
            assertThatThrownBy(() -> StreamId.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> StreamId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
