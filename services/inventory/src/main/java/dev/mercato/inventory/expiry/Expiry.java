package dev.mercato.inventory.expiry;

import dev.mercato.inventory.domain.Reservation;
import dev.mercato.inventory.reservation.ReservationMetrics;
import dev.mercato.inventory.reservation.ReservationRepository;
import dev.mercato.inventory.stock.Posting;
import dev.mercato.inventory.stock.StockRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Gives back the stock of reservations that were not committed in time, a batch per transaction. */
@Service
class Expiry {

    private final ReservationRepository reservations;
    private final StockRepository stock;
    private final TransactionTemplate tx;
    private final ReservationMetrics metrics;
    private final Clock clock;

    Expiry(
            ReservationRepository reservations,
            StockRepository stock,
            TransactionTemplate tx,
            ReservationMetrics metrics,
            Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Expires what is due now, batch after batch. @return how many reservations expired */
    int run(int batchSize) {
        int total = 0;
        int expired;
        do {
            expired = tx.execute(status -> expireBatch(batchSize));
            total += expired;
        } while (expired == batchSize);
        if (total > 0) {
            metrics.count(ReservationMetrics.Outcome.EXPIRED, total);
        }
        return total;
    }

    private int expireBatch(int batchSize) {
        Instant now = clock.instant();
        List<Reservation> due = reservations.lockDue(now, batchSize);
        if (due.isEmpty()) {
            return 0;
        }
        List<Posting> postings = new ArrayList<>();
        for (Reservation reservation : due) {
            postings.addAll(Posting.of(reservation.orderId(), reservation.expire(now)));
        }
        stock.lock(postings.stream()
                .map(posting -> posting.change().sku())
                .distinct()
                .toList());
        stock.apply(postings, "expiry");
        reservations.updateState(due);
        return due.size();
    }
}
