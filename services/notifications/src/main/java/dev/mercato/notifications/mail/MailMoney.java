package dev.mercato.notifications.mail;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** An amount as the events carry it, written the way the reader's language writes money ({@code €25.99}, {@code 25,99 €}). */
public record MailMoney(BigDecimal amount, String currency) {

    public static MailMoney ofMinor(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return new MailMoney(BigDecimal.valueOf(minor, digits), currency);
    }

    public String format(Locale language) {
        NumberFormat format = NumberFormat.getCurrencyInstance(language);
        format.setCurrency(Currency.getInstance(currency));
        return format.format(amount);
    }
}
