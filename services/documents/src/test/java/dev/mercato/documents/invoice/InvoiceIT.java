package dev.mercato.documents.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.documents.DocumentsIntegrationTest;
import dev.mercato.documents.Orders;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.testsupport.http.HttpJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An invoice per confirmed order: rendered on order.confirmed, one file per invoice, shown only to its owner. */
class InvoiceIT extends DocumentsIntegrationTest {

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
    }

    @Test
    void rendersAPdfForTheOwnerAndNobodyElse() throws Exception {
        Orders order = Orders.confirmedAt(Instant.now());
        publish(order.created());
        publish(order.confirmed());
        await().atMost(Duration.ofSeconds(15)).until(() -> renderCount(order.order()) == 1);

        byte[] file = Files.readAllBytes(DIR.resolve("invoices").resolve(invoiceId(order.order()) + ".pdf"));
        assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");

        var owner = http.get(invoicePath(order), bearerOf(order.user()));
        assertThat(owner.status()).isEqualTo(200);
        assertThat(owner.contentType()).startsWith("application/pdf");
        assertThat(owner.raw()).isEqualTo(file);

        assertThat(http.get(invoicePath(order), bearerOf(UUID.randomUUID())).status())
                .isEqualTo(404);
        assertThat(http.get(invoicePath(order), IDENTITY.bearer("admin")).status())
                .isEqualTo(404);
        assertThat(http.get(invoicePath(order)).status()).isEqualTo(401);
    }

    @Test
    void anOrderNotConfirmedYetHasNoInvoice() {
        Orders order = Orders.confirmedAt(Instant.now());
        publish(order.created());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("select count(*) from order_copy where order_id = ?")
                                .param(order.order())
                                .query(Integer.class)
                                .single()
                        == 1);

        assertThat(http.get(invoicePath(order), bearerOf(order.user())).status())
                .isEqualTo(404);
        assertThat(renderCount(order.order())).isZero();
    }

    @Test
    void aRenderAgainReplacesTheOneFile() throws Exception {
        Orders order = Orders.confirmedAt(Instant.now());
        publish(order.created());
        publish(order.confirmed());
        await().atMost(Duration.ofSeconds(15)).until(() -> renderCount(order.order()) == 1);
        UUID invoice = invoiceId(order.order());

        // the same fact again under a new message id: the inbox cannot recognise it, the invoice is rendered again
        Envelope again = order.confirmed();
        publish(again);
        await().atMost(Duration.ofSeconds(15)).until(() -> renderCount(order.order()) == 2);

        try (Stream<java.nio.file.Path> files = Files.list(DIR.resolve("invoices"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith(invoice.toString())))
                    .containsExactly(invoice + ".pdf");
        }
        assertThat(invoiceId(order.order())).isEqualTo(invoice);
        byte[] pdf = http.get(invoicePath(order), bearerOf(order.user())).raw();
        assertThat(Arrays.copyOf(pdf, 4)).isEqualTo("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    private static String invoicePath(Orders order) {
        return "/v1/orders/" + order.order() + "/invoice";
    }
}
