import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.mercato.testsupport.jwt.TestIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * bench/invoices.sh's helper, run as a single source file on the documents service's test classpath:
 *   identity FILE       a stand-in for identity's JWKS (libs/test-support's TestIdentity); writes "url admin-token"
 *                       to FILE and serves until killed
 *   seed N FROM         publishes N order.created + order.confirmed v1 pairs to mercato.events, confirmed at FROM
 *                       plus i seconds, with publisher confirms (MERCATO_RABBIT_* select the broker)
 */
public class InvoicesBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "identity" -> identity(Path.of(args[1]));
            case "seed" -> seed(Integer.parseInt(args[1]), Instant.parse(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void identity(Path file) throws Exception {
        TestIdentity identity = TestIdentity.start();
        Files.writeString(file, identity.url() + " " + identity.token("admin") + "\n");
        Thread.sleep(Duration.ofDays(1));
    }

    static void seed(int count, Instant from) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("MERCATO_RABBIT_HOST", "localhost"));
        factory.setPort(Integer.parseInt(env("MERCATO_RABBIT_PORT", "5672")));
        factory.setUsername(env("MERCATO_RABBIT_USER", "guest"));
        factory.setPassword(env("MERCATO_RABBIT_PASSWORD", "guest"));
        factory.setVirtualHost(env("MERCATO_RABBIT_VHOST", "/"));
        try (Connection connection = factory.newConnection("invoices-bench-seed");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < count; i++) {
                UUID order = UUID.randomUUID();
                UUID user = UUID.randomUUID();
                Instant confirmed = from.plusSeconds(i % 86_000).plusMillis(i / 86_000);
                publish(channel, "order.created", created(order, user, confirmed.minusSeconds(1)));
                publish(channel, "order.confirmed", confirmed(order, user, confirmed));
                if (i % 500 == 499) {
                    channel.waitForConfirmsOrDie(30_000);
                }
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    private static void publish(Channel channel, String type, String body) throws Exception {
        Instant now = Instant.now();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(UUID.randomUUID().toString())
                .type(type + ".v1")
                .contentType("application/json")
                .deliveryMode(2)
                .timestamp(Date.from(now))
                .correlationId("bench-" + UUID.randomUUID())
                .headers(Map.of("x-occurred-at", now.toString()))
                .build();
        channel.basicPublish("mercato.events", type, false, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String created(UUID order, UUID user, Instant at) {
        return """
                {"orderId":"%s","userId":"%s","cartVersion":1,"lines":[\
                {"productId":"p-1","sku":"MC-000001","name":"Espresso cup","quantity":2,\
                "unitPrice":{"amount":"12.50","currency":"EUR"},"lineTotal":{"amount":"25.00","currency":"EUR"}},\
                {"productId":"p-2","sku":"MC-000002","name":"Moka pot, 6 cups","quantity":1,\
                "unitPrice":{"amount":"34.90","currency":"EUR"},"lineTotal":{"amount":"34.90","currency":"EUR"}},\
                {"productId":"p-3","sku":"MC-000003","name":"Coffee beans 1 kg","quantity":3,\
                "unitPrice":{"amount":"18.00","currency":"EUR"},"lineTotal":{"amount":"54.00","currency":"EUR"}}],\
                "total":{"amount":"113.90","currency":"EUR"},"createdAt":"%s"}"""
                .formatted(order, user, at);
    }

    private static String confirmed(UUID order, UUID user, Instant at) {
        return """
                {"orderId":"%s","userId":"%s","total":{"amount":"113.90","currency":"EUR"},\
                "providerPaymentId":"pay_%s","confirmedAt":"%s"}"""
                .formatted(order, user, order, at);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
