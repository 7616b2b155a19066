package dev.mercato.pspsim.webhook;

import dev.mercato.pspsim.Ids;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Records a webhook event and its pending deliveries; call it in the transaction that makes the state change. */
@Component
public class WebhookEvents {

    private final WebhookRepository repository;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    WebhookEvents(WebhookRepository repository, WebhookProperties properties, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** @return the event id */
    public String record(String type, String paymentId, int paymentVersion, Instant createdAt, Object payment) {
        String id = Ids.next("evt");
        var envelope = new WebhookEnvelope(id, type, createdAt, paymentId, paymentVersion, Map.of("payment", payment));
        repository.insertEvent(id, type, paymentId, paymentVersion, json.writeValueAsString(envelope), createdAt);
        scheduleDeliveries(id);
        return id;
    }

    /** Queues one more delivery of the event to each configured endpoint; false when none is configured. */
    boolean scheduleDeliveries(String eventId) {
        Instant now = clock.instant();
        for (URI url : properties.url()) {
            repository.insertDelivery(eventId, url.toString(), now);
        }
        return !properties.url().isEmpty();
    }
}
