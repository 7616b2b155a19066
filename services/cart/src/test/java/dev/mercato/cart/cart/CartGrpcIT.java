package dev.mercato.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.cart.CartIntegrationTest;
import dev.mercato.cart.GrpcPort;
import dev.mercato.contracts.cart.v1.Cart;
import dev.mercato.contracts.cart.v1.CartServiceGrpc;
import dev.mercato.contracts.cart.v1.GetCartRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** CartService over a real gRPC socket, as ordering calls it at checkout. */
class CartGrpcIT extends CartIntegrationTest {

    @Autowired
    GrpcPort grpcPort;

    ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort.get())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void answersThePricedCartWithItsVersion() throws Exception {
        var shopper = shopper();
        UUID mug = CATALOG.add("GRPC-MUG", "Mug", 1250);
        UUID lamp = CATALOG.add("GRPC-LAMP", "Lamp", 4999);
        add(shopper, mug, 2);
        long version = add(shopper, lamp, 1).json().get("version").asLong();

        Cart cart = getCart(asOrdering(), shopper.id().toString());

        assertThat(cart.getUserId()).isEqualTo(shopper.id().toString());
        assertThat(cart.getVersion()).isEqualTo(version);
        assertThat(cart.getLinesList())
                .extracting(
                        line -> line.getSku(),
                        line -> line.getQuantity(),
                        line -> line.getLineTotal().getMinor())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GRPC-LAMP", 1, 4999L),
                        org.assertj.core.groups.Tuple.tuple("GRPC-MUG", 2, 2500L));
        assertThat(cart.getLines(1).getUnitPrice().getMinor()).isEqualTo(1250);
        assertThat(cart.getLines(1).getProductId()).isEqualTo(mug.toString());
        assertThat(cart.getLines(1).getName()).isEqualTo("Mug");
        assertThat(cart.getTotal().getMinor()).isEqualTo(7499);
        assertThat(cart.getTotal().getCurrency()).isEqualTo("EUR");
        assertThat(CATALOG.lastCaller())
                .as("cart called catalog with its own service token for catalog")
                .containsExactly("catalog", "service:cart");
    }

    @Test
    void answersAnEmptyCartForAUserWithoutOne() {
        Cart cart = getCart(asOrdering(), UUID.randomUUID().toString());

        assertThat(cart.getLinesList()).isEmpty();
        assertThat(cart.getVersion()).isZero();
        assertThat(cart.getTotal().getMinor()).isZero();
    }

    @Test
    void rejectsAUserIdThatIsNotAUuid() {
        assertStatus(() -> getCart(asOrdering(), "nobody"), Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void refusesCallersWithoutAServiceTokenForCart() {
        String user = UUID.randomUUID().toString();

        assertStatus(() -> getCart(null, user), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> getCart(IDENTITY.rogueToken(), user), Status.Code.UNAUTHENTICATED);
        assertStatus(() -> getCart(IDENTITY.serviceToken("ordering", "catalog"), user), Status.Code.PERMISSION_DENIED);
        assertStatus(() -> getCart(shopper().token(), user), Status.Code.PERMISSION_DENIED);
    }

    @Test
    void isUnavailableWhileCatalogCannotPriceTheCart() {
        var shopper = shopper();
        add(shopper, CATALOG.add("GRPC-DOWN", "Mug", 100), 1);

        CATALOG.down(true);

        assertStatus(() -> getCart(asOrdering(), shopper.id().toString()), Status.Code.UNAVAILABLE);
    }

    private static String asOrdering() {
        return IDENTITY.serviceToken("ordering", "cart");
    }

    private Cart getCart(String token, String userId) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return CartServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .getCart(GetCartRequest.newBuilder().setUserId(userId).build());
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
