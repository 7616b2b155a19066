package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * scenarios.md {@code oversell}: 200 shoppers check out the last 10 units of a SKU at the same moment. Exactly 10
 * orders confirm, the others are cancelled as out of stock, stock ends at 0 and never goes below.
 */
class OversellScenarioE2E {

    private static final int SHOPPERS = 200;
    private static final int UNITS = 10;

    @Test
    void twoHundredCheckoutsForTenUnitsConfirmExactlyTen() throws Exception {
        Platform platform = Platform.shared();
        HttpJson gateway = platform.viaGateway();
        Operator operator = new Operator(gateway);
        Evidence evidence = new Evidence("oversell", SHOPPERS + " checkouts for the last " + UNITS + " units");
        JsonNode product = operator.product(3);
        String sku = product.get("sku").asString();
        operator.setOnHand(sku, UNITS);

        List<Shopper> shoppers = new ArrayList<>();
        try (ExecutorService registering = Executors.newFixedThreadPool(8)) {
            List<Future<Shopper>> registered = new ArrayList<>();
            for (int i = 0; i < SHOPPERS; i++) {
                registered.add(registering.submit(() -> {
                    Shopper shopper = Shopper.register(gateway);
                    shopper.add(product.get("id").asString(), 1);
                    return shopper;
                }));
            }
            for (Future<Shopper> shopper : registered) {
                shoppers.add(shopper.get());
            }
        }
        evidence.at("%d shoppers with 1 unit of %s in their carts", SHOPPERS, sku);

        CountDownLatch go = new CountDownLatch(1);
        List<String> orderIds = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> accepted = new ArrayList<>();
            for (Shopper shopper : shoppers) {
                accepted.add(clients.submit(() -> {
                    go.await();
                    return shopper.checkoutRetrying("tok_ok");
                }));
            }
            go.countDown();
            for (Future<String> orderId : accepted) {
                orderIds.add(orderId.get());
            }
        }
        evidence.at("%d checkouts accepted", orderIds.size());

        List<JsonNode> outcomes = new ArrayList<>();
        for (int i = 0; i < shoppers.size(); i++) {
            outcomes.add(shoppers.get(i).awaitTerminal(orderIds.get(i), Duration.ofSeconds(120)));
        }
        evidence.at("every order terminal");
        Map<String, Long> byOutcome = outcomes.stream()
                .collect(Collectors.groupingBy(
                        order -> order.get("status").asString() + " "
                                + (order.hasNonNull("cancellationReason")
                                        ? order.get("cancellationReason").asString()
                                        : ""),
                        Collectors.counting()));
        evidence.line("outcomes: %s", byOutcome);
        JsonNode stock = operator.stock(sku);
        evidence.line("stock of %s now: %s", sku, stock);

        evidence.invariantEquals("confirmed orders", byOutcome.getOrDefault("CONFIRMED ", 0L), (long) UNITS);
        evidence.invariantEquals(
                "cancelled as out of stock", byOutcome.getOrDefault("CANCELLED out_of_stock", 0L), (long)
                        (SHOPPERS - UNITS));
        evidence.invariantEquals("stock on hand", stock.get("onHand").asInt(), 0);
        assertThat(byOutcome)
                .containsOnly(Map.entry("CONFIRMED ", (long) UNITS), Map.entry("CANCELLED out_of_stock", (long)
                        (SHOPPERS - UNITS)));
        assertThat(stock.get("onHand").asInt()).isZero();
        assertThat(stock.get("reserved").asInt()).isZero();
        Invariants.assertHold(platform, evidence);
        evidence.verdict();
    }
}
