package dev.mercato.cart.catalog;

import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;

/** Catalog could not answer: a cart cannot be priced (prices must be current, so there is no stale answer). */
public class CatalogUnavailableException extends ProblemException {

    public CatalogUnavailableException() {
        super(Problems.of(ProblemType.UNAVAILABLE, "Prices cannot be read right now; retry shortly"));
        withHeader("Retry-After", "1");
    }
}
