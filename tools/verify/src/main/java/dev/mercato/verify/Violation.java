package dev.mercato.verify;

/** One broken invariant: which rule, about what (an order id, a SKU), and what was found. */
public record Violation(Invariant invariant, String subject, String detail) {

    @Override
    public String toString() {
        return invariant.id() + " " + subject + ": " + detail;
    }
}
