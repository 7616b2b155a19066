package dev.mercato.documents.invoice;

import dev.mercato.documents.order.OrderCopy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renders invoices and counts each render in the caller's transaction: the file is replaced first, the count and the
 * caller's own bookkeeping (a job item marked done) commit together afterwards. A render whose transaction is lost is
 * done again, over the same file, and counted once.
 */
@Service
public class Invoices {

    private static final Logger log = LoggerFactory.getLogger(Invoices.class);

    private final InvoiceRepository invoices;
    private final InvoiceFiles files;

    Invoices(InvoiceRepository invoices, InvoiceFiles files) {
        this.invoices = invoices;
        this.files = files;
    }

    /**
     * Renders these orders' invoices; returns, per order, nothing when it was rendered or the reason it could not be.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, Optional<String>> render(List<OrderCopy> orders) {
        Map<UUID, Optional<String>> outcome = new LinkedHashMap<>();
        if (orders.isEmpty()) {
            return outcome;
        }
        Map<UUID, Invoice> byOrder = invoices
                .ensure(orders.stream()
                        .map(o -> new InvoiceRepository.OrderOwner(o.orderId(), o.userId()))
                        .toList())
                .stream()
                .collect(Collectors.toMap(Invoice::orderId, Function.identity()));
        List<UUID> rendered = new ArrayList<>(orders.size());
        for (OrderCopy order : orders) {
            Invoice invoice = byOrder.get(order.orderId());
            try {
                files.write(invoice.invoiceId(), InvoicePdf.render(invoice.number(), order));
                rendered.add(invoice.invoiceId());
                outcome.put(order.orderId(), Optional.empty());
            } catch (RuntimeException e) {
                log.warn("Invoice {} of order {} not rendered", invoice.number(), order.orderId(), e);
                outcome.put(order.orderId(), Optional.of(String.valueOf(e.getMessage())));
            }
        }
        invoices.rendered(rendered);
        return outcome;
    }

    /** The PDF of the order's invoice, for its owner only. */
    public Optional<byte[]> pdf(UUID order, UUID user) {
        return invoices.rendered(order, user).flatMap(invoice -> files.read(invoice.invoiceId()));
    }

    public Optional<Invoice> ofOrder(UUID order) {
        return invoices.forOrder(order);
    }
}
