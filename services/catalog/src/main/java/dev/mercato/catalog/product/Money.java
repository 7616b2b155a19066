package dev.mercato.catalog.product;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A price as the API shows it: the amount as a decimal string, so no client parses it into a binary float. */
public record Money(String amount, String currency) {

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), currency);
    }
}
