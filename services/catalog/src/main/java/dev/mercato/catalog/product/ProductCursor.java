package dev.mercato.catalog.product;

import dev.mercato.web.page.PositionCursor;

/**
 * The opaque pagination cursor: the position of the last product on the previous page. Positions only grow, so rows
 * inserted while a client pages never shift what it has not seen yet.
 */
record ProductCursor(long afterPosition) {

    private static final String PREFIX = "p1:";

    static final ProductCursor START = new ProductCursor(0);

    String encode() {
        return PositionCursor.encode(PREFIX, afterPosition);
    }

    static ProductCursor decode(String cursor) {
        return new ProductCursor(PositionCursor.decode(PREFIX, cursor, START.afterPosition(), 0));
    }
}
