package dev.mercato.inventory.stock;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.inventory.InventoryIntegrationTest;
import dev.mercato.inventory.domain.Line;
import dev.mercato.inventory.domain.Lines;
import dev.mercato.inventory.domain.OrderId;
import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.reservation.Reservations;
import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The operators' stock API: admins only, validation as problem documents, every change in the ledger. */
class StockAdminApiIT extends InventoryIntegrationTest {

    @Autowired
    private Reservations reservations;

    private HttpJson app;

    @BeforeEach
    void client() {
        app = HttpJson.at("http://localhost:" + port);
    }

    @Test
    void seedsTheCatalogsSkusWithEveryEleventhOutOfStock() {
        JsonNode first = asAdmin(app.get("/v1/inventory/MC-000001", admin())).json();
        JsonNode eleventh = asAdmin(app.get("/v1/inventory/MC-000011", admin())).json();

        assertThat(first.get("onHand").asInt()).isEqualTo(100);
        assertThat(first.get("available").asInt()).isEqualTo(100);
        assertThat(eleventh.get("onHand").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from stock where sku like 'MC-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(5000);
    }

    @Test
    void setsStockOnHandAndRecordsEachChangeAsAMovement() {
        String path = "/v1/inventory/NEW-SKU-1";

        JsonNode created = asAdmin(put(path, "{\"onHand\": 40}")).json();
        JsonNode lowered = asAdmin(put(path, "{\"onHand\": 25}")).json();
        JsonNode read = asAdmin(app.get(path, admin())).json();
        JsonNode movements = asAdmin(app.get(path + "/movements", admin())).json();

        assertThat(created.toString())
                .isEqualTo("{\"sku\":\"NEW-SKU-1\",\"onHand\":40,\"reserved\":0,\"available\":40}");
        assertThat(lowered.get("onHand").asInt()).isEqualTo(25);
        assertThat(read).isEqualTo(lowered);
        assertThat(movements
                        .get("items")
                        .valueStream()
                        .map(m -> m.get("onHandDelta").asInt()))
                .containsExactly(40, -15);
        assertThat(movements.get("items").get(0).get("kind").asString()).isEqualTo("ADJUST");
        assertThat(movements.get("items").get(0).get("actor").asString()).startsWith("admin:");
        assertThat(movements.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void refusesToSetOnHandBelowTheReservedUnits() {
        Sku sku = stocked(10);
        reservations.reserve(new OrderId(UUID.randomUUID()), Lines.of(new Line(sku, 6)), null, "test");

        HttpJson.Response response = put("/v1/inventory/" + sku, "{\"onHand\": 5}");

        assertProblem(response, 409, "conflict");
        assertThat(asAdmin(app.get("/v1/inventory/" + sku, admin()))
                        .json()
                        .get("onHand")
                        .asInt())
                .isEqualTo(10);
    }

    @Test
    void pagesThroughMovementsWithACursor() {
        Sku sku = stocked(1);
        for (int onHand = 2; onHand <= 5; onHand++) {
            stockAdmin.setOnHand(sku, onHand, "test");
        }
        List<Integer> deltas = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/movements?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page =
                    asAdmin(app.get("/v1/inventory/" + sku + query, admin())).json();
            page.get("items").forEach(m -> deltas.add(m.get("onHandDelta").asInt()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(deltas).containsExactly(1, 1, 1, 1, 1);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void answersNotFoundForAnUnknownSku() {
        assertProblem(app.get("/v1/inventory/NO-SUCH-SKU", admin()), 404, "not-found");
        assertProblem(app.get("/v1/inventory/NO-SUCH-SKU/movements", admin()), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"onHand\": -1}", "{\"onHand\": 1000000001}", "{}", "{\"onHand\": null}"})
    void rejectsAnInvalidOnHand(String body) {
        JsonNode problem = assertProblem(put("/v1/inventory/MC-000002", body), 400, "validation");

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("onHand");
    }

    @Test
    void rejectsMalformedBodiesSkusAndCursors() {
        assertProblem(put("/v1/inventory/MC-000002", "{\"onHand\": \"many\"}"), 400, "malformed-body");
        assertProblem(put("/v1/inventory/" + "X".repeat(65), "{\"onHand\": 1}"), 400, "validation");
        assertProblem(app.get("/v1/inventory/MC-000002/movements?cursor=bogus", admin()), 400, "validation");
        assertProblem(app.get("/v1/inventory/MC-000002/movements?limit=0", admin()), 400, "validation");
    }

    @Test
    void isForAdminsOnly() {
        assertProblem(app.get("/v1/inventory/MC-000001"), 401, "unauthorized");
        assertProblem(
                app.get("/v1/inventory/MC-000001", "Authorization", "Bearer " + IDENTITY.rogueToken("admin")),
                401,
                "unauthorized");
        assertProblem(app.get("/v1/inventory/MC-000001", IDENTITY.bearer("customer")), 403, "forbidden");
        assertProblem(
                app.send(
                        "PUT",
                        "/v1/inventory/MC-000001",
                        "application/json",
                        "{\"onHand\": 1}".getBytes(StandardCharsets.UTF_8),
                        IDENTITY.bearer("customer")),
                403,
                "forbidden");
        assertThat(asAdmin(app.get("/v1/inventory/MC-000001", admin()))
                        .json()
                        .get("onHand")
                        .asInt())
                .isEqualTo(100);
    }

    private HttpJson.Response put(String path, String body) {
        return app.send("PUT", path, "application/json", body.getBytes(StandardCharsets.UTF_8), admin());
    }

    private static String[] admin() {
        return IDENTITY.bearer("admin");
    }

    private static HttpJson.Response asAdmin(HttpJson.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }
}
