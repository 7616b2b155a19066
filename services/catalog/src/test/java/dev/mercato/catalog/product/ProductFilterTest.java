package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProductFilterTest {

    @Test
    void rejectsAnInvertedPriceRange() {
        assertThatThrownBy(() -> new ProductFilter(null, null, new BigDecimal("10"), new BigDecimal("9.99")))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("maxPrice");
    }

    @Test
    void acceptsAnEmptyPriceRange() {
        var filter = new ProductFilter(null, null, new BigDecimal("10"), new BigDecimal("10.00"));

        assertThat(filter.minPrice()).isEqualByComparingTo("10");
    }

    @Test
    void treatsABlankSearchAsNoSearch() {
        assertThat(new ProductFilter(null, "   ", null, null).text()).isNull();
    }
}
