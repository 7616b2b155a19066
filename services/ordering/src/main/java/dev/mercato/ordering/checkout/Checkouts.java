package dev.mercato.ordering.checkout;

import dev.mercato.ordering.domain.DecimalMoney;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.OrderStatus;
import dev.mercato.ordering.domain.SagaOrder;
import dev.mercato.ordering.domain.UserId;
import dev.mercato.ordering.failpoint.FailpointNames;
import dev.mercato.ordering.failpoint.Failpoints;
import dev.mercato.ordering.idempotency.FirstRequest;
import dev.mercato.ordering.idempotency.Idempotency;
import dev.mercato.ordering.idempotency.IdempotencyKey;
import dev.mercato.ordering.idempotency.StoredResponse;
import dev.mercato.ordering.messaging.OrderEvents;
import dev.mercato.ordering.order.NewOrder;
import dev.mercato.ordering.order.OrderRepository;
import dev.mercato.ordering.saga.SagaStarter;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/checkout}, run once per idempotency key ({@link Idempotency}): the first request reads the cart,
 * then creates the order, its saga and the {@code order.created} event in the transaction that stores the key and its
 * response; the saga runs once that transaction commits. Past the saga's capacity the checkout is refused before
 * anything is stored.
 */
@Service
class Checkouts {

    private static final Logger log = LoggerFactory.getLogger(Checkouts.class);

    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final Idempotency idempotency;
    private final CartReader carts;
    private final OrderRepository orders;
    private final SagaStarter sagas;
    private final OrderEvents events;
    private final JsonMapper json;
    private final Failpoints failpoints;
    private final MeterRegistry metrics;
    private final Clock clock;

    Checkouts(
            Idempotency idempotency,
            CartReader carts,
            OrderRepository orders,
            SagaStarter sagas,
            OrderEvents events,
            JsonMapper json,
            Failpoints failpoints,
            MeterRegistry metrics,
            Clock clock) {
        this.idempotency = idempotency;
        this.carts = carts;
        this.orders = orders;
        this.sagas = sagas;
        this.events = events;
        this.json = json;
        this.failpoints = failpoints;
        this.metrics = metrics;
        this.clock = clock;
    }

    ResponseEntity<byte[]> checkout(UserId user, IdempotencyKey key, CheckoutRequest request) {
        return idempotency.execute(user, key, fingerprint(request), () -> first(user, request));
    }

    /** Outside any transaction: the cart is read from the cart service. */
    private FirstRequest first(UserId user, CheckoutRequest request) {
        if (sagas.isFull()) {
            throw busy(); // before the cart is read: a refusal past the knee costs almost nothing
        }
        CartReader.Cart cart = readCart(user);
        if (cart.lines().isEmpty()) {
            count("cart_empty");
            return FirstRequest.answering(new StoredResponse(
                    422,
                    problem(ProblemType.CART_EMPTY, "There is nothing in your cart to check out"),
                    PROBLEM_JSON,
                    null));
        }
        NewOrder order = newOrder(user, cart, request);
        StoredResponse accepted = new StoredResponse(202, accepted(order.id()), JSON, order.id());
        return new NewCheckout(order, request.paymentToken(), accepted);
    }

    /** A checkout that creates an order: its saga holds a running slot from the order's transaction on. */
    private final class NewCheckout implements FirstRequest {
        private final NewOrder order;
        private final String paymentToken;
        private final StoredResponse response;
        private SagaStarter.@Nullable Started saga;

        NewCheckout(NewOrder order, String paymentToken, StoredResponse response) {
            this.order = order;
            this.paymentToken = paymentToken;
            this.response = response;
        }

        @Override
        public StoredResponse response() {
            return response;
        }

        @Override
        public void write() {
            // taken by the request that stores the key, so duplicates wait for the key and hold no slot; none free
            // rolls the key back with the rest
            orders.insert(order);
            saga = sagas.start(new SagaOrder(
                            order.id(),
                            order.lines().stream()
                                    .map(l -> new SagaOrder.Line(l.sku(), l.quantity()))
                                    .toList(),
                            order.total(),
                            paymentToken))
                    .orElseThrow(Checkouts.this::busy);
            events.created(created(order));
        }

        @Override
        public void committed() {
            count("accepted");
            failpoints.hit(FailpointNames.CHECKOUT_AFTER_COMMIT);
            Objects.requireNonNull(saga).run();
        }

        @Override
        public void close() {
            if (saga != null) {
                saga.close();
            }
        }
    }

    private OrderEvents.Created created(NewOrder order) {
        return new OrderEvents.Created(
                order.id().value(),
                order.user().value(),
                order.cartVersion(),
                order.lines().stream()
                        .map(l -> new OrderEvents.Line(
                                l.productId(),
                                l.sku(),
                                l.name(),
                                l.quantity(),
                                DecimalMoney.of(l.unitPrice()),
                                DecimalMoney.of(l.lineTotal())))
                        .toList(),
                DecimalMoney.of(order.total()),
                clock.instant());
    }

    private CartReader.Cart readCart(UserId user) {
        try {
            return carts.cart(user);
        } catch (CartReader.CartUnavailable e) {
            count("cart_unavailable");
            log.warn("checkout answered 503: {}", e.getMessage());
            throw new ProblemException(Problems.of(
                            ProblemType.UNAVAILABLE, "Your cart cannot be read right now; retry with the same key"))
                    .withHeader("Retry-After", "1");
        }
    }

    private NewOrder newOrder(UserId user, CartReader.Cart cart, CheckoutRequest request) {
        List<NewOrder.Line> lines = cart.lines().stream()
                .map(l -> new NewOrder.Line(l.productId(), l.sku(), l.name(), l.quantity(), l.unitPrice()))
                .toList();
        Money total =
                lines.stream().map(NewOrder.Line::lineTotal).reduce(Money::plus).orElseThrow();
        CheckoutRequest.ShippingAddress a = request.shippingAddress();
        return new NewOrder(
                OrderId.random(),
                user,
                cart.version(),
                lines,
                total,
                new NewOrder.Address(a.name(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country()));
    }

    private String accepted(OrderId id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", id.value());
        body.put("status", OrderStatus.PENDING.name());
        body.put("statusUrl", "/v1/orders/" + id);
        return json.writeValueAsString(body);
    }

    private String problem(ProblemType type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        body.put("instance", "/v1/checkout");
        return json.writeValueAsString(body);
    }

    /** SHA-256 of the request as parsed, so formatting and key order of the JSON do not matter. */
    private String fingerprint(CheckoutRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * This instance runs as many sagas as it may: the checkout is refused before anything is stored, and the client
     * retries with the same key.
     */
    private ProblemException busy() {
        count("refused_busy");
        return new ProblemException(Problems.of(
                        ProblemType.BUSY,
                        "Checkout is busy right now; nothing was stored, retry with the same Idempotency-Key"))
                .withHeader("Retry-After", "1");
    }

    private void count(String outcome) {
        metrics.counter("ordering.checkouts", "outcome", outcome).increment();
    }
}
