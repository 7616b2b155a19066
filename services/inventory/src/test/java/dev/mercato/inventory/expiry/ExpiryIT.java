package dev.mercato.inventory.expiry;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Duration;
import dev.mercato.contracts.inventory.v1.CommitRequest;
import dev.mercato.contracts.inventory.v1.Line;
import dev.mercato.contracts.inventory.v1.ReleaseRequest;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.inventory.v1.ReserveRequest;
import dev.mercato.contracts.inventory.v1.ReserveResponse;
import dev.mercato.inventory.InventoryIntegrationTest;
import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.domain.StockLevel;
import dev.mercato.testsupport.http.HttpJson;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Reservations not committed in time give their stock back, once, whoever notices first. */
class ExpiryIT extends InventoryIntegrationTest {

    @Autowired
    Expiry expiry;

    @Autowired
    MeterRegistry meters;

    @Test
    void releasesExpiredReservationsAndRefusesTheLateCommit() {
        Sku lamp = stocked(10);
        UUID order = UUID.randomUUID();
        ReserveRequest request = reserve(order, lamp, 4, 300);

        ReserveResponse reserved = inventory().reserve(request);
        assertThat(stockAdmin.get(lamp).orElseThrow()).isEqualTo(new StockLevel(lamp, 10, 4));

        await().until(() -> state(order).equals("EXPIRED"));

        assertThat(stockAdmin.get(lamp).orElseThrow()).isEqualTo(new StockLevel(lamp, 10, 0));
        assertThat(jdbc.sql("select actor from stock_movement where order_id = ? and kind = 'EXPIRE'")
                        .param(order)
                        .query(String.class)
                        .list())
                .containsExactly("expiry");
        assertThat(commitStatus(order)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(inventory()
                        .release(ReleaseRequest.newBuilder()
                                .setOrderId(order.toString())
                                .build())
                        .getState())
                .isEqualTo(ReservationState.RESERVATION_STATE_EXPIRED);
        ReserveResponse replay = inventory().reserve(request);
        assertThat(replay.getState()).isEqualTo(ReservationState.RESERVATION_STATE_EXPIRED);
        assertThat(replay.getReserved()).isEqualTo(reserved.getReserved());
    }

    @Test
    void refusesACommitPastTheExpiryEvenBeforeTheJobRan() {
        Sku lamp = stocked(10);
        UUID order = UUID.randomUUID();
        ReserveResponse reserved = inventory().reserve(reserve(order, lamp, 2, 1));
        Instant expiresAt = Instant.ofEpochSecond(
                reserved.getReserved().getExpiresAt().getSeconds(),
                reserved.getReserved().getExpiresAt().getNanos());
        await().until(() -> Instant.now().isAfter(expiresAt));

        assertThat(commitStatus(order)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(state(order)).isEqualTo("EXPIRED");
        assertThat(stockAdmin.get(lamp).orElseThrow()).isEqualTo(new StockLevel(lamp, 10, 0));
    }

    @Test
    void expiresEachReservationOnceWhenSeveralInstancesRunTheJob() throws Exception {
        Sku lamp = stocked(100);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID order = UUID.randomUUID();
            inventory().reserve(reserve(order, lamp, 1, 1));
            orders.add(order);
        }

        try (ExecutorService instances = Executors.newFixedThreadPool(3)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(instances.submit(() -> expiry.run(5)));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        }
        await().until(() -> stockAdmin.get(lamp).orElseThrow().reserved() == 0);

        assertThat(jdbc.sql("select count(*) from stock_movement where sku = ? and kind = 'EXPIRE'")
                        .param(lamp.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(40);
        assertThat(orders).allSatisfy(order -> assertThat(state(order)).isEqualTo("EXPIRED"));
    }

    @Test
    void recordsEachRunOfTheSweepAndListsThemToAdmins() {
        Sku lamp = stocked(5);
        UUID order = UUID.randomUUID();
        inventory().reserve(reserve(order, lamp, 1, 1));
        await().until(() -> state(order).equals("EXPIRED"));

        assertThat(jdbc.sql(
                                "select count(*) from jobs.job_run where job = 'reservation-expiry' and summary ~ '^expired [1-9]'")
                        .query(Long.class)
                        .single())
                .as("the run that expired it says so")
                .isPositive();
        assertThat(jdbc.sql("select count(*) from jobs.job_run where job = 'reservation-expiry' and runs > 1")
                        .query(Long.class)
                        .single())
                .as("runs that expired nothing, recorded as spells of several runs each")
                .isPositive();
        HttpJson app = HttpJson.at("http://localhost:" + port);
        HttpJson.Response listed = app.get("/v1/admin/jobs?runs=3", IDENTITY.bearer("admin"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode job = listed.json().get("items").get(0);
        assertThat(listed.json().get("service").asString()).isEqualTo("inventory");
        assertThat(job.get("name").asString()).isEqualTo("reservation-expiry");
        assertThat(job.get("schedule").asString()).isEqualTo("every 200ms");
        assertThat(job.get("recorded").asString())
                .isEqualTo("each run that handled something or failed; idle runs as one spell");
        assertThat(job.get("runs").size()).isBetween(1, 3);
        assertThat(job.get("runs").findValuesAsString("summary"))
                .anyMatch(summary -> summary.matches("expired [1-9].*"));

        assertThat(app.get("/v1/admin/jobs").status()).isEqualTo(401);
        assertThat(app.get("/v1/admin/jobs", IDENTITY.bearer()).status()).isEqualTo(403);
        assertProblem(app.get("/v1/admin/jobs?runs=0", IDENTITY.bearer("admin")), 400, "validation");
        assertThat(app.get("/v3/api-docs").json().get("paths").has("/v1/admin/jobs"))
                .as("in the service's OpenAPI document")
                .isTrue();
    }

    private static ReserveRequest reserve(UUID order, Sku sku, int quantity, long ttlMillis) {
        return ReserveRequest.newBuilder()
                .setOrderId(order.toString())
                .addLines(Line.newBuilder().setSku(sku.value()).setQuantity(quantity))
                .setTtl(Duration.newBuilder()
                        .setSeconds(ttlMillis / 1000)
                        .setNanos((int) (ttlMillis % 1000) * 1_000_000))
                .build();
    }

    private Status.Code commitStatus(UUID order) {
        try {
            inventory()
                    .commit(CommitRequest.newBuilder()
                            .setOrderId(order.toString())
                            .build());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private String state(UUID order) {
        return jdbc.sql("select state from reservation where order_id = ?")
                .param(order)
                .query(String.class)
                .single();
    }
}
