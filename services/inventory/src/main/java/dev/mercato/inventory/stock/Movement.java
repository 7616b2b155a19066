package dev.mercato.inventory.stock;

import dev.mercato.inventory.domain.MovementKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of the stock ledger, as the admin API shows it. */
public record Movement(
        long id,
        String sku,
        MovementKind kind,
        int onHandDelta,
        int reservedDelta,
        @Nullable UUID orderId,
        @Nullable String actor,
        Instant at) {}
