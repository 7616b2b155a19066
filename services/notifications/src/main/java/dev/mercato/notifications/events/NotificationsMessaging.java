package dev.mercato.notifications.events;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One work queue on {@code mercato.events} for everything this service reacts to, so that a user's registration and
 * their orders share one consumer thread (and the pool's budget). Publishes {@code notification.created} through its
 * outbox on the same exchange. Concurrency 1 on purpose: a mail's claim and outcome take a second connection beside
 * the inbox transaction's (docs/connection-budget.md).
 */
@Configuration(proxyBeanMethods = false)
class NotificationsMessaging {

    @Bean
    Topology topology(EventMails mails, EventsSettings settings) {
        return topology(mails::handle, settings.queue(), settings.maxAttempts());
    }

    static Topology topology(MessageHandler mails, String queue, int maxAttempts) {
        return Topology.platform()
                .consume(Consumers.on(queue)
                        .bind(Exchanges.EVENTS, EventMails.USER_REGISTERED)
                        .bind(Exchanges.EVENTS, EventMails.ORDER_CONFIRMED)
                        .bind(Exchanges.EVENTS, EventMails.ORDER_CANCELLED)
                        .bind(Exchanges.EVENTS, EventMails.PAYMENT_REFUNDED)
                        .bind(Exchanges.EVENTS, EventMails.CART_ABANDONED)
                        .maxAttempts(maxAttempts)
                        .concurrency(1)
                        // a mail leaves the process: no transaction is held while SMTP answers (Deliveries makes a
                        // repeated run harmless with its one row per event)
                        .outsideTransaction()
                        .handle(mails))
                .build();
    }
}
