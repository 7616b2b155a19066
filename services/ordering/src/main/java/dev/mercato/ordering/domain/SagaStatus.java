package dev.mercato.ordering.domain;

public enum SagaStatus {
    RUNNING,
    COMPENSATING,
    DONE
}
