package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scheduled publishing end to end on the real broker: admin write → outbox → delay ladder → publishing consumer →
 * public reads. "Appears" means the public detail read answers 200; the consumer's update time shows when it
 * published.
 */
class ScheduledPublishingIT extends AdminApiTest {

    static final Duration PRECISION = Duration.ofSeconds(1);

    @Test
    void publishesAProductScheduledFiveSecondsAheadWithinASecondOfItsTime() {
        Instant at = Instant.now().plusSeconds(5);
        JsonNode created = create(ProductBody.valid().with("publishAt", at.toString()));
        String id = created.get("id").asString();
        assertThat(created.get("published").asBoolean()).isFalse();
        assertThat(admin(id).get("published").asBoolean())
                .as("the admin sees it, waiting")
                .isFalse();

        Instant appeared = Appearance.await(http, id, at);

        assertThat(appeared).isBetween(at, at.plus(PRECISION));
        JsonNode published = admin(id);
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.get("version").asInt()).isEqualTo(2);
        assertThat(Instant.parse(published.get("updatedAt").asString()))
                .as("published by the consumer, not early")
                .isBetween(at, at.plus(PRECISION));
        assertThat(awaitHistory(id, 2)).containsExactly("published", "created");
    }

    @Test
    void aRescheduleToLaterKeepsTheProductHiddenUntilTheNewTime() {
        Instant first = Instant.now().plusSeconds(2);
        Instant later = first.plusSeconds(3);
        ProductBody body = ProductBody.valid().with("publishAt", first.toString());
        String id = create(body).get("id").asString();

        replace(id, body.with("publishAt", later.toString()), 1);

        assertThat(Appearance.await(http, id, later)).isBetween(later, later.plus(PRECISION));
        assertThat(admin(id).get("version").asInt())
                .as("created, rescheduled, published once")
                .isEqualTo(3);
        assertThat(awaitHistory(id, 3)).containsExactly("published", "updated", "created");
    }

    @Test
    void aRescheduleToEarlierPublishesAtTheEarlierTime() {
        ProductBody body = ProductBody.valid()
                .with("publishAt", Instant.now().plusSeconds(3600).toString());
        String id = create(body).get("id").asString();
        Instant earlier = Instant.now().plusSeconds(3);

        replace(id, body.with("publishAt", earlier.toString()), 1);

        assertThat(Appearance.await(http, id, earlier)).isBetween(earlier, earlier.plus(PRECISION));
    }

    @Test
    void aProductDeletedBeforeItsTimeIsNeverPublished() throws InterruptedException {
        Instant at = Instant.now().plusSeconds(2);
        String id = create(ProductBody.valid().with("publishAt", at.toString()))
                .get("id")
                .asString();
        assertThat(asAdmin("DELETE", "/v1/products/" + id, null, "If-Match", "\"1\"")
                        .status())
                .isEqualTo(204);

        Thread.sleep(Duration.between(Instant.now(), at.plus(PRECISION).plusMillis(500)));

        assertThat(http.get("/v1/products/" + id).status()).isEqualTo(404);
        assertThat(awaitHistory(id, 2)).as("no product.published").containsExactly("deleted", "created");
    }

    @Test
    void aPublishAtInThePastPublishesAtOnce() {
        Instant past = Instant.parse("2025-06-01T12:00:00Z");

        JsonNode created = create(ProductBody.valid().with("publishAt", past.toString()));

        assertThat(created.get("published").asBoolean()).isTrue();
        assertThat(Instant.parse(created.get("publishAt").asString())).isEqualTo(past);
        assertThat(http.get("/v1/products/" + created.get("id").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void aProductScheduledForLaterIsHiddenAgainUntilThen() {
        ProductBody body = ProductBody.valid();
        String id = create(body).get("id").asString();
        assertThat(http.get("/v1/products/" + id).status()).isEqualTo(200);
        Instant at = Instant.now().plusSeconds(2);

        JsonNode replaced = replace(id, body.with("publishAt", at.toString()), 1);

        assertThat(replaced.get("published").asBoolean()).isFalse();
        assertThat(Appearance.await(http, id, at)).isBetween(at, at.plus(PRECISION));
    }

    @Test
    void aFarOffScheduleWrittenFirstDoesNotHoldUpANearOne() {
        String far = create(ProductBody.valid()
                        .with("publishAt", Instant.now().plusSeconds(3600).toString()))
                .get("id")
                .asString();
        Instant near = Instant.now().plusSeconds(3);
        String id = create(ProductBody.valid().with("publishAt", near.toString()))
                .get("id")
                .asString();

        assertThat(Appearance.await(http, id, near)).isBetween(near, near.plus(PRECISION));
        assertThat(http.get("/v1/products/" + far).status()).isEqualTo(404);
    }

    private JsonNode create(ProductBody body) {
        var created = asAdmin("POST", "/v1/products", body.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private JsonNode replace(String id, ProductBody body, int version) {
        var replaced = asAdmin("PUT", "/v1/products/" + id, body.json(), "If-Match", "\"" + version + "\"");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        return replaced.json();
    }

    private JsonNode admin(String id) {
        return asAdmin("GET", "/v1/products/" + id + "/admin", null).json();
    }

    /** The product's changes, newest first, once there are {@code count} of them. */
    private List<String> awaitHistory(String id, int count) {
        List<String> changes = new ArrayList<>();
        Awaitility.await("history of " + id)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    changes.clear();
                    var history = asAdmin("GET", "/v1/products/" + id + "/history", null);
                    if (history.status() == 200) {
                        history.json()
                                .get("items")
                                .forEach(item -> changes.add(item.get("change").asString()));
                    }
                    assertThat(changes).hasSizeGreaterThanOrEqualTo(count);
                });
        return changes;
    }
}
