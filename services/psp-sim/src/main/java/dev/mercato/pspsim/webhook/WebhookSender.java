package dev.mercato.pspsim.webhook;

import dev.mercato.web.remote.OutsideTransactions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** POSTs one signed delivery attempt; the signature's timestamp is the time of the attempt. */
@Component
class WebhookSender {

    record Result(Integer statusCode, String error) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient client;

    WebhookSender(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Result send(WebhookRepository.DueDelivery delivery, int attempt) {
        OutsideTransactions.check("webhook " + delivery.url());
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "mercato-psp-sim")
                .header(
                        WebhookSignature.HEADER,
                        WebhookSignature.header(properties.secret(), timestamp, delivery.payload()))
                .header("Psp-Event-Id", delivery.eventId())
                .header("Psp-Event-Type", delivery.type())
                .header("Psp-Delivery-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return new Result(response.statusCode(), null);
        } catch (IOException e) {
            return new Result(
                    null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        }
    }
}
