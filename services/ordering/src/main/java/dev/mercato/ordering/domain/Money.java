package dev.mercato.ordering.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An amount in minor units of an ISO 4217 currency. */
public record Money(long minor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be ISO 4217: " + currency);
        }
    }

    public static Money of(long minor, String currency) {
        return new Money(minor, currency);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(minor, quantity), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currencies differ: " + currency + " and " + other.currency);
        }
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    /** The decimal amount ("25.99") the public API and the events show. */
    public String decimal() {
        int digits = fractionDigits(currency);
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }
}
