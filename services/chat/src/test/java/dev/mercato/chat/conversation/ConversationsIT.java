package dev.mercato.chat.conversation;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.chat.ChatIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Opening conversations, the support queue, claims, read markers and unread counts. */
class ConversationsIT extends ChatIntegrationTest {

    @Test
    void anAgentFindsAnOpenedConversationInTheQueueAndClaimsIt() {
        User customer = user("customer");
        User agent = user("support");
        String conversation = customer.openSupport("Broken zip");
        customer.sent(conversation, "one");
        customer.sent(conversation, "two");

        JsonNode waiting = queued(agent, conversation);
        assertThat(waiting.get("subject").asString()).isEqualTo("Broken zip");
        assertThat(waiting.get("lastSeq").asLong()).isEqualTo(2);
        assertThat(waiting.get("unread").asLong()).isEqualTo(2);
        assertThat(waiting.get("assigneeId").isNull()).isTrue();

        HttpJson.Response claimed = agent.claim(conversation);
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().get("assigneeId").asString()).isEqualTo(agent.id.toString());
        assertThat(claimed.json().get("members").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(customer.id.toString(), agent.id.toString());
        assertThat(queued(agent, conversation)).as("no longer in the queue").isNull();
        assertThat(agent.claim(conversation).status())
                .as("claiming one's own again")
                .isEqualTo(200);
        assertThat(agent.get("/v1/chat/conversations/" + conversation + "/messages")
                        .json()
                        .get("items"))
                .hasSize(2);
    }

    @Test
    void aCustomerCannotClaimNorSeeTheQueue() {
        User customer = user("customer");
        String conversation = user("customer").openSupport("Someone else's");

        assertProblem(customer.claim(conversation), 403, "forbidden");
        assertProblem(customer.get("/v1/chat/conversations?queue=unassigned"), 403, "forbidden");
        assertProblem(user("admin").claim(conversation), 403, "forbidden");
    }

    @Test
    void aConversationIsClaimedOnce() {
        String conversation = user("customer").openSupport("Race");
        User first = user("support");
        User second = user("support");

        assertThat(first.claim(conversation).status()).isEqualTo(200);
        assertProblem(second.claim(conversation), 409, "conflict");
        assertProblem(second.get("/v1/chat/conversations/" + conversation), 404, "not-found");
        assertProblem(second.claim(UUID.randomUUID().toString()), 404, "not-found");
    }

    @Test
    void unreadCountsFollowTheReadMarker() {
        User customer = user("customer");
        User agent = user("support");
        String conversation = customer.openSupport("Counting");
        agent.claim(conversation);
        customer.sent(conversation, "1");
        customer.sent(conversation, "2");
        customer.sent(conversation, "3");
        agent.sent(conversation, "answer");

        assertThat(mine(agent, conversation).get("unread").asLong()).isEqualTo(3);
        assertThat(mine(customer, conversation).get("unread").asLong())
                .as("one's own messages are never unread")
                .isEqualTo(1);

        HttpJson.Response read = agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of("seq", 2));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("seq").asLong()).isEqualTo(2);
        JsonNode afterRead = mine(agent, conversation);
        assertThat(afterRead.get("unread").asLong()).isEqualTo(1);
        assertThat(afterRead.get("readSeq").asLong()).isEqualTo(2);
        assertThat(afterRead.get("lastSeq").asLong()).isEqualTo(4);

        HttpJson.Response back = agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of("seq", 1));
        assertThat(back.json().get("seq").asLong())
                .as("a marker never moves back")
                .isEqualTo(2);
        agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of("seq", 4));
        assertThat(mine(agent, conversation).get("unread").asLong()).isZero();

        assertProblem(
                agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of("seq", 5)), 400, "validation");
        assertProblem(
                agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of("seq", -1)), 400, "validation");
        assertProblem(agent.post("/v1/chat/conversations/" + conversation + "/read", Map.of()), 400, "validation");
    }

    @Test
    void theCallersConversationsAreListedNewestFirstAcrossPages() {
        User customer = user("customer");
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(customer.openSupport("topic " + i));
        }
        user("customer").openSupport("not mine");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = customer.get("/v1/chat/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(opened.reversed());
    }

    @Test
    void supportAndAdminOpenRoomsWithMembers() {
        User admin = user("admin");
        User member = user("support");
        User outsider = user("support");
        HttpJson.Response room = admin.post(
                "/v1/chat/conversations",
                Map.of("subject", "Team", "kind", "room", "members", List.of(member.id.toString())));
        assertThat(room.status()).as(room.toString()).isEqualTo(201);
        String id = room.json().get("id").asString();
        assertThat(room.json().get("kind").asString()).isEqualTo("room");

        assertThat(member.sent(id, "hello team").get("seq").asLong()).isEqualTo(1);
        assertProblem(outsider.get("/v1/chat/conversations/" + id + "/messages"), 404, "not-found");
        assertProblem(outsider.claim(id), 404, "not-found");
        assertProblem(member.claim(id), 409, "conflict");
        assertProblem(
                user("customer")
                        .post(
                                "/v1/chat/conversations",
                                Map.of("subject", "Mine", "kind", "room", "members", List.of(member.id.toString()))),
                403,
                "forbidden");
    }

    @Test
    void badConversationsAreProblemsNamingTheField() {
        User agent = user("support");
        assertField(agent.post("/v1/chat/conversations", Map.of("subject", " ")), "subject");
        assertField(agent.post("/v1/chat/conversations", Map.of("subject", "x".repeat(201))), "subject");
        assertField(agent.post("/v1/chat/conversations", Map.of("subject", "s", "kind", "party")), "kind");
        assertField(agent.post("/v1/chat/conversations", Map.of("subject", "s", "kind", "room")), "members");
        assertField(
                agent.post("/v1/chat/conversations", Map.of("subject", "s", "members", List.of(agent.id.toString()))),
                "members");
        assertField(agent.get("/v1/chat/conversations?queue=all"), "queue");
        assertThat(http.get("/v1/chat/conversations").status()).isEqualTo(401);
    }

    private static void assertField(HttpJson.Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static JsonNode mine(User user, String conversation) {
        for (JsonNode item : user.get("/v1/chat/conversations").json().get("items")) {
            if (item.get("id").asString().equals(conversation)) {
                return item;
            }
        }
        throw new AssertionError(conversation + " is not among the conversations of " + user.id);
    }

    private static JsonNode queued(User agent, String conversation) {
        String cursor = null;
        do {
            JsonNode page = agent.get("/v1/chat/conversations?queue=unassigned&limit=100"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            for (JsonNode item : page.get("items")) {
                if (item.get("id").asString().equals(conversation)) {
                    return item;
                }
            }
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return null;
    }
}
