package dev.mercato.documents.invoice;

import java.util.UUID;

/** An order's invoice: its number, and how many renders of its file have been committed. */
public record Invoice(UUID invoiceId, UUID orderId, UUID userId, String number, int renderCount) {}
