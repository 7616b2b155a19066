package dev.mercato.chat.message;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.chat.ChatIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** POST and GET /v1/chat/conversations/{id}/messages: sequence numbers, retries, history, who may read. */
class MessagesIT extends ChatIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentSendersGetEverySequenceNumberOnceWithoutGaps() throws Exception {
        User customer = user("customer");
        User agent = user("support");
        String conversation = customer.openSupport("Where is my parcel?");
        assertThat(agent.claim(conversation).status()).isEqualTo(200);

        int perSender = 25;
        List<Callable<List<Long>>> senders = new ArrayList<>();
        for (User sender : List.of(customer, agent, customer, agent)) {
            senders.add(() -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < perSender; i++) {
                    HttpJson.Response sent =
                            sender.send(conversation, UUID.randomUUID().toString(), "m" + i);
                    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
                    seqs.add(sent.json().get("seq").asLong());
                }
                return seqs;
            });
        }
        List<Long> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<List<Long>> done : pool.invokeAll(senders)) {
                List<Long> own = done.get();
                assertThat(own).as("one sender's own messages, in its order").isSorted();
                all.addAll(own);
            }
        }

        int total = senders.size() * perSender;
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, total).mapToObj(Long::valueOf).toList());
        List<Long> stored = jdbc.sql("select seq from message where conversation_id = :id order by seq")
                .param("id", UUID.fromString(conversation))
                .query(Long.class)
                .list();
        assertThat(stored)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, total).mapToObj(Long::valueOf).toList());
        assertThat(customer.get("/v1/chat/conversations/" + conversation)
                        .json()
                        .get("lastSeq")
                        .asLong())
                .isEqualTo(total);
    }

    @Test
    void theSameClientMessageIdAgainReturnsTheStoredMessage() {
        User customer = user("customer");
        String conversation = customer.openSupport("Refund");

        HttpJson.Response first = customer.send(conversation, "c-1", "Hello <b>there</b> & 👋\n  spaces  ");
        HttpJson.Response retry = customer.send(conversation, "c-1", "something else");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(first.json().get("body").asString()).isEqualTo("Hello <b>there</b> & 👋\n  spaces  ");
        assertThat(first.json().get("seq").asLong()).isEqualTo(1);
        assertThat(first.json().get("senderId").asString()).isEqualTo(customer.id.toString());
        assertThat(customer.sent(conversation, "next").get("seq").asLong())
                .as("a retry takes no sequence number")
                .isEqualTo(2);
        assertThat(history(customer, conversation, "")).hasSize(2);
    }

    @Test
    void concurrentRetriesOfOneMessageStoreItOnce() throws Exception {
        User customer = user("customer");
        String conversation = customer.openSupport("Double click");

        List<Callable<HttpJson.Response>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            retries.add(() -> customer.send(conversation, "same-id", "once"));
        }
        List<HttpJson.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<HttpJson.Response> answer : pool.invokeAll(retries)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).extracting(HttpJson.Response::status).containsOnly(200, 201);
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        Set<JsonNode> messages = new HashSet<>();
        answers.forEach(answer -> messages.add(answer.json()));
        assertThat(messages).hasSize(1);
        assertThat(jdbc.sql("select count(*) from message where conversation_id = :id")
                        .param("id", UUID.fromString(conversation))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(customer.get("/v1/chat/conversations/" + conversation)
                        .json()
                        .get("lastSeq")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void theSameClientMessageIdFromAnotherSenderIsAnotherMessage() {
        User customer = user("customer");
        User agent = user("support");
        String conversation = customer.openSupport("Ids");
        agent.claim(conversation);

        assertThat(customer.send(conversation, "x", "from customer").status()).isEqualTo(201);
        assertThat(agent.send(conversation, "x", "from agent").status()).isEqualTo(201);
    }

    @Test
    void historyPagesForwardsAndBackwards() {
        User customer = user("customer");
        String conversation = customer.openSupport("Long story");
        for (int i = 1; i <= 7; i++) {
            customer.sent(conversation, "part " + i);
        }
        String base = "/v1/chat/conversations/" + conversation + "/messages";

        JsonNode first = customer.get(base + "?limit=3").json();
        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        JsonNode second = customer.get(
                        base + "?limit=3&cursor=" + first.get("nextCursor").asString())
                .json();
        assertThat(seqs(second)).containsExactly(4L, 5L, 6L);
        JsonNode third = customer.get(
                        base + "?limit=3&cursor=" + second.get("nextCursor").asString())
                .json();
        assertThat(seqs(third)).containsExactly(7L);
        assertThat(third.get("nextCursor").isNull()).isTrue();

        assertThat(seqs(customer.get(base + "?after=5").json())).containsExactly(6L, 7L);
        JsonNode latest = customer.get(base + "?before=8&limit=3").json();
        assertThat(seqs(latest)).containsExactly(5L, 6L, 7L);
        JsonNode older = customer.get(
                        base + "?limit=3&cursor=" + latest.get("nextCursor").asString())
                .json();
        assertThat(seqs(older)).containsExactly(2L, 3L, 4L);
        JsonNode oldest = customer.get(
                        base + "?limit=3&cursor=" + older.get("nextCursor").asString())
                .json();
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.get("nextCursor").isNull()).isTrue();
        assertThat(first.get("items").get(0).get("body").asString()).isEqualTo("part 1");
    }

    @Test
    void nonMembersAreToldTheConversationDoesNotExist() {
        User customer = user("customer");
        User stranger = user("customer");
        User agent = user("support");
        String conversation = customer.openSupport("Private");
        customer.sent(conversation, "secret");
        String base = "/v1/chat/conversations/" + conversation;

        assertProblem(stranger.get(base + "/messages"), 404, "not-found");
        assertProblem(stranger.send(conversation, "s-1", "hi"), 404, "not-found");
        assertProblem(stranger.get(base), 404, "not-found");
        assertProblem(stranger.post(base + "/read", Map.of("seq", 1)), 404, "not-found");
        assertProblem(agent.get(base + "/messages"), 404, "not-found");
        assertProblem(customer.get("/v1/chat/conversations/" + UUID.randomUUID() + "/messages"), 404, "not-found");
        assertThat(jdbc.sql("select count(*) from message where conversation_id = :id")
                        .param("id", UUID.fromString(conversation))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void badMessagesAreProblemsNamingTheField() {
        User customer = user("customer");
        String conversation = customer.openSupport("Validation");

        assertField(customer.send(conversation, "b-1", ""), "body");
        assertField(customer.send(conversation, "b-2", "   "), "body");
        assertField(customer.send(conversation, "b-3", "x".repeat(4001)), "body");
        assertField(customer.send(conversation, "", "hello"), "clientMessageId");
        assertField(customer.send(conversation, "i".repeat(129), "hello"), "clientMessageId");
        assertField(
                customer.post("/v1/chat/conversations/" + conversation + "/messages", Map.of("body", "x")),
                "clientMessageId");
        String base = "/v1/chat/conversations/" + conversation + "/messages";
        assertField(customer.get(base + "?after=1&before=3"), "before");
        assertField(customer.get(base + "?after=-1"), "after");
        assertField(customer.get(base + "?before=zero"), "before");
        assertField(customer.get(base + "?limit=101"), "limit");
        assertField(customer.get(base + "?cursor=bm9wZQ"), "cursor");
        assertThat(customer.send(conversation, "b-4", "😀".repeat(4000)).status())
                .as("4,000 characters, 8,000 UTF-16 units")
                .isEqualTo(201);
        assertThat(http.get(base).status()).isEqualTo(401);
    }

    private static void assertField(HttpJson.Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private List<JsonNode> history(User reader, String conversation, String query) {
        List<JsonNode> items = new ArrayList<>();
        reader.get("/v1/chat/conversations/" + conversation + "/messages" + query)
                .json()
                .get("items")
                .forEach(items::add);
        return items;
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("items").forEach(item -> seqs.add(item.get("seq").asLong()));
        return seqs;
    }
}
