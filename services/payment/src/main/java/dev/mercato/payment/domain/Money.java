package dev.mercato.payment.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in the currency's minor units (2599 EUR = €25.99), as the provider takes it; never a float. */
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

    public static Money of(long minor, String currency) {
        return new Money(minor, currency);
    }

    /**
     * The decimal form other services' events carry ({@code "25.99"} EUR = 2599), with the currency's ISO 4217
     * fraction digits (2 when the JDK does not know it, as ordering does).
     *
     * @throws IllegalArgumentException not a number, more fraction digits than the currency has, or negative
     */
    public static Money ofDecimal(String amount, String currency) {
        Objects.requireNonNull(amount, "amount");
        try {
            return new Money(
                    new BigDecimal(amount)
                            .movePointRight(fractionDigits(currency))
                            .longValueExact(),
                    currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not an amount of " + currency + ": " + amount, e);
        }
    }

    private static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return 2;
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(minor - other.minor, currency);
    }

    public boolean isGreaterThan(Money other) {
        requireSameCurrency(other);
        return minor > other.minor;
    }

    public boolean isZero() {
        return minor == 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return minor + " " + currency;
    }
}
