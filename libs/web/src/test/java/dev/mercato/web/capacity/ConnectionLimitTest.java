package dev.mercato.web.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ConnectionLimitTest {

    private static final long HEAP_96_MB = 96L * 1024 * 1024;

    @Test
    void withoutAMaximumTheLimitIsTheHeapShareAtTheReckonedSizeEach() {
        assertThat(ConnectionLimit.fromHeap(0, 0.25, DataSize.ofKilobytes(64), HEAP_96_MB))
                .isEqualTo(384);
    }

    @Test
    void aMaximumIsTakenAsItIs() {
        assertThat(ConnectionLimit.fromHeap(20_000, 0.25, DataSize.ofKilobytes(64), HEAP_96_MB))
                .isEqualTo(20_000);
    }

    @Test
    void aTinyHeapStillAdmitsOne() {
        assertThat(ConnectionLimit.fromHeap(0, 0.25, DataSize.ofKilobytes(64), 1024))
                .isEqualTo(1);
    }

    @Test
    void pastTheLimitANewConnectionIsRefusedAndCountedUntilOneCloses() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ConnectionLimit connections = new ConnectionLimit(2, meters, "test.connections");

        assertThat(connections.tryOpen()).isTrue();
        assertThat(connections.tryOpen()).isTrue();
        assertThat(connections.tryOpen()).isFalse();
        assertThat(meters.get("test.connections.open").gauge().value()).isEqualTo(2);
        assertThat(meters.get("test.connections.refused").counter().count()).isEqualTo(1);

        connections.closed();

        assertThat(connections.tryOpen()).isTrue();
        assertThat(connections.tryOpen()).isFalse();
        assertThat(meters.get("test.connections.limit").gauge().value()).isEqualTo(2);
    }
}
