package dev.mercato.inventory.domain;

/** A line that could not be served: what was asked and what was available at that moment. */
public record Shortage(Sku sku, int requested, int available) {}
