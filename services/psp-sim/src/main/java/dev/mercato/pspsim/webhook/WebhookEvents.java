package dev.mercato.pspsim.webhook;

import dev.mercato.pspsim.Ids;
import dev.mercato.web.poll.PollSchedule;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Records a webhook event and its pending deliveries; call it in the transaction that makes the state change. */
@Component
public class WebhookEvents {

    private final WebhookRepository repository;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final PollSchedule dispatch;

    WebhookEvents(
            WebhookRepository repository,
            WebhookProperties properties,
            JsonMapper json,
            Clock clock,
            PollSchedule dispatch) {
        this.repository = repository;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.dispatch = dispatch;
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
        if (properties.url().isEmpty()) {
            return false;
        }
        dispatchOnceCommitted();
        return true;
    }

    /** The dispatcher's next tick delivers them, once they are visible to it. */
    private void dispatchOnceCommitted() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatch.dueNow();
                }
            });
        } else {
            dispatch.dueNow();
        }
    }
}
