package dev.mercato.notifications.delivery;

import static dev.mercato.notifications.Events.orderConfirmed;
import static dev.mercato.notifications.Events.userRegistered;
import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.notifications.NotificationsIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /v1/admin/notifications: what was sent to whom, for admins only, page by page. */
class NotificationApiIT extends NotificationsIntegrationTest {

    @Test
    void listsARecipientsNotificationsNewestFirstAcrossPages() {
        UUID user = UUID.randomUUID();
        String email = "api-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        publish(userRegistered(user, email, "Ada", "it"));
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID order : orders) {
            publish(orderConfirmed(order, user, "10.00"));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> SMTP.mailsTo(email).size() == 3);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> page(email, null).json().get("items").size() == 2);

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(email, cursor).json();
            page.get("items").forEach(seen::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).as("a mail and an in-app notification per order").hasSize(6);
        assertThat(seen.stream().map(item -> item.get("channel").asString()))
                .containsOnly("email", "in-app")
                .filteredOn("in-app"::equals)
                .hasSize(3);
        JsonNode newest = seen.getFirst();
        assertThat(newest.get("recipient").asString()).isEqualTo(email);
        assertThat(newest.get("template").asString()).isEqualTo("order-confirmed");
        assertThat(newest.get("locale").asString()).isEqualTo("it");
        assertThat(newest.get("subject").asString()).startsWith("Il tuo ordine");
        assertThat(newest.get("state").asString()).isEqualTo("SENT");
        assertThat(newest.get("channel").asString()).isEqualTo("email");
        assertThat(newest.get("sentAt").isNull()).isFalse();
        assertThat(seen.get(0).get("createdAt").asString())
                .isGreaterThanOrEqualTo(seen.get(5).get("createdAt").asString());
    }

    @Test
    void isForAdminsOnly() {
        assertThat(http.get("/v1/admin/notifications").status()).isEqualTo(401);
        assertThat(http.get("/v1/admin/notifications", IDENTITY.bearer("customer"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theLocalMailboxIsNotFoundWhereNoLocalServerCapturesMail() {
        assertProblem(http.get("/v1/admin/mail", IDENTITY.bearer("admin")), 404, "not-found");
    }

    @Test
    void aCursorOrLimitItDidNotIssueIsAProblem() {
        assertProblem(http.get("/v1/admin/notifications?cursor=bm9wZQ", IDENTITY.bearer("admin")), 400, "validation");
        assertProblem(http.get("/v1/admin/notifications?limit=0", IDENTITY.bearer("admin")), 400, "validation");
    }

    private HttpJson.Response page(String email, String cursor) {
        String path =
                "/v1/admin/notifications?limit=2&recipient=" + email + (cursor == null ? "" : "&cursor=" + cursor);
        HttpJson.Response response = http.get(path, IDENTITY.bearer("admin"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }
}
