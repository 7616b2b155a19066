package dev.mercato.pspsim.payment.domain;

import java.time.Instant;

public record Refund(String id, long amount, Instant createdAt) {}
