package dev.mercato.pspsim.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * The body of every webhook. {@code createdAt} is when the state change happened and {@code paymentVersion} its
 * place in the payment's history: deliveries may arrive out of order, these let the receiver order them.
 */
record WebhookEnvelope(
        String id, String type, Instant createdAt, String paymentId, int paymentVersion, Map<String, Object> data) {}
