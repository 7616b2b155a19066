package dev.mercato.inventory.grpc;

import com.google.protobuf.Duration;
import dev.mercato.contracts.inventory.v1.CommitRequest;
import dev.mercato.contracts.inventory.v1.Line;
import dev.mercato.contracts.inventory.v1.ReleaseRequest;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.inventory.domain.Sku;
import java.util.UUID;

/** Small builders for the contract's requests. */
final class Requests {

    private Requests() {}

    static ReserveRequest.Builder reserve(UUID order, Object... skuThenQuantity) {
        ReserveRequest.Builder request = ReserveRequest.newBuilder().setOrderId(order.toString());
        for (int i = 0; i < skuThenQuantity.length; i += 2) {
            request.addLines(line(skuThenQuantity[i].toString(), (Integer) skuThenQuantity[i + 1]));
        }
        return request;
    }

    static ReserveRequest reserve(UUID order, Sku sku, int quantity) {
        return reserve(order, sku.value(), quantity).build();
    }

    static Line line(String sku, int quantity) {
        return Line.newBuilder().setSku(sku).setQuantity(quantity).build();
    }

    static Duration millis(long millis) {
        return Duration.newBuilder()
                .setSeconds(millis / 1000)
                .setNanos((int) (millis % 1000) * 1_000_000)
                .build();
    }

    static CommitRequest commit(UUID order) {
        return CommitRequest.newBuilder().setOrderId(order.toString()).build();
    }

    static ReleaseRequest release(UUID order) {
        return ReleaseRequest.newBuilder().setOrderId(order.toString()).build();
    }
}
