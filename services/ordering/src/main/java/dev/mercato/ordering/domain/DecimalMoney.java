package dev.mercato.ordering.domain;

/** Money as the public API and the events show it: a decimal string and the currency. */
public record DecimalMoney(String amount, String currency) {

    public static DecimalMoney of(Money money) {
        return new DecimalMoney(money.decimal(), money.currency());
    }
}
