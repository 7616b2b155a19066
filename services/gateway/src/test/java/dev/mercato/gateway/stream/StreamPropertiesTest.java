package dev.mercato.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class StreamPropertiesTest {

    private static final long HEAP_96_MB = 96L * 1024 * 1024;

    @Test
    void withoutAMaximumTheLimitIsTheHeapShareAtTheReckonedSizeEach() {
        var properties = new StreamProperties(0, 0.25, DataSize.ofKilobytes(64), Duration.ofSeconds(5));

        assertThat(properties.limit(HEAP_96_MB)).isEqualTo(384);
    }

    @Test
    void aMaximumIsTakenAsItIs() {
        var properties = new StreamProperties(20_000, 0.25, DataSize.ofKilobytes(64), Duration.ofSeconds(5));

        assertThat(properties.limit(HEAP_96_MB)).isEqualTo(20_000);
    }

    @Test
    void aTinyHeapStillAdmitsOneStream() {
        var properties = new StreamProperties(0, 0.25, DataSize.ofKilobytes(64), Duration.ofSeconds(5));

        assertThat(properties.limit(1024)).isEqualTo(1);
    }
}
