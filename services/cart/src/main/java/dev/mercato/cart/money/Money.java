package dev.mercato.cart.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in a currency's minor units (2599 EUR = €25.99), never a float. */
public record Money(long minor, String currency) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an upper-case ISO 4217 code, was " + currency);
        }
        if (minor < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + minor);
        }
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(minor, quantity), currency);
    }

    /** The amount as a decimal string with the currency's digits, as the API shows it: {@code "25.99"}. */
    public String amount() {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    @Override
    public String toString() {
        return amount() + " " + currency;
    }
}
