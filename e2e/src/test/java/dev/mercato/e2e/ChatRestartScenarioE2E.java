package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.testsupport.scenario.Evidence;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * scenarios.md {@code chat-restart}: three customers chat with one support agent, every one of them following their
 * {@code chat} topic on a second realtime instance; after a third of the messages that instance is killed -9 and
 * started again on the same address while they keep sending. Each member's stream resumes on the restarted instance,
 * which remembers nothing of its own, with the last event id it received and no {@code reset}, and gets every message
 * of its conversations exactly once, in sequence order: what was sent while the instance was down from the shared
 * history in Redis, what follows live, nothing twice across the switch (so nothing had to be reloaded). Each
 * conversation's archive holds seq 1..N without a gap and exactly the messages sent, each sender's in the order sent,
 * although a send left unanswered is sent again (with its clientMessageId, so it is stored once).
 */
class ChatRestartScenarioE2E {

    private static final int CUSTOMERS = 3;
    /** Sent by each customer, and by the agent in each conversation. */
    private static final int MESSAGES_EACH = 12;

    private static final int TOTAL = 2 * CUSTOMERS * MESSAGES_EACH;
    /**
     * Each sender's messages sent without waiting for the restarted instance: a third before the kill, the next third
     * while it is down. The last third waits until it is ready again, so that it meets the streams' resumes there
     * however long the start takes on a busy machine (a start is tens of seconds, the traffic a few).
     */
    private static final int BEFORE_RESTART = MESSAGES_EACH * 2 / 3;
    /** Between a customer's messages (100-200 ms). */
    private static final long CUSTOMER_PAUSE_MILLIS = 150;
    /**
     * Between the agent's answers in one conversation: the agent answers three at once, and the gateway allows a user
     * 5 messages/s with a burst of 20, so overall about as often as a customer sends.
     */
    private static final long AGENT_PAUSE_MILLIS = 450;

    private static final Duration SEND_RETRY_WINDOW = Duration.ofSeconds(60);
    private static final Duration RESTART = Duration.ofSeconds(300);
    private static final Duration RESUME = Duration.ofSeconds(60);
    private static final int PAGE = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyMemberGetsEveryMessageOnceInOrderAcrossTheRestart() throws Exception {
        Platform platform = Platform.shared();
        HttpJson gateway = platform.viaGateway();
        Evidence evidence = new Evidence(
                "chat-restart", "a realtime instance is killed -9 and restarted while customers and an agent chat");

        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            members.add(Member.of(
                    gateway, "customer " + i, Shopper.register(gateway).token()));
        }
        Member agent = supportAgent(gateway);
        members.add(agent);
        awaitChat(gateway, agent.token());
        List<Conversation> conversations = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            Member customer = members.get(i);
            HttpJson.Response opened =
                    post(gateway, customer.token(), "/v1/chat/conversations", "{\"subject\":\"Order " + i + "\"}");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            Conversation conversation = new Conversation(opened.json().get("id").asString(), i + 1, customer);
            HttpJson.Response claimed = post(gateway, agent.token(), conversation.path() + "/claim", "");
            assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
            conversations.add(conversation);
        }

        ServiceProcess second = platform.startInstance("realtime", "realtime-2");
        int port = second.port();
        evidence.at("realtime on :%d and realtime-2 on :%d", platform.port("realtime"), port);

        Traffic traffic = new Traffic(gateway);
        List<Follower> followers = new ArrayList<>();
        try {
            for (Member member : members) {
                followers.add(new Follower(member, port));
            }
            for (Follower follower : followers) {
                assertThat(follower.connected.await(30, TimeUnit.SECONDS))
                        .as("%s's stream open", follower.member.name())
                        .isTrue();
            }
            evidence.at(
                    "%d conversations claimed by the agent; %d chat streams open on realtime-2",
                    conversations.size(), followers.size());

            for (Conversation conversation : conversations) {
                Member customer = conversation.customer();
                traffic.start(conversation, customer, "c", conversation.fromCustomer(), CUSTOMER_PAUSE_MILLIS);
                traffic.start(conversation, agent, "a", conversation.fromAgent(), AGENT_PAUSE_MILLIS);
            }
            Awaitility.await("a third of the messages stored, and a message on every member's stream")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast(
                            "a send failed", () -> assertThat(traffic.failures).isEmpty())
                    .until(() -> traffic.stored.get() >= TOTAL / 3
                            && followers.stream().noneMatch(follower -> follower.messages.isEmpty()));
            second.kill();
            int storedAtKill = traffic.stored.get();
            evidence.at("realtime-2 killed -9 after %d of %d messages were stored", storedAtKill, TOTAL);
            Thread.sleep(2_000);
            ServiceProcess restarted = platform.startInstanceAgain("realtime", "realtime-2");
            traffic.back.countDown();
            evidence.at(
                    "realtime-2 ready again on :%d; %d messages were stored while it was down",
                    restarted.port(), traffic.stored.get() - storedAtKill);

            Awaitility.await("every stream resumed on the restarted realtime-2")
                    .atMost(RESUME)
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        for (Follower follower : followers) {
                            assertThat(follower.resumed.get())
                                    .as("%s", follower)
                                    .isPositive();
                        }
                    });
            evidence.at("every stream resumed on realtime-2");
            traffic.join(RESTART);
            assertThat(traffic.failures).as("every send answered in the end").isEmpty();
            assertThat(traffic.stored.get()).as("every message stored").isEqualTo(TOTAL);
            evidence.at("traffic done: %d messages stored, %d sends repeated", TOTAL, traffic.repeated.get());

            Map<String, List<JsonNode>> archives = new LinkedHashMap<>();
            Map<String, List<Long>> everySeq = new LinkedHashMap<>();
            for (Conversation conversation : conversations) {
                HttpJson.Response read = get(gateway, conversation.customer().token(), conversation.path());
                assertThat(read.status()).as(read.toString()).isEqualTo(200);
                long lastSeq = read.json().get("lastSeq").asLong();
                List<JsonNode> archive = archive(gateway, conversation);
                archives.put(conversation.id(), archive);
                everySeq.put(
                        conversation.id(),
                        LongStream.rangeClosed(1, lastSeq).boxed().toList());
                String which = "conversation " + conversation.number() + "'s archive: ";
                evidence.invariantEquals(
                        which + "seq 1..lastSeq without a gap",
                        archive.stream()
                                .map(message -> message.get("seq").asLong())
                                .toList(),
                        everySeq.get(conversation.id()));
                evidence.invariantEquals(
                        which + "the customer's messages, once each, in the order sent",
                        lines(archive, conversation.customer()),
                        List.copyOf(conversation.fromCustomer()));
                evidence.invariantEquals(
                        which + "the agent's messages, once each, in the order sent",
                        lines(archive, agent),
                        List.copyOf(conversation.fromAgent()));
            }
            Map<Member, Map<String, List<Long>>> expected = new HashMap<>();
            for (Conversation conversation : conversations) {
                expected.put(conversation.customer(), Map.of(conversation.id(), everySeq.get(conversation.id())));
            }
            expected.put(agent, everySeq);

            // Awaited per member, so a failure says whose stream lacks what (and what else it got).
            Awaitility.await("every message at every member, once each, in order")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        for (Follower follower : followers) {
                            assertThat(follower.seqs()).as("%s", follower).isEqualTo(expected.get(follower.member));
                        }
                    });
            Thread.sleep(1_000); // anything repeated would arrive now

            for (Follower follower : followers) {
                String who = follower.member.name() + ": ";
                evidence.at(
                        "%s%d messages; %d stream(s) resumed, %d connection attempts while down, refusals %s,"
                                + " %d presence changes",
                        who,
                        follower.messages.size(),
                        follower.resumed.get(),
                        follower.unreachable.get(),
                        follower.refusals,
                        follower.presence.get());
                evidence.invariantEquals(
                        who + "every message of their conversations, once each, in seq order",
                        follower.seqs(),
                        expected.get(follower.member));
                evidence.invariantEquals(
                        who + "no event id twice",
                        new HashSet<>(follower.messages.stream()
                                        .map(Message::eventId)
                                        .toList())
                                .size(),
                        follower.messages.size());
                evidence.invariantEquals(
                        who + "messages delivered that are not the archived ones", follower.strangers(archives), 0L);
                evidence.invariant(
                        who + "every reconnect resumed from the last event id",
                        follower.afresh.get() == 1 && follower.resumed.get() >= 1,
                        "opened without an id " + follower.afresh.get() + " time(s), resumed with one "
                                + follower.resumed.get() + " time(s)");
                evidence.invariantEquals(who + "no reset, nothing unexpected", List.copyOf(follower.others), List.of());
            }
            evidence.verdict();
        } finally {
            traffic.halt();
            followers.forEach(Follower::close);
            platform.stop("realtime-2");
            platform.forget("realtime", "realtime-2", "/v1/stream?topics=orders", 401);
        }
    }

    /** A new customer made an agent by the admin: the support role, in the token of their next login. */
    private static Member supportAgent(HttpJson gateway) {
        String email = "e2e-agent-" + UUID.randomUUID() + "@example.com";
        Member customer = Member.of(
                gateway, "the agent", Shopper.register(gateway, email, "en").token());
        String admin = Shopper.login(gateway, Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD);
        HttpJson.Response granted = gateway.send(
                "PUT",
                "/v1/users/" + customer.userId() + "/roles",
                "application/json",
                "{\"roles\":[\"support\"]}".getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + admin);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        return new Member(customer.name(), Shopper.login(gateway, email, Shopper.PASSWORD), customer.userId());
    }

    private static void awaitChat(HttpJson gateway, String token) {
        Awaitility.await("chat routed through the gateway")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(gateway, token, "/v1/chat/conversations").status() == 200);
    }

    /** The conversation's whole history, read forwards a page at a time as a client catching up does. */
    private static List<JsonNode> archive(HttpJson gateway, Conversation conversation) {
        List<JsonNode> messages = new ArrayList<>();
        String history = conversation.path() + "/messages?limit=" + PAGE;
        String path = history + "&after=0";
        while (path != null) {
            HttpJson.Response page = get(gateway, conversation.customer().token(), path);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(messages::add);
            JsonNode next = page.json().get("nextCursor");
            path = next.isNull() ? null : history + "&cursor=" + next.asString();
        }
        return messages;
    }

    /** A sender's archived messages as {@code "<clientMessageId> <body>"}, in seq order. */
    private static List<String> lines(List<JsonNode> archive, Member sender) {
        return archive.stream()
                .filter(message -> message.get("senderId").asString().equals(sender.userId()))
                .map(message -> message.get("clientMessageId").asString() + " "
                        + message.get("body").asString())
                .toList();
    }

    private static HttpJson.Response get(HttpJson gateway, String token, String path) {
        return gateway.get(path, "Authorization", "Bearer " + token);
    }

    private static HttpJson.Response post(HttpJson gateway, String token, String path, String json) {
        return gateway.send(
                "POST",
                path,
                "application/json",
                json.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + token);
    }

    /** A customer or the agent: a name for the evidence, a token, and the user id chat names as a sender. */
    record Member(String name, String token, String userId) {

        static Member of(HttpJson gateway, String name, String token) {
            HttpJson.Response me = get(gateway, token, "/v1/users/me");
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            return new Member(name, token, me.json().get("id").asString());
        }

        /** The name alone: the token stays out of assertion messages and logs. */
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A support conversation: its number, its customer, and what each side sent (as {@code "<clientMessageId>
     * <body>"}), in the order sent.
     */
    record Conversation(String id, int number, Member customer, List<String> fromCustomer, List<String> fromAgent) {

        Conversation(String id, int number, Member customer) {
            this(id, number, customer, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }

        String path() {
            return "/v1/chat/conversations/" + id;
        }
    }

    /** One {@code chat.message} as a member's stream delivered it. */
    record Message(String eventId, String conversationId, long seq, String messageId) {}

    /**
     * The senders: each side of each conversation sends its messages steadily on a virtual thread of its own, the
     * last third only once the killed instance is {@link #back}.
     */
    static final class Traffic {

        final AtomicInteger stored = new AtomicInteger();
        final AtomicInteger repeated = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final CountDownLatch back = new CountDownLatch(1);
        private final List<Thread> threads = new ArrayList<>();
        private final HttpJson gateway;
        private volatile boolean halted;

        Traffic(HttpJson gateway) {
            this.gateway = gateway;
        }

        void start(Conversation conversation, Member from, String prefix, List<String> sent, long pauseMillis) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 1; n <= MESSAGES_EACH && !halted; n++) {
                        if (n > BEFORE_RESTART && !back.await(RESTART.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IllegalStateException("realtime-2 not back within " + RESTART);
                        }
                        if (halted) {
                            return;
                        }
                        String clientMessageId = prefix + conversation.number() + "-" + n;
                        String body = from.name() + ", message " + n;
                        send(from, conversation, clientMessageId, body);
                        sent.add(clientMessageId + " " + body);
                        stored.incrementAndGet();
                        Thread.sleep(ThreadLocalRandom.current().nextLong(pauseMillis * 2 / 3, pauseMillis * 4 / 3));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | AssertionError e) {
                    failures.add(from.name() + " in conversation " + conversation.number() + ": " + e);
                }
            }));
        }

        /**
         * Sends one message as a careful client does: after a 5xx or no answer at all (a timeout) it cannot know
         * whether the message was stored, and after a 429 it was not; either way it sends it again with the same
         * clientMessageId — which chat answers with the message stored the first time — after what Retry-After asks,
         * else after a growing pause.
         */
        private void send(Member from, Conversation conversation, String clientMessageId, String body)
                throws InterruptedException {
            byte[] json = ("{\"clientMessageId\":\"" + clientMessageId + "\",\"body\":\"" + body + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            long giveUpAt = System.nanoTime() + SEND_RETRY_WINDOW.toNanos();
            for (int attempt = 1; ; attempt++) {
                HttpJson.Response answer = null;
                String outcome;
                try {
                    answer = gateway.send(
                            "POST",
                            conversation.path() + "/messages",
                            "application/json",
                            json,
                            "Authorization",
                            "Bearer " + from.token());
                    outcome = answer.toString();
                } catch (IllegalStateException unanswered) {
                    outcome = unanswered.getMessage();
                }
                if (answer != null && (answer.status() == 201 || answer.status() == 200)) {
                    return;
                }
                boolean again = answer == null || answer.status() == 429 || answer.status() >= 500;
                if (!again || halted || System.nanoTime() > giveUpAt) {
                    throw new IllegalStateException(clientMessageId + " not stored: " + outcome);
                }
                repeated.incrementAndGet();
                long asked = answer == null
                        ? 0
                        : answer.header("Retry-After")
                                .filter(value -> value.matches("\\d{1,3}"))
                                .map(value -> Long.parseLong(value) * 1_000L)
                                .orElse(0L);
                Thread.sleep(Math.max(Math.min(200L * attempt, 2_000L), asked));
            }
        }

        void join(Duration within) throws InterruptedException {
            long giveUpAt = System.nanoTime() + within.toNanos();
            for (Thread thread : threads) {
                thread.join(Math.max(1, (giveUpAt - System.nanoTime()) / 1_000_000));
            }
        }

        /** Stops the senders (the test is over, or failed): none waits for the restart any longer. */
        void halt() {
            halted = true;
            back.countDown();
        }
    }

    /**
     * A member's {@code chat} stream as a browser's {@code EventSource} keeps it, on realtime-2: when the stream ends
     * it reconnects with the last event id it received, every 200 ms until it is answered. It reconnects to the same
     * instance rather than to the first one: this scenario is about the restart, and only a client that comes back
     * to the restarted instance makes it serve, from the shared history alone, what was sent while it was down, and
     * then the live messages that follow, without a gap or a repeat between the two (a move to the survivor is
     * {@code instance-loss}). So it models a client reconnecting to the address it had, as one pinned to an instance
     * (sticky sessions, or the instance's own address) does.
     */
    static final class Follower implements AutoCloseable {

        final Member member;
        final List<Message> messages = new CopyOnWriteArrayList<>();
        /** A {@code reset}, any event but a message or a presence change, an error: what should not come. */
        final List<String> others = new CopyOnWriteArrayList<>();
        /**
         * Answers other than 200 to a reconnect: a just-started instance may refuse a stream until it is ready (an
         * {@code EventSource} behind a load balancer would not be sent there yet), so they are retried; one that does
         * not pass makes the resume time out.
         */
        final List<Integer> refusals = new CopyOnWriteArrayList<>();
        /** Streams opened without a last event id: the first one only. */
        final AtomicInteger afresh = new AtomicInteger();
        /** Streams opened with the last event id received. */
        final AtomicInteger resumed = new AtomicInteger();
        /** Connection attempts nobody answered (the instance down). */
        final AtomicInteger unreachable = new AtomicInteger();
        /** {@code chat.presence} events: states without ids, never replayed, not counted as messages. */
        final AtomicInteger presence = new AtomicInteger();

        final CountDownLatch connected = new CountDownLatch(1);
        private final int port;
        private final Thread reader;
        private volatile String lastId;
        private volatile boolean closed;

        Follower(Member member, int port) {
            this.member = member;
            this.port = port;
            this.reader = Thread.ofVirtual().start(this::follow);
        }

        private void follow() {
            while (!closed) {
                try (SseClient stream = SseClient.reconnect(port, "/v1/stream?topics=chat", member.token(), lastId)) {
                    if (stream.status() == 200) {
                        (lastId == null ? afresh : resumed).incrementAndGet();
                        read(stream);
                    } else {
                        refusals.add(stream.status());
                    }
                } catch (IllegalStateException down) {
                    // the instance is gone: a connection refused
                    unreachable.incrementAndGet();
                } catch (RuntimeException e) {
                    others.add("error " + e);
                }
                if (!closed) {
                    SseClient.pauseBeforeReconnecting();
                }
            }
        }

        private void read(SseClient stream) {
            while (!closed) {
                SseClient.Frame frame = stream.next(Duration.ofMillis(200));
                if (frame != null) {
                    take(frame);
                } else if (stream.ended()) {
                    // what arrived before the end is still to be taken
                    SseClient.Frame left;
                    while ((left = stream.next(Duration.ZERO)) != null) {
                        take(left);
                    }
                    return;
                }
            }
        }

        private void take(SseClient.Frame frame) {
            if (frame.event() == null) {
                if ("connected".equals(frame.comment())) {
                    connected.countDown();
                }
                return;
            }
            switch (frame.event()) {
                case "chat.message" -> {
                    JsonNode data = JSON.readTree(frame.data());
                    messages.add(new Message(
                            frame.id(),
                            data.get("conversationId").asString(),
                            data.get("seq").asLong(),
                            data.get("id").asString()));
                    lastId = frame.id();
                }
                case "chat.presence" -> presence.incrementAndGet();
                default -> others.add(frame.event() + " " + frame.id() + " " + frame.data());
            }
        }

        /** The seqs received per conversation, in the order they came. */
        Map<String, List<Long>> seqs() {
            Map<String, List<Long>> seqs = new LinkedHashMap<>();
            for (Message message : messages) {
                seqs.computeIfAbsent(message.conversationId(), ignored -> new ArrayList<>())
                        .add(message.seq());
            }
            return seqs;
        }

        /** How many delivered messages are not the archived message with their conversation and seq. */
        long strangers(Map<String, List<JsonNode>> archives) {
            return messages.stream()
                    .filter(message -> {
                        List<JsonNode> archive = archives.getOrDefault(message.conversationId(), List.of());
                        return message.seq() < 1
                                || message.seq() > archive.size()
                                || !archive.get((int) message.seq() - 1)
                                        .get("id")
                                        .asString()
                                        .equals(message.messageId());
                    })
                    .count();
        }

        @Override
        public String toString() {
            return member.name() + ": resumed " + resumed.get() + ", afresh " + afresh.get() + ", refusals " + refusals
                    + ", unreachable " + unreachable.get() + ", seqs " + seqs() + ", others " + others;
        }

        @Override
        public void close() {
            closed = true;
            reader.interrupt();
        }
    }
}
