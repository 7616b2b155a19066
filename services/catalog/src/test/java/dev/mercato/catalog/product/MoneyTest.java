package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void showsTwoDecimalsAsAString() {
        assertThat(Money.of(new BigDecimal("12.5"), "EUR")).isEqualTo(new Money("12.50", "EUR"));
        assertThat(Money.of(new BigDecimal("1E+3"), "EUR").amount()).isEqualTo("1000.00");
    }
}
