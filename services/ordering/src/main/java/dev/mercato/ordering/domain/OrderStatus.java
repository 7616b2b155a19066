package dev.mercato.ordering.domain;

public enum OrderStatus {
    PENDING,
    CONFIRMED,
    CANCELLED
}
