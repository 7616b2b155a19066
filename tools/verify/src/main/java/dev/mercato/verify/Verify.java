package dev.mercato.verify;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits (up to a limit) for orders in flight to finish, then reads the stores and checks every invariant. */
public final class Verify {

    private final SnapshotReader reader;
    private final Clock clock;

    public Verify(Stores stores, Clock clock) {
        this.reader = new SnapshotReader(stores);
        this.clock = clock;
    }

    /** @param settle how long pending orders may take to become terminal before they count as stuck */
    public Report run(Duration settle) throws SQLException, InterruptedException {
        Instant giveUp = clock.instant().plus(settle);
        while (reader.pendingOrders() > 0 && clock.instant().isBefore(giveUp)) {
            Thread.sleep(250);
        }
        Snapshot snapshot = reader.read();
        return new Report(snapshot, Checks.all(snapshot, clock.instant()));
    }
}
