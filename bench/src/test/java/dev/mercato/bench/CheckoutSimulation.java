package dev.mercato.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The checkout path at a fixed arrival rate of orders (open model), through the gateway.
 *
 * <p>Each virtual user is one order: it takes an idle pre-registered shopper (see {@link ShopperPool}), adds one
 * unit of a stocked product to the cart (the cart must then hold exactly that unit; a leftover is cleared and the
 * add repeated), checks out with a fresh {@code Idempotency-Key} and {@code tok_ok}, then reads
 * {@code GET /v1/orders/{id}} every {@code pollMs} until the order is CONFIRMED or CANCELLED, or {@code pollCap}
 * seconds passed (counted as timed out).
 *
 * <p>System properties: {@code baseUrl} (the gateway), {@code identityUrl} (identity itself, for preparing the
 * shoppers), {@code rate} (orders/s), {@code duration} and {@code warmup} (seconds), {@code pollMs},
 * {@code pollCap} (seconds), {@code shoppers} (pool size; 0 = from the rate), {@code products}, {@code cooldownMs},
 * {@code shopperCache}, {@code resultFile} (JSON of {@link CheckoutStats}) and {@code orderIdsFile} (the measured
 * orders, one id a line). Warm-up requests are silent so the report only holds the steady-state window.
 */
public class CheckoutSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
    private static final String IDENTITY_URL = System.getProperty("identityUrl", "http://localhost:8082");
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "50"));
    private static final int DURATION = Integer.getInteger("duration", 60);
    private static final int WARMUP = Integer.getInteger("warmup", 30);
    private static final int POLL_MS = Integer.getInteger("pollMs", 250);
    private static final int POLL_CAP = Integer.getInteger("pollCap", 10);
    private static final int COOLDOWN_MS = Integer.getInteger("cooldownMs", 2000);
    private static final int PRODUCTS = Integer.getInteger("products", 20);
    /** {@code follow=stream}: wait for the order's final status on the real-time stream instead of polling. */
    private static final boolean FOLLOW_STREAM = "stream".equals(System.getProperty("follow", "poll"));
    /** How often a shopper following the stream looks at what arrived (the arrival time is taken on arrival). */
    private static final Duration STREAM_TICK = Duration.ofMillis(10);

    private static final Duration STREAM_CONNECT = Duration.ofSeconds(5);

    /**
     * Shoppers busy at once: rate x (iteration + cool-down); an iteration is well under a second on the happy path,
     * the pool allows for 4 s more.
     */
    private static final int SHOPPERS = Integer.getInteger("shoppers", 0) > 0
            ? Integer.getInteger("shoppers")
            : (int) Math.max(100, Math.ceil(RATE * (COOLDOWN_MS / 1000.0 + 4)));

    private static final String CHECKOUT_BODY = """
            {"shippingAddress":{"name":"Bench Shopper","line1":"Via Roma 1","city":"Milano",\
            "postalCode":"20121","country":"IT"},"paymentToken":"tok_ok"}""";

    private final CheckoutFixture fixture = CheckoutFixture.prepare(new CheckoutFixture.Settings(
            BASE_URL,
            IDENTITY_URL,
            PRODUCTS,
            SHOPPERS,
            Path.of(System.getProperty("shopperCache", "target/checkout-shoppers.tsv")),
            Duration.ofSeconds(WARMUP + DURATION + POLL_CAP + 60),
            Duration.ofMillis(COOLDOWN_MS),
            Integer.getInteger("setupParallelism", 8)));

    private final CheckoutStats stats = new CheckoutStats();

    private final OrderStreams streams = new OrderStreams(BASE_URL);

    private final HttpProtocolBuilder httpProtocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .acceptLanguageHeader("en")
            .disableCaching()
            .warmUp(BASE_URL + "/readyz");

    private ScenarioBuilder shop(String name, boolean silent) {
        return scenario(name)
                .exec(session -> {
                    ShopperPool.Shopper shopper = fixture.shoppers().take();
                    if (!silent) {
                        stats.started();
                        (shopper == null ? stats.noShopper : stats.iterations).increment();
                    }
                    if (shopper == null) {
                        return session;
                    }
                    List<String> ids = fixture.productIds();
                    return session.set("shopper", shopper)
                            .set("accessToken", shopper.accessToken())
                            .set(
                                    "productId",
                                    ids.get(ThreadLocalRandom.current().nextInt(ids.size())))
                            .set("done", false);
                })
                .exitHereIf(session -> !session.contains("shopper"))
                .exec(addToCart(silent))
                .exec(session -> inspectCart(session, silent, true))
                .doIf(session -> session.getBoolean("dirtyCart"))
                .then(exec(quiet(
                                        http("clear cart")
                                                .delete("/v1/cart")
                                                .header("Authorization", "Bearer #{accessToken}"),
                                        silent)
                                .check(status().in(200, 204)))
                        .exec(addToCart(silent))
                        .exec(session -> inspectCart(session, silent, false)))
                .doIfOrElse(session -> session.getBoolean("cartReady"))
                .then(FOLLOW_STREAM ? checkoutFollowingTheStream(silent) : checkoutPolling(silent))
                .orElse(exec(session -> {
                    if (!silent && !session.contains("refused")) stats.cartFailed.increment();
                    return session;
                }))
                .exec(session -> {
                    fixture.shoppers().release(session.get("shopper"));
                    if (!silent) stats.ended();
                    return session;
                });
    }

    /** Checks out, then reads the order's status every {@code pollMs} until it is final. */
    private ChainBuilder checkoutPolling(boolean silent) {
        return exec(checkout(silent))
                .exec(session -> accepted(session, silent))
                .doIf(session -> session.contains("acceptedAt"))
                .then(asLongAs(session -> !session.getBoolean("done"))
                        .on(pause(Duration.ofMillis(POLL_MS))
                                .doIfOrElse(session -> session.contains("orderTag"))
                                .then(exec(orderStatus(silent, true)))
                                .orElse(exec(orderStatus(silent, false)))
                                .exec(session -> polled(session, silent))));
    }

    /**
     * Opens the shopper's order stream ({@code GET /v1/stream?topics=orders} through the gateway, see
     * {@link OrderStreams}), checks out once it is connected, and waits for the order's CONFIRMED or CANCELLED event
     * instead of polling: realtime registers a connection before it sends the first frame, so an event of an order
     * placed after the stream opened cannot be missed. The saga time ends when the event arrived, not when the
     * simulation looked (every {@code STREAM_TICK}). No event within {@code pollCap} seconds counts as timed out; a
     * stream that fails to open or ends early counts as a failed stream.
     */
    private ChainBuilder checkoutFollowingTheStream(boolean silent) {
        return exec(session -> session.set("stream", streams.open(session.getString("accessToken")))
                        .set("streamDeadline", System.nanoTime() + STREAM_CONNECT.toNanos()))
                .asLongAs(session -> stream(session).state() == OrderStreams.State.CONNECTING
                                && System.nanoTime() < session.getLong("streamDeadline"))
                .on(pause(STREAM_TICK))
                .doIfOrElse(session -> stream(session).state() == OrderStreams.State.CONNECTED)
                .then(exec(checkout(silent))
                        .exec(session -> accepted(session, silent))
                        .doIf(session -> session.contains("acceptedAt"))
                        .then(asLongAs(session -> !session.getBoolean("done"))
                                .on(pause(STREAM_TICK).exec(session -> followed(session, silent)))))
                .orElse(exec(session -> {
                    if (!silent) stats.streamFailed.increment();
                    return session;
                }))
                .exec(session -> {
                    stream(session).close();
                    return session.remove("stream");
                });
    }

    private static OrderStreams.OrderStream stream(Session session) {
        return session.get("stream");
    }

    private Session followed(Session session, boolean silent) {
        OrderStreams.OrderStream stream = stream(session);
        OrderStreams.Outcome outcome = stream.outcome(session.getString("orderId"));
        if (outcome != null) {
            if (!silent) {
                stats.streamed.increment();
                stats.terminal(outcome.status().equals("CONFIRMED"), outcome.arrivedAt() - session.getLong("acceptedAt"));
            }
            return session.set("done", true);
        }
        if (stream.state() == OrderStreams.State.FAILED) {
            if (!silent) stats.streamFailed.increment();
            return session.set("done", true);
        }
        if (System.nanoTime() > session.getLong("pollDeadline")) {
            if (!silent) stats.timedOut.increment();
            return session.set("done", true);
        }
        return session;
    }

    /**
     * A status read as a client polls: with the last {@code ETag} in {@code If-None-Match}, so an order that has not
     * moved answers 304 without a body and keeps the status read before.
     */
    private static HttpRequestActionBuilder orderStatus(boolean silent, boolean conditional) {
        HttpRequestActionBuilder read =
                http("order status").get("/v1/orders/#{orderId}").header("Authorization", "Bearer #{accessToken}");
        if (conditional) {
            read = read.header("If-None-Match", "#{orderTag}");
        }
        return quiet(read, silent)
                .check(status().in(200, 304))
                .check(header("ETag").optional().saveAs("orderTag"))
                .check(jsonPath("$.status").optional().saveAs("orderStatus"));
    }

    private static HttpRequestActionBuilder addToCart(boolean silent) {
        return quiet(
                        http("add to cart")
                                .post("/v1/cart/items")
                                .header("Authorization", "Bearer #{accessToken}")
                                .body(StringBody("{\"productId\":\"#{productId}\",\"quantity\":1}"))
                                .asJson(),
                        silent)
                .check(status().in(200, 429, 503).saveAs("addStatus"))
                .check(responseTimeInMillis().saveAs("addToCartMs"))
                .checkIf((response, session) -> response.status().code() == 200)
                .then(jsonPath("$.items[*].quantity").ofInt().findAll().saveAs("cartQuantities"))
                .checkIf((response, session) -> response.status().code() != 200)
                .then(header("Retry-After").exists());
    }

    /**
     * A request the platform refused at admission past its capacity: 429 or 503 with {@code Retry-After} (a 503
     * without it fails the request's check). Counted apart from failures, as issue 14's acceptance asks.
     */
    private static boolean refused(Session session, String statusKey) {
        if (!session.contains(statusKey)) {
            return false;
        }
        int status = session.getInt(statusKey);
        return status == 429 || status == 503;
    }

    /** Exactly one unit in the cart, or a leftover of this shopper's previous order to clear (once). */
    private Session inspectCart(Session session, boolean silent, boolean firstTry) {
        if (refused(session, "addStatus")) {
            if (!silent) stats.cartRefused.increment();
            return session.remove("addStatus")
                    .set("dirtyCart", false)
                    .set("cartReady", false)
                    .set("refused", true);
        }
        boolean added = session.contains("cartQuantities");
        int units = added
                ? session.<Integer>getList("cartQuantities").stream()
                        .mapToInt(Integer::intValue)
                        .sum()
                : 0;
        boolean dirty = firstTry && added && units != 1;
        if (!silent && added && !dirty && units == 1) stats.addedToCart(session.getInt("addToCartMs"));
        if (!silent && dirty) stats.dirtyCarts.increment();
        return session.remove("cartQuantities")
                .remove("addStatus")
                .set("dirtyCart", dirty)
                .set("cartReady", units == 1);
    }

    private static HttpRequestActionBuilder checkout(boolean silent) {
        return quiet(
                        http("checkout")
                                .post("/v1/checkout")
                                .header("Authorization", "Bearer #{accessToken}")
                                .header(
                                        "Idempotency-Key",
                                        session -> UUID.randomUUID().toString())
                                .body(StringBody(CHECKOUT_BODY))
                                .asJson(),
                        silent)
                .check(status().in(202, 429, 503).saveAs("checkoutStatus"))
                .check(responseTimeInMillis().saveAs("checkoutMs"))
                .checkIf((response, session) -> response.status().code() == 202)
                .then(jsonPath("$.orderId").saveAs("orderId"))
                .checkIf((response, session) -> response.status().code() != 202)
                .then(header("Retry-After").exists());
    }

    private Session accepted(Session session, boolean silent) {
        if (refused(session, "checkoutStatus")) {
            if (!silent) stats.checkoutRefused.increment();
            return session.remove("checkoutStatus");
        }
        if (!session.contains("checkoutStatus") || !session.contains("orderId")) {
            if (!silent) stats.checkoutFailed.increment();
            return session;
        }
        if (!silent) stats.accepted(session.getString("orderId"), session.getInt("checkoutMs"));
        long now = System.nanoTime();
        return session.remove("orderTag")
                .remove("orderStatus")
                .set("acceptedAt", now)
                .set("pollDeadline", now + Duration.ofSeconds(POLL_CAP).toNanos());
    }

    private Session polled(Session session, boolean silent) {
        long now = System.nanoTime();
        if (!silent) stats.polls.increment();
        String status = session.contains("orderStatus") ? session.getString("orderStatus") : "";
        if (status.equals("CONFIRMED") || status.equals("CANCELLED")) {
            if (!silent) stats.terminal(status.equals("CONFIRMED"), now - session.getLong("acceptedAt"));
            return session.set("done", true);
        }
        if (now > session.getLong("pollDeadline")) {
            if (!silent) stats.timedOut.increment();
            return session.set("done", true);
        }
        return session;
    }

    private static HttpRequestActionBuilder quiet(HttpRequestActionBuilder request, boolean silent) {
        return silent ? request.silent() : request;
    }

    @Override
    public void after() {
        String ids = System.getProperty("orderIdsFile");
        if (ids != null) stats.writeOrderIds(Path.of(ids));
        String result = System.getProperty("resultFile");
        if (result != null) stats.writeResult(Path.of(result), RATE, POLL_MS, SHOPPERS);
        System.out.printf(
                "Checkout: %d measured orders in %.1fs: %d confirmed, %d cancelled, %d timed out (>%ds),"
                        + " %d checkouts failed, %d carts failed, refused with Retry-After: %d checkouts, %d cart adds,"
                        + " %d without an idle shopper, %d dirty carts, %d failed streams%n",
                stats.iterations.sum(),
                stats.windowSeconds(),
                stats.confirmed.sum(),
                stats.cancelled.sum(),
                stats.timedOut.sum(),
                POLL_CAP,
                stats.checkoutFailed.sum(),
                stats.cartFailed.sum(),
                stats.checkoutRefused.sum(),
                stats.cartRefused.sum(),
                stats.noShopper.sum(),
                stats.dirtyCarts.sum(),
                stats.streamFailed.sum());
    }

    {
        System.out.printf(
                "Checkout: baseUrl=%s identityUrl=%s rate=%.0f orders/s warmup=%ds duration=%ds follow=%s poll=%dms,"
                        + " %d shoppers, %d products%n",
                BASE_URL,
                IDENTITY_URL,
                RATE,
                WARMUP,
                DURATION,
                FOLLOW_STREAM ? "stream" : "poll",
                POLL_MS,
                fixture.shoppers().size(),
                fixture.productIds().size());

        PopulationBuilder measured = shop("checkout", false)
                .injectOpen(
                        nothingFor(Duration.ofSeconds(WARMUP)),
                        constantUsersPerSec(RATE)
                                .during(Duration.ofSeconds(DURATION))
                                .randomized());
        List<PopulationBuilder> populations = WARMUP > 0
                ? List.of(
                        shop("warm-up", true)
                                .injectOpen(rampUsersPerSec(1).to(RATE).during(Duration.ofSeconds(WARMUP))),
                        measured)
                : List.of(measured);

        setUp(populations)
                .protocols(httpProtocol)
                // A sanity gate, not a performance gate: a broken target shows up as errors.
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}
