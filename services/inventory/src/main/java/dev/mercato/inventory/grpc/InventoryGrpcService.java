package dev.mercato.inventory.grpc;

import dev.mercato.contracts.inventory.v1.CommitRequest;
import dev.mercato.contracts.inventory.v1.CommitResponse;
import dev.mercato.contracts.inventory.v1.GetStockRequest;
import dev.mercato.contracts.inventory.v1.GetStockResponse;
import dev.mercato.contracts.inventory.v1.InventoryServiceGrpc;
import dev.mercato.contracts.inventory.v1.ReleaseRequest;
import dev.mercato.contracts.inventory.v1.ReleaseResponse;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.contracts.inventory.v1.ReserveResponse;
import dev.mercato.grpc.server.GrpcCaller;
import dev.mercato.inventory.domain.OrderId;
import dev.mercato.inventory.domain.Reservation;
import dev.mercato.inventory.domain.ReservationRefused;
import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.reservation.Reservations;
import dev.mercato.inventory.stock.StockRepository;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * {@code mercato.inventory.v1.InventoryService}: the contract's status codes come from here (refusals and bad input);
 * authentication and database failures from libs/grpc.
 */
@Service
class InventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {

    private static final int MAX_SKUS = 100;

    private final Reservations reservations;
    private final StockRepository stock;

    InventoryGrpcService(Reservations reservations, StockRepository stock) {
        this.reservations = reservations;
        this.stock = stock;
    }

    @Override
    public void reserve(ReserveRequest request, StreamObserver<ReserveResponse> response) {
        answer(response, () -> {
            Reservation reservation = reservations.reserve(
                    OrderId.parse(request.getOrderId()),
                    ProtoMapping.lines(request.getLinesList()),
                    ProtoMapping.ttl(request),
                    caller());
            return ProtoMapping.reserveResponse(reservation);
        });
    }

    @Override
    public void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
        answer(response, () -> {
            Reservation reservation = reservations.commit(OrderId.parse(request.getOrderId()), caller());
            return CommitResponse.newBuilder()
                    .setOrderId(reservation.orderId().toString())
                    .setState(ProtoMapping.state(reservation))
                    .addAllLines(ProtoMapping.lines(reservation))
                    .build();
        });
    }

    @Override
    public void release(ReleaseRequest request, StreamObserver<ReleaseResponse> response) {
        answer(response, () -> {
            Reservation reservation = reservations.release(OrderId.parse(request.getOrderId()), caller());
            return ReleaseResponse.newBuilder()
                    .setOrderId(reservation.orderId().toString())
                    .setState(ProtoMapping.state(reservation))
                    .build();
        });
    }

    @Override
    public void getStock(GetStockRequest request, StreamObserver<GetStockResponse> response) {
        answer(response, () -> {
            if (request.getSkusCount() == 0 || request.getSkusCount() > MAX_SKUS) {
                throw new IllegalArgumentException("ask for 1 to " + MAX_SKUS + " skus");
            }
            Set<Sku> skus = new LinkedHashSet<>();
            request.getSkusList().forEach(sku -> skus.add(new Sku(sku)));
            return GetStockResponse.newBuilder()
                    .addAllLevels(stock.find(skus).values().stream()
                            .map(ProtoMapping::stockLevel)
                            .toList())
                    .build();
        });
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (IllegalArgumentException e) {
            response.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (ReservationRefused e) {
            response.onError(refused(e));
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private static StatusRuntimeException refused(ReservationRefused refusal) {
        Status status = switch (refusal.reason()) {
            case UNKNOWN_ORDER -> Status.NOT_FOUND;
            case DIFFERENT_LINES -> Status.ALREADY_EXISTS;
            case WRONG_STATE -> Status.FAILED_PRECONDITION;
        };
        return status.withDescription(refusal.getMessage()).asRuntimeException();
    }

    private static String caller() {
        return GrpcCaller.find().orElse("unknown");
    }
}
