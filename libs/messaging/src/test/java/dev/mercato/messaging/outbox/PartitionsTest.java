package dev.mercato.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    @Test
    void isStableAcrossCallsAndProcesses() {
        // CRC32 of the UTF-8 bytes: a fixed value, not a per-JVM hash
        assertThat(Partitions.of("product-42", 16)).isEqualTo(Partitions.of("product-42", 16));
        assertThat(Partitions.of("a", 16)).isEqualTo((int) (0xe8b7be43L % 16));
    }

    @Test
    void staysInRange() {
        IntStream.range(0, 1000)
                .forEach(i -> assertThat(Partitions.of(UUID.randomUUID().toString(), 7))
                        .isBetween(0, 6));
    }

    @Test
    void spreadsAggregatesOverAllPartitions() {
        int[] counts = new int[16];
        for (int i = 0; i < 16_000; i++) {
            counts[Partitions.of("order-" + i, 16)]++;
        }
        assertThat(java.util.Arrays.stream(counts).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(800, 1200));
    }

    @Test
    void needsAtLeastOnePartition() {
        assertThatThrownBy(() -> Partitions.of("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Partitions.of("x", 1)).isZero();
    }
}
