package dev.mercato.ordering.fake;

import dev.mercato.contracts.inventory.v1.CommitRequest;
import dev.mercato.contracts.inventory.v1.CommitResponse;
import dev.mercato.contracts.inventory.v1.InventoryServiceGrpc;
import dev.mercato.contracts.inventory.v1.Line;
import dev.mercato.contracts.inventory.v1.OutOfStock;
import dev.mercato.contracts.inventory.v1.ReleaseRequest;
import dev.mercato.contracts.inventory.v1.ReleaseResponse;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.contracts.inventory.v1.ReserveResponse;
import dev.mercato.contracts.inventory.v1.Reserved;
import dev.mercato.contracts.inventory.v1.Shortage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Inventory as the contract describes it, in memory: idempotent per order, out of stock as an answer. */
public final class FakeInventory extends InventoryServiceGrpc.InventoryServiceImplBase {

    public final Faults faults = new Faults();
    private final Map<String, Integer> available = new ConcurrentHashMap<>();
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();

    private record Reservation(ReservationState state, List<Line> lines, boolean outOfStock) {}

    public void stock(String sku, int units) {
        available.put(sku, units);
    }

    public int available(String sku) {
        return available.getOrDefault(sku, 0);
    }

    public ReservationState state(String orderId) {
        Reservation r = reservations.get(orderId);
        return r == null ? ReservationState.RESERVATION_STATE_UNSPECIFIED : r.state();
    }

    /** The reservation ran out: its stock is available again, a commit is refused. */
    public synchronized void expire(String orderId) {
        Reservation r = reservations.get(orderId);
        r.lines().forEach(l -> available.merge(l.getSku(), l.getQuantity(), Integer::sum));
        reservations.put(orderId, new Reservation(ReservationState.RESERVATION_STATE_EXPIRED, r.lines(), false));
    }

    public void reset() {
        faults.reset();
        available.clear();
        reservations.clear();
    }

    @Override
    public synchronized void reserve(ReserveRequest request, StreamObserver<ReserveResponse> response) {
        if (!Fakes.enter(faults, "Reserve", response)) {
            return;
        }
        Reservation r = reservations.get(request.getOrderId());
        if (r != null
                && r.state() == ReservationState.RESERVATION_STATE_RELEASED
                && r.lines().isEmpty()) {
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("released before")
                    .asRuntimeException());
            return;
        }
        if (r == null) {
            List<Shortage> shortages = request.getLinesList().stream()
                    .filter(l -> available(l.getSku()) < l.getQuantity())
                    .map(l -> Shortage.newBuilder()
                            .setSku(l.getSku())
                            .setRequested(l.getQuantity())
                            .setAvailable(available(l.getSku()))
                            .build())
                    .toList();
            if (shortages.isEmpty()) {
                request.getLinesList().forEach(l -> available.merge(l.getSku(), -l.getQuantity(), Integer::sum));
                r = new Reservation(ReservationState.RESERVATION_STATE_RESERVED, request.getLinesList(), false);
            } else {
                r = new Reservation(ReservationState.RESERVATION_STATE_REJECTED, List.of(), true);
                reservations.put(request.getOrderId(), r);
                response.onNext(ReserveResponse.newBuilder()
                        .setOrderId(request.getOrderId())
                        .setState(r.state())
                        .setOutOfStock(OutOfStock.newBuilder().addAllShortages(shortages))
                        .build());
                response.onCompleted();
                return;
            }
            reservations.put(request.getOrderId(), r);
        }
        ReserveResponse.Builder answer =
                ReserveResponse.newBuilder().setOrderId(request.getOrderId()).setState(r.state());
        if (r.outOfStock()) {
            answer.setOutOfStock(OutOfStock.getDefaultInstance());
        } else {
            answer.setReserved(Reserved.newBuilder().addAllLines(r.lines()));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public synchronized void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
        if (!Fakes.enter(faults, "Commit", response)) {
            return;
        }
        Reservation r = reservations.get(request.getOrderId());
        if (r == null) {
            response.onError(Status.NOT_FOUND.asRuntimeException());
            return;
        }
        if (r.state() != ReservationState.RESERVATION_STATE_RESERVED
                && r.state() != ReservationState.RESERVATION_STATE_COMMITTED) {
            response.onError(
                    Status.FAILED_PRECONDITION.withDescription(r.state().name()).asRuntimeException());
            return;
        }
        reservations.put(
                request.getOrderId(), new Reservation(ReservationState.RESERVATION_STATE_COMMITTED, r.lines(), false));
        response.onNext(CommitResponse.newBuilder()
                .setOrderId(request.getOrderId())
                .setState(ReservationState.RESERVATION_STATE_COMMITTED)
                .addAllLines(r.lines())
                .build());
        response.onCompleted();
    }

    @Override
    public synchronized void release(ReleaseRequest request, StreamObserver<ReleaseResponse> response) {
        if (!Fakes.enter(faults, "Release", response)) {
            return;
        }
        Reservation r = reservations.get(request.getOrderId());
        ReservationState state = ReservationState.RESERVATION_STATE_RELEASED;
        if (r == null) {
            reservations.put(request.getOrderId(), new Reservation(state, List.of(), false));
        } else if (r.state() == ReservationState.RESERVATION_STATE_COMMITTED) {
            response.onError(
                    Status.FAILED_PRECONDITION.withDescription("committed").asRuntimeException());
            return;
        } else if (r.state() == ReservationState.RESERVATION_STATE_RESERVED) {
            r.lines().forEach(l -> available.merge(l.getSku(), l.getQuantity(), Integer::sum));
            reservations.put(request.getOrderId(), new Reservation(state, r.lines(), false));
        } else {
            state = r.state();
        }
        response.onNext(ReleaseResponse.newBuilder()
                .setOrderId(request.getOrderId())
                .setState(state)
                .build());
        response.onCompleted();
    }
}
