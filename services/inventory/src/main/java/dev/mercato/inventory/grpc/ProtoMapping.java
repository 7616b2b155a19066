package dev.mercato.inventory.grpc;

import com.google.protobuf.Timestamp;
import dev.mercato.contracts.inventory.v1.OutOfStock;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.contracts.inventory.v1.ReserveResponse;
import dev.mercato.contracts.inventory.v1.Reserved;
import dev.mercato.contracts.inventory.v1.StockLevel;
import dev.mercato.inventory.domain.Line;
import dev.mercato.inventory.domain.Lines;
import dev.mercato.inventory.domain.Reservation;
import dev.mercato.inventory.domain.Shortage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Between the contract's messages and the domain; malformed input is an {@link IllegalArgumentException}. */
final class ProtoMapping {

    private ProtoMapping() {}

    static Lines lines(List<dev.mercato.contracts.inventory.v1.Line> lines) {
        if (lines.isEmpty() || lines.size() > Lines.MAX_LINES) {
            throw new IllegalArgumentException("an order has 1 to " + Lines.MAX_LINES + " lines");
        }
        return Lines.of(lines.stream()
                .map(line -> Line.of(line.getSku(), line.getQuantity()))
                .toList());
    }

    /** @return null when the request leaves the ttl to the service */
    static Duration ttl(ReserveRequest request) {
        if (!request.hasTtl()) {
            return null;
        }
        com.google.protobuf.Duration ttl = request.getTtl();
        if (ttl.getNanos() < 0 || ttl.getNanos() > 999_999_999 || ttl.getSeconds() < 0) {
            throw new IllegalArgumentException("ttl must be a positive duration");
        }
        return Duration.ofSeconds(ttl.getSeconds(), ttl.getNanos());
    }

    static ReserveResponse reserveResponse(Reservation reservation) {
        ReserveResponse.Builder response = ReserveResponse.newBuilder()
                .setOrderId(reservation.orderId().toString())
                .setState(state(reservation));
        if (reservation.wasReserved()) {
            response.setReserved(Reserved.newBuilder()
                    .addAllLines(lines(reservation))
                    .setExpiresAt(timestamp(reservation.expiresAt())));
        } else {
            response.setOutOfStock(OutOfStock.newBuilder()
                    .addAllShortages(reservation.shortages().stream()
                            .map(ProtoMapping::shortage)
                            .toList()));
        }
        return response.build();
    }

    static List<dev.mercato.contracts.inventory.v1.Line> lines(Reservation reservation) {
        return reservation.lines().stream()
                .map(line -> dev.mercato.contracts.inventory.v1.Line.newBuilder()
                        .setSku(line.sku().value())
                        .setQuantity(line.quantity())
                        .build())
                .toList();
    }

    static ReservationState state(Reservation reservation) {
        return switch (reservation.state()) {
            case RESERVED -> ReservationState.RESERVATION_STATE_RESERVED;
            case COMMITTED -> ReservationState.RESERVATION_STATE_COMMITTED;
            case RELEASED -> ReservationState.RESERVATION_STATE_RELEASED;
            case EXPIRED -> ReservationState.RESERVATION_STATE_EXPIRED;
            case REJECTED -> ReservationState.RESERVATION_STATE_REJECTED;
        };
    }

    static StockLevel stockLevel(dev.mercato.inventory.domain.StockLevel level) {
        return StockLevel.newBuilder()
                .setSku(level.sku().value())
                .setOnHand(level.onHand())
                .setReserved(level.reserved())
                .setAvailable(level.available())
                .build();
    }

    private static dev.mercato.contracts.inventory.v1.Shortage shortage(Shortage shortage) {
        return dev.mercato.contracts.inventory.v1.Shortage.newBuilder()
                .setSku(shortage.sku().value())
                .setRequested(shortage.requested())
                .setAvailable(shortage.available())
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
