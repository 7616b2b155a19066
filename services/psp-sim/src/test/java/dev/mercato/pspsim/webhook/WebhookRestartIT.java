package dev.mercato.pspsim.webhook;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.pspsim.PspApi;
import dev.mercato.pspsim.PspSimApplication;
import dev.mercato.pspsim.WebhookReceiver;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Pending and half-retried deliveries live in the database, so a restarted simulator carries on with them. */
class WebhookRestartIT {

    @Test
    void undeliveredEventsAreDeliveredAfterARestart() {
        try (var receiver = new WebhookReceiver();
                var database = TestDatabase.create("psp-sim-restart")) {
            String paymentId;
            try (var app = start(
                    database,
                    "--psp-sim.webhooks.url=" + receiver.url(),
                    "--psp-sim.webhooks.dispatch-enabled=false")) {
                paymentId = api(app).authorize("tok_ok", 100, "order-restart")
                        .json()
                        .get("id")
                        .asString();
                JsonNode delivery = deliveries(api(app), paymentId).getFirst();
                assertThat(delivery.get("status").asString()).isEqualTo("pending");
                assertThat(delivery.get("attempts").asInt()).isZero();
            }
            assertThat(receiver.all()).isEmpty();

            try (var app = start(database, "--psp-sim.webhooks.url=" + receiver.url())) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.forPayment(paymentId).size() == 1);
                assertThat(receiver.forPayment(paymentId).getFirst().signatureValid())
                        .isTrue();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> deliveries(api(app), paymentId)
                                .getFirst()
                                .get("status")
                                .asString()
                                .equals("delivered"));
            }
        }
    }

    @Test
    void aRetryScheduledBeforeARestartHappensAfterIt() {
        try (var receiver = new WebhookReceiver();
                var database = TestDatabase.create("psp-sim-restart")) {
            String paymentId;
            String[] slowRetry = {"--psp-sim.webhooks.url=" + receiver.url(), "--psp-sim.webhooks.initial-backoff=3s"};
            try (var app = start(database, slowRetry)) {
                paymentId = api(app).authorize("tok_ok", 100, "fail1-restart")
                        .json()
                        .get("id")
                        .asString();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> deliveries(api(app), paymentId)
                                        .getFirst()
                                        .get("attempts")
                                        .asInt()
                                == 1);
            }
            assertThat(receiver.forPayment(paymentId))
                    .extracting(WebhookReceiver.Delivery::answered)
                    .containsExactly(500);

            try (var app = start(database, slowRetry)) {
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> deliveries(api(app), paymentId)
                                .getFirst()
                                .get("status")
                                .asString()
                                .equals("delivered"));
                assertThat(deliveries(api(app), paymentId)
                                .getFirst()
                                .get("attempts")
                                .asInt())
                        .isEqualTo(2);
            }
            assertThat(receiver.forPayment(paymentId))
                    .extracting(WebhookReceiver.Delivery::answered)
                    .containsExactly(500, 204);
        }
    }

    @Test
    void withoutAnEndpointEventsAreRecordedButNotDelivered() {
        try (var database = TestDatabase.create("psp-sim-no-endpoint");
                var app = start(database)) {
            String paymentId = api(app).authorize("tok_ok", 100, "order-quiet")
                    .json()
                    .get("id")
                    .asString();

            JsonNode events = api(app).get("/admin/webhooks?paymentId=" + paymentId)
                    .json()
                    .get("items");
            assertThat(events.size()).isEqualTo(1);
            assertThat(events.get(0).get("deliveries").size()).isZero();
            String eventId = events.get(0).get("id").asString();
            assertProblem(api(app).post("/admin/webhooks/" + eventId + "/redeliver", null, ""), 409, "conflict");
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase database, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--MERCATO_LOG_FORMAT=text",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.server().user(),
                "--spring.datasource.password=" + database.server().password(),
                "--psp-sim.webhooks.secret=" + WebhookReceiver.SECRET,
                "--psp-sim.webhooks.poll-interval=100ms"));
        args.addAll(List.of(extra));
        if (args.stream().noneMatch(arg -> arg.startsWith("--psp-sim.webhooks.url="))) {
            // no endpoint unless the test gives one, whatever PSP_SIM_WEBHOOK_URL the environment has
            args.add("--psp-sim.webhooks.url=");
        }
        return new SpringApplicationBuilder(PspSimApplication.class).run(args.toArray(String[]::new));
    }

    private static PspApi api(ConfigurableApplicationContext app) {
        return new PspApi(HttpJson.at("http://localhost:" + app.getEnvironment().getProperty("local.server.port")));
    }

    private static List<JsonNode> deliveries(PspApi api, String paymentId) {
        List<JsonNode> deliveries = new ArrayList<>();
        api.get("/admin/webhooks?paymentId=" + paymentId)
                .json()
                .get("items")
                .get(0)
                .get("deliveries")
                .forEach(deliveries::add);
        return deliveries;
    }
}
