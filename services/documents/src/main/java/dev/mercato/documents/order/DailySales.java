package dev.mercato.documents.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One row of a sales report: the orders confirmed on a day (UTC) in one currency. */
public record DailySales(LocalDate day, String currency, long orders, BigDecimal total) {}
