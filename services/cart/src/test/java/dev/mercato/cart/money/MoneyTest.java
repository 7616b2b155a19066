package dev.mercato.cart.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void showsTheAmountWithTheCurrencysDigits() {
        assertThat(new Money(1250, "EUR").amount()).isEqualTo("12.50");
        assertThat(new Money(5, "EUR").amount()).isEqualTo("0.05");
        assertThat(new Money(0, "EUR").amount()).isEqualTo("0.00");
        assertThat(new Money(1250, "JPY").amount()).isEqualTo("1250");
        assertThat(new Money(1250, "BHD").amount()).isEqualTo("1.250");
    }

    @Test
    void addsAndMultipliesInMinorUnits() {
        Money price = new Money(1999, "EUR");

        assertThat(price.times(3)).isEqualTo(new Money(5997, "EUR"));
        assertThat(price.plus(new Money(1, "EUR"))).isEqualTo(new Money(2000, "EUR"));
        assertThat(Money.zero("EUR").plus(price.times(99))).isEqualTo(new Money(197901, "EUR"));
    }

    @Test
    void refusesToAddDifferentCurrencies() {
        assertThatThrownBy(() -> new Money(1, "EUR").plus(new Money(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency mismatch");
    }

    @Test
    void refusesNegativeAmountsAndMalformedCurrencies() {
        assertThatThrownBy(() -> new Money(-1, "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(1, "eur")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsRatherThanOverflow() {
        assertThatThrownBy(() -> new Money(Long.MAX_VALUE, "EUR").times(2)).isInstanceOf(ArithmeticException.class);
    }
}
