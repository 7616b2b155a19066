package dev.mercato.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void givenADecimalAmountExpectMinorUnitsOfItsCurrency() {
        assertThat(Money.ofDecimal("25.99", "EUR")).isEqualTo(Money.of(2599, "EUR"));
        assertThat(Money.ofDecimal("30", "EUR")).isEqualTo(Money.of(3000, "EUR"));
        assertThat(Money.ofDecimal("0.5", "EUR")).isEqualTo(Money.of(50, "EUR"));
        assertThat(Money.ofDecimal("1200", "JPY")).isEqualTo(Money.of(1200, "JPY"));
        assertThat(Money.ofDecimal("1.234", "BHD")).isEqualTo(Money.of(1234, "BHD"));
    }

    @Test
    void givenMoreFractionDigitsThanTheCurrencyHasOrNoNumberExpectRejection() {
        assertThatThrownBy(() -> Money.ofDecimal("25.999", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofDecimal("12.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofDecimal("lots", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofDecimal("-1.00", "EUR")).isInstanceOf(IllegalArgumentException.class);
    }
}
