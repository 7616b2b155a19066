package dev.mercato.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockLevelTest {

    private static final Sku SKU = new Sku("MC-000001");

    @Test
    void neverNegativeAndNeverMoreReservedThanOnHand() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(SKU, -1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(SKU, 1, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(SKU, 1, 2));
        assertThat(new StockLevel(SKU, 5, 2).available()).isEqualTo(3);
    }

    @Test
    void adjustsOnHandDownToTheReservedUnits() {
        StockLevel level = new StockLevel(SKU, 10, 4);

        assertThat(level.adjustTo(4)).isEqualTo(new StockChange(SKU, MovementKind.ADJUST, -6, 0));
        assertThat(level.apply(level.adjustTo(25))).isEqualTo(new StockLevel(SKU, 25, 4));
        assertThatThrownBy(() -> level.adjustTo(3)).isInstanceOf(StockLevel.StockBelowReserved.class);
    }
}
