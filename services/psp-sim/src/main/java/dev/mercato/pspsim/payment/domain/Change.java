package dev.mercato.pspsim.payment.domain;

/** A payment after a state change, with the event that announces it. */
public record Change(Payment payment, PaymentEventType event) {}
