package dev.mercato.pspsim.webhook;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An event as the admin API lists it: the exact body sent, and every delivery with every attempt. */
record WebhookEventView(
        String id,
        String type,
        String paymentId,
        int paymentVersion,
        Instant createdAt,
        @JsonRawValue String payload,
        List<DeliveryView> deliveries) {

    record DeliveryView(
            long id,
            String url,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            Instant updatedAt,
            List<AttemptView> attemptLog) {}

    record AttemptView(int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMs) {}

    static List<WebhookEventView> of(
            List<WebhookRepository.EventRow> events,
            List<WebhookRepository.DeliveryRow> deliveries,
            List<WebhookRepository.AttemptRow> attempts) {
        Map<Long, List<AttemptView>> attemptsByDelivery = attempts.stream()
                .collect(Collectors.groupingBy(
                        WebhookRepository.AttemptRow::deliveryId,
                        Collectors.mapping(
                                a -> new AttemptView(
                                        a.attempt(), a.attemptedAt(), a.statusCode(), a.error(), a.durationMs()),
                                Collectors.toList())));
        Map<String, List<DeliveryView>> deliveriesByEvent = deliveries.stream()
                .collect(Collectors.groupingBy(
                        WebhookRepository.DeliveryRow::eventId,
                        Collectors.mapping(
                                d -> new DeliveryView(
                                        d.id(),
                                        d.url(),
                                        d.status(),
                                        d.attempts(),
                                        d.nextAttemptAt(),
                                        d.lastStatusCode(),
                                        d.lastError(),
                                        d.createdAt(),
                                        d.updatedAt(),
                                        attemptsByDelivery.getOrDefault(d.id(), List.of())),
                                Collectors.toList())));
        return events.stream()
                .map(e -> new WebhookEventView(
                        e.id(),
                        e.type(),
                        e.paymentId(),
                        e.paymentVersion(),
                        e.createdAt(),
                        e.payload(),
                        deliveriesByEvent.getOrDefault(e.id(), List.of())))
                .toList();
    }
}
