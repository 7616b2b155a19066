package dev.mercato.ordering.checkout;

import dev.mercato.ordering.domain.DecimalMoney;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.OrderStatus;
import dev.mercato.ordering.domain.SagaState;
import dev.mercato.ordering.domain.UserId;
import dev.mercato.ordering.failpoint.FailpointNames;
import dev.mercato.ordering.failpoint.Failpoints;
import dev.mercato.ordering.messaging.OrderEvents;
import dev.mercato.ordering.order.NewOrder;
import dev.mercato.ordering.order.OrderRepository;
import dev.mercato.ordering.saga.SagaCapacity;
import dev.mercato.ordering.saga.SagaProperties;
import dev.mercato.ordering.saga.SagaRepository;
import dev.mercato.ordering.saga.SagaRunner;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/checkout}: the first request with a key creates the order, its saga, the {@code order.created}
 * event and the stored response in one transaction; every later request with that key gets the stored response. A
 * concurrent duplicate waits on the key's uncommitted row (bounded by {@code ordering.idempotency.wait}) and then
 * replays.
 */
@Service
class Checkouts {

    private static final Logger log = LoggerFactory.getLogger(Checkouts.class);

    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final IdempotencyRepository keys;
    private final CartReader carts;
    private final OrderRepository orders;
    private final SagaRepository sagas;
    private final SagaRunner runner;
    private final SagaCapacity capacity;
    private final OrderEvents events;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final CheckoutProperties properties;
    private final SagaProperties sagaProperties;
    private final Failpoints failpoints;
    private final MeterRegistry metrics;
    private final Clock clock;

    Checkouts(
            IdempotencyRepository keys,
            CartReader carts,
            OrderRepository orders,
            SagaRepository sagas,
            SagaRunner runner,
            SagaCapacity capacity,
            OrderEvents events,
            TransactionTemplate tx,
            JsonMapper json,
            CheckoutProperties properties,
            SagaProperties sagaProperties,
            Failpoints failpoints,
            MeterRegistry metrics,
            Clock clock) {
        this.keys = keys;
        this.carts = carts;
        this.orders = orders;
        this.sagas = sagas;
        this.runner = runner;
        this.capacity = capacity;
        this.events = events;
        this.tx = tx;
        this.json = json;
        this.properties = properties;
        this.sagaProperties = sagaProperties;
        this.failpoints = failpoints;
        this.metrics = metrics;
        this.clock = clock;
    }

    ResponseEntity<byte[]> checkout(UserId user, IdempotencyKey key, CheckoutRequest request) {
        String hash = hash(request);
        Optional<StoredResponse> stored = keys.find(user, key);
        if (stored.isPresent()) {
            return replay(stored.get(), hash);
        }
        if (capacity.isFull()) {
            throw busy(); // before the cart is read: a refusal past the knee costs almost nothing
        }
        CartReader.Cart cart = readCart(user);
        if (cart.lines().isEmpty()) {
            StoredResponse empty = new StoredResponse(
                    hash,
                    422,
                    problem(ProblemType.CART_EMPTY, "There is nothing in your cart to check out"),
                    PROBLEM_JSON,
                    null);
            return firstOrReplay(user, key, hash, empty, null, null);
        }
        NewOrder order = newOrder(user, cart, request);
        String statusUrl = "/v1/orders/" + order.id();
        StoredResponse accepted = new StoredResponse(hash, 202, accepted(order.id(), statusUrl), JSON, statusUrl);
        return firstOrReplay(user, key, hash, accepted, order, request.paymentToken());
    }

    private ResponseEntity<byte[]> firstOrReplay(
            UserId user,
            IdempotencyKey key,
            String hash,
            StoredResponse response,
            @Nullable NewOrder order,
            @Nullable String paymentToken) {
        String leaseToken = runner.newLeaseToken();
        AtomicReference<SagaCapacity.Slot> slot = new AtomicReference<>();
        try {
            boolean first;
            try {
                first = Boolean.TRUE.equals(tx.execute(status -> {
                    keys.lockTimeout(properties.lockWait());
                    if (!keys.insert(
                            user,
                            key,
                            response,
                            order == null ? null : order.id().value())) {
                        return false;
                    }
                    if (order != null) {
                        // taken by the request that stores the key, so duplicates wait for the key and hold no slot;
                        // none free rolls the key back with the rest
                        slot.set(capacity.tryTake().orElseThrow(this::busy));
                        create(order, paymentToken, leaseToken);
                    }
                    return true;
                }));
            } catch (IdempotencyRepository.KeyStillInUse e) {
                count("in_progress");
                throw new ProblemException(Problems.of(
                        ProblemType.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                        "A request with this Idempotency-Key is still being processed; retry shortly"));
            }
            if (!first) {
                return replay(keys.find(user, key).orElseThrow(), hash);
            }
            if (order != null) {
                count("accepted");
                failpoints.hit(FailpointNames.CHECKOUT_AFTER_COMMIT);
                runner.runAsync(order.id(), leaseToken, slot.get().handOver());
            } else {
                count("cart_empty");
            }
            return response.toResponse(false);
        } finally {
            SagaCapacity.Slot unused = slot.get();
            if (unused != null) {
                unused.giveBack(); // nothing to give back once the saga's run took it over
            }
        }
    }

    private void create(NewOrder order, String paymentToken, String leaseToken) {
        Instant now = clock.instant();
        orders.insert(order);
        sagas.insert(
                SagaState.start(order.id(), now, now.plus(sagaProperties.deadline())),
                paymentToken,
                leaseToken,
                sagaProperties.lease());
        events.created(new OrderEvents.Created(
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
                now));
    }

    private ResponseEntity<byte[]> replay(StoredResponse stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            count("key_reused");
            throw new ProblemException(Problems.of(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new checkout"));
        }
        count("replayed");
        return stored.toResponse(true);
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

    private String accepted(OrderId id, String statusUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", id.value());
        body.put("status", OrderStatus.PENDING.name());
        body.put("statusUrl", statusUrl);
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
    private String hash(CheckoutRequest request) {
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
                        ProblemType.UNAVAILABLE,
                        "Checkout is busy right now; nothing was stored, retry with the same Idempotency-Key"))
                .withHeader("Retry-After", "1");
    }

    private void count(String outcome) {
        metrics.counter("ordering.checkouts", "outcome", outcome).increment();
    }
}
