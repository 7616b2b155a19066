package dev.mercato.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Maps an aggregate to one of N outbox partitions. One relay at a time publishes a partition, in sequence order, so
 * all messages of one aggregate leave in the order they were written. CRC32 rather than {@code hashCode}: well spread
 * and the same in every language, should another process ever read the table.
 */
public final class Partitions {

    private Partitions() {}

    public static int of(String aggregateId, int partitions) {
        if (partitions < 1 || partitions > Short.MAX_VALUE) {
            throw new IllegalArgumentException("partitions must be in 1.." + Short.MAX_VALUE + ", was " + partitions);
        }
        CRC32 crc = new CRC32();
        crc.update(aggregateId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }
}
