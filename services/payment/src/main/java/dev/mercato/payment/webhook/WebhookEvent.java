package dev.mercato.payment.webhook;

import dev.mercato.payment.domain.ProviderPayment;

/** A verified delivery: its event id and type, the payment snapshot it carries, and the body as received. */
record WebhookEvent(String id, String type, ProviderPayment payment, String rawJson) {}
