package dev.mercato.documents.job;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.documents.DocumentsIntegrationTest;
import dev.mercato.documents.Orders;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bulk invoice jobs: split into chunks (50 orders here) sent through the headers exchange, rendered by the worker,
 * each invoice once per job even when a chunk comes again; sales reports routed to their own queue by their headers.
 */
class BulkJobIT extends DocumentsIntegrationTest {

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
    }

    @Test
    void aJobIsSplitIntoChunksThroughTheHeadersExchangeAndRendersEveryInvoiceOnce() {
        Instant day = aDayOfItsOwn();
        List<UUID> orders = confirmedOrders(day, 130);

        JsonNode job = completed(start(day, day.plus(1, ChronoUnit.DAYS)));

        assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("total").asInt()).isEqualTo(130);
        assertThat(job.get("done").asInt()).isEqualTo(130);
        assertThat(job.get("failed").asInt()).isZero();
        assertThat(job.get("finishedAt").isNull()).isFalse();
        UUID id = UUID.fromString(job.get("id").asString());
        assertThat(chunksConsumed()).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select chunks from document_job where job_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        // once when confirmed, once by the job
        assertThat(orders).allSatisfy(order -> assertThat(renderCount(order)).isEqualTo(2));
    }

    @Test
    void aChunkDeliveredAgainRendersNothingTwice() {
        Instant day = aDayOfItsOwn();
        List<UUID> orders = confirmedOrders(day, 60);
        JsonNode job = completed(start(day, day.plus(1, ChronoUnit.DAYS)));
        UUID id = UUID.fromString(job.get("id").asString());

        // both chunks again, under new message ids: the inbox does not know them, the finished items stop them
        List<Envelope> again = new ArrayList<>();
        for (int chunk = 0; chunk < 2; chunk++) {
            Envelope message = Orders.envelope(InvoiceChunk.MESSAGE_TYPE, new InvoiceChunk(id, chunk));
            again.add(message);
            redeliver(CHUNKS, message);
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> again.stream().allMatch(message -> consumed(CHUNKS, message.messageId())));

        assertThat(orders).allSatisfy(order -> assertThat(renderCount(order)).isEqualTo(2));
        JsonNode after = job(id);
        assertThat(after.get("done").asInt()).isEqualTo(60);
        assertThat(after.get("state").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aChunkCutShortResumesWithItsUnfinishedInvoicesOnly() {
        Instant day = aDayOfItsOwn();
        List<UUID> orders = confirmedOrders(day, 50);
        JsonNode job = completed(start(day, day.plus(1, ChronoUnit.DAYS)));
        UUID id = UUID.fromString(job.get("id").asString());
        // as if the worker had died after committing 20 of the chunk's items: the other 30 pending, not counted
        List<UUID> unfinished = jdbc.sql("""
                        update job_item set state = 'PENDING'
                        where job_id = ? and order_id in
                            (select order_id from job_item where job_id = ? order by order_id offset 20)
                        returning order_id
                        """).params(id, id).query(UUID.class).list();
        jdbc.sql("update invoice set render_count = render_count - 1 where order_id = any(cast(? as uuid[]))")
                .param(unfinished.stream().map(UUID::toString).toArray(String[]::new))
                .update();
        jdbc.sql("update document_job set done = done - 30, finished_at = null where job_id = ?")
                .param(id)
                .update();
        assertThat(job(id).get("state").asString()).isEqualTo("RUNNING");

        redeliver(CHUNKS, Orders.envelope(InvoiceChunk.MESSAGE_TYPE, new InvoiceChunk(id, 0)));

        JsonNode resumed = completed(id);
        assertThat(resumed.get("done").asInt()).isEqualTo(50);
        assertThat(orders).allSatisfy(order -> assertThat(renderCount(order)).isEqualTo(2));
    }

    @Test
    void anEmptyRangeCompletesAtOnce() {
        Instant day = aDayOfItsOwn();
        JsonNode job = job(start(day, day.plus(1, ChronoUnit.DAYS)));
        assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("total").asInt()).isZero();
    }

    @Test
    void badRangesAreProblems() {
        String[] admin = IDENTITY.bearer("admin");
        assertProblem(post("/v1/admin/documents/invoices", "{\"to\":\"2026-12-01\"}", admin), 400, "validation");
        assertProblem(
                post("/v1/admin/documents/invoices", "{\"from\":\"yesterday\",\"to\":\"2026-12-01\"}", admin),
                400,
                "validation");
        assertProblem(
                post("/v1/admin/documents/invoices", "{\"from\":\"2026-12-02\",\"to\":\"2026-12-01\"}", admin),
                400,
                "validation");
        assertThat(post("/v1/admin/documents/invoices", "{\"from\":", admin).status())
                .isEqualTo(400);
        assertThat(post(
                                "/v1/admin/documents/invoices",
                                "{\"from\":\"2026-12-01\",\"to\":\"2026-12-02\"}",
                                IDENTITY.bearer("customer"))
                        .status())
                .isEqualTo(403);
        assertProblem(http.get("/v1/admin/documents/jobs/" + UUID.randomUUID(), admin), 404, "not-found");
    }

    @Test
    void aSalesReportIsRoutedByItsHeadersToItsOwnQueue() {
        Instant day = aDayOfItsOwn();
        confirmedOrders(day, 3);
        String range = "{\"from\":\"" + day + "\",\"to\":\"" + day.plus(1, ChronoUnit.DAYS) + "\"}";
        var accepted = post("/v1/admin/documents/reports", range, IDENTITY.bearer("admin"));
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.header("Location").orElseThrow();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> http.get(location, IDENTITY.bearer("admin")).status() == 200);
        String csv = new String(http.get(location, IDENTITY.bearer("admin")).raw(), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("day,currency,orders,total\n" + day.toString().substring(0, 10) + ",EUR,3,75.00\n");
        UUID report = UUID.fromString(accepted.json().get("reportId").asString());
        assertThat(consumedOf(REPORTS)).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from sales_report where report_id = ? and rendered_at is not null")
                        .param(report)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // the invoice workers never saw it: nothing of theirs was parked as not an invoice chunk
        assertThat(rabbitDepth(CHUNKS + ".dlq")).isZero();
    }

    private List<UUID> confirmedOrders(Instant day, int count) {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Orders order = Orders.confirmedAt(day.plusSeconds(60L * i + 1));
            publish(order.created());
            publish(order.confirmed());
            orders.add(order.order());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.stream().allMatch(order -> renderCount(order) == 1));
        return orders;
    }

    private UUID start(Instant from, Instant to) {
        var response = post(
                "/v1/admin/documents/invoices",
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}",
                IDENTITY.bearer("admin"));
        assertThat(response.status()).isEqualTo(202);
        UUID job = UUID.fromString(response.json().get("jobId").asString());
        assertThat(response.header("Location")).contains("/v1/admin/documents/jobs/" + job);
        return job;
    }

    private JsonNode completed(UUID job) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !job(job).get("state").asString().equals("RUNNING"));
        return job(job);
    }

    private JsonNode job(UUID job) {
        var response = http.get("/v1/admin/documents/jobs/" + job, IDENTITY.bearer("admin"));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private HttpJson.Response post(String path, String json, String... headers) {
        return http.send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private int chunksConsumed() {
        return consumedOf(CHUNKS);
    }

    private int consumedOf(String queue) {
        return jdbc.sql("select count(*) from messaging.inbox_message where consumer = ?")
                .param(queue)
                .query(Integer.class)
                .single();
    }

    private boolean consumed(String queue, UUID message) {
        return jdbc.sql("select count(*) from messaging.inbox_message where consumer = ? and message_id = ?")
                        .params(queue, message)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private int rabbitDepth(String queue) {
        var properties = rabbitAdmin().getQueueProperties(queue);
        return properties == null ? 0 : ((Number) properties.get("QUEUE_MESSAGE_COUNT")).intValue();
    }

    private org.springframework.amqp.rabbit.core.RabbitAdmin rabbitAdmin() {
        return new org.springframework.amqp.rabbit.core.RabbitAdmin(rabbit.getConnectionFactory());
    }

    /** Orders of one test fall on a day no other test uses, so a job's range holds exactly them. */
    private static Instant aDayOfItsOwn() {
        return Instant.parse("2031-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextInt(0, 3650), ChronoUnit.DAYS);
    }
}
