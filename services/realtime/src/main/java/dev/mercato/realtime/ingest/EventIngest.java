package dev.mercato.realtime.ingest;

import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.EventLog;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer of the domain events clients can follow: translates each into the events clients see and appends them
 * to the history ({@link EventLog}), which every instance's backplane then delivers. Idempotent twice over: the
 * library's inbox skips a message it committed, and the append script skips a message id it appended (a message
 * whose append succeeded but whose inbox commit failed is redelivered and appends nothing).
 */
@Component
class EventIngest implements MessageHandler {

    private final EventLog log;
    private final OrderStatusEvents orders;
    private final ProductEvents products;
    private final NotificationEvents notifications;

    EventIngest(EventLog log, JsonMapper json) {
        this.log = log;
        this.orders = new OrderStatusEvents(json);
        this.products = new ProductEvents(json);
        this.notifications = new NotificationEvents(json);
    }

    @Override
    public void handle(Envelope envelope) {
        Appendable events;
        try {
            events = translate(envelope);
        } catch (IllegalArgumentException unreadable) {
            throw new PermanentMessageFailure(envelope.qualifiedType() + ": " + unreadable.getMessage(), unreadable);
        }
        if (events != null) {
            log.append(events);
        }
    }

    /** The events clients see for this message, or null when it concerns no client. */
    Appendable translate(Envelope envelope) {
        if (envelope.version() != 1) {
            return null;
        }
        if (OrderStatusEvents.handles(envelope.type())) {
            return orders.translate(envelope);
        }
        if (ProductEvents.handles(envelope.type())) {
            return products.translate(envelope);
        }
        if (NotificationEvents.handles(envelope.type())) {
            return notifications.translate(envelope);
        }
        return null;
    }
}
