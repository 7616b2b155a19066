package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.scenario.Evidence;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * scenarios.md {@code slow-dependency}: the payment provider answers after 5 to 30 s. Callers give up at their
 * deadlines instead of waiting, the rest of the platform keeps its speed, retries are few and spaced out, and once the
 * provider is fast again the waiting orders confirm, each charged once.
 */
class SlowDependencyScenarioE2E {

    private static final int ORDERS = 5;
    private static final Duration SLOW_FOR = Duration.ofSeconds(25);

    @Test
    void aProviderAnsweringInFiveToThirtySecondsSlowsNothingElseAndChargesOnce() throws Exception {
        Platform platform = Platform.shared();
        HttpJson gateway = platform.viaGateway();
        HttpJson provider = platform.direct("psp-sim");
        Operator operator = new Operator(gateway);
        Evidence evidence = new Evidence("slow-dependency", "the provider answers after 5-30 s");
        JsonNode product = operator.product(7);
        operator.setOnHand(product.get("sku").asString(), 100);
        List<Shopper> shoppers = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Shopper shopper = Shopper.register(gateway);
            shopper.add(product.get("id").asString(), 1);
            shoppers.add(shopper);
        }

        setFaults(provider, 5_000, 25_000);
        List<String> orders = new ArrayList<>();
        List<Long> checkoutMillis = new ArrayList<>();
        List<Long> otherMillis = new ArrayList<>();
        try {
            evidence.at("psp-sim answers every request after 5-30 s");
            for (Shopper shopper : shoppers) {
                long started = System.nanoTime();
                orders.add(shopper.checkout("tok_ok"));
                checkoutMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            long until = System.nanoTime() + SLOW_FOR.toNanos();
            while (System.nanoTime() < until) {
                for (String path : List.of("/v1/products?limit=5", "/v1/cart", "/v1/orders")) {
                    long started = System.nanoTime();
                    HttpJson.Response response = shoppers.getFirst().get(path);
                    otherMillis.add(
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                    assertThat(response.status()).as(path).isEqualTo(200);
                }
                Thread.sleep(200);
            }
            Map<String, Long> stages = orders.stream()
                    .map(id -> shoppers.get(orders.indexOf(id)).order(id))
                    .collect(Collectors.groupingBy(
                            order -> order.get("status").asString() + " "
                                    + order.get("stage").asString(),
                            Collectors.counting()));
            evidence.at("after %d s of a slow provider the orders are %s", SLOW_FOR.toSeconds(), stages);
            evidence.line("saga attempts so far: %s", sagaAttempts(platform.database("ordering")));
        } finally {
            setFaults(provider, 0, 0);
            evidence.at("psp-sim fast again");
        }

        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < ORDERS; i++) {
            JsonNode order = shoppers.get(i).awaitTerminal(orders.get(i), Duration.ofSeconds(90));
            outcomes.merge(order.get("status").asString(), 1L, Long::sum);
        }
        evidence.at("every order terminal: %s", outcomes);
        long slowestCheckout = Collections.max(checkoutMillis);
        long otherP99 = percentile(otherMillis, 0.99);
        evidence.line(
                "checkout answered in at most %d ms; catalog, cart and orders p99 %d ms over %d requests",
                slowestCheckout, otherP99, otherMillis.size());
        evidence.invariant("checkout does not wait for the provider", slowestCheckout < 2_000, slowestCheckout + " ms");
        evidence.invariant("the rest of the platform keeps its speed", otherP99 < 1_000, "p99 " + otherP99 + " ms");
        evidence.invariantEquals(
                "orders confirmed after the provider recovered", outcomes.get("CONFIRMED"), (long) ORDERS);
        assertThat(slowestCheckout).isLessThan(2_000);
        assertThat(otherP99).isLessThan(1_000);
        assertThat(outcomes).containsExactly(Map.entry("CONFIRMED", (long) ORDERS));
        Invariants.assertHold(platform, evidence);
        evidence.verdict();
    }

    private static void setFaults(HttpJson provider, int latencyMs, int jitterMs) {
        String faults = "{\"latencyMs\":" + latencyMs + ",\"jitterMs\":" + jitterMs + ",\"failureRate\":0.0}";
        HttpJson.Response set =
                provider.send("PUT", "/admin/faults", "application/json", faults.getBytes(StandardCharsets.UTF_8));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }

    /** Attempts per saga still running: bounded and spaced by backoff, not one per poll. */
    private static String sagaAttempts(TestDatabase ordering) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        ordering.jdbcUrl(),
                        ordering.server().user(),
                        ordering.server().password());
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(
                        "select step || ': ' || attempts || ' attempts, last error ' || coalesce(last_error, '-')"
                                + " from saga where status <> 'DONE' order by created_at")) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found.toString();
        }
    }

    private static long percentile(List<Long> values, double quantile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }
}
