package dev.mercato.inventory.stock;

import dev.mercato.web.page.PositionCursor;

/** The opaque cursor of the movement listing: the id of the last movement on the previous page (docs/adr/003). */
record MovementCursor(long afterId) {

    private static final String PREFIX = "m1:";

    static final MovementCursor START = new MovementCursor(0);

    String encode() {
        return PositionCursor.encode(PREFIX, afterId);
    }

    static MovementCursor decode(String cursor) {
        return new MovementCursor(PositionCursor.decode(PREFIX, cursor, START.afterId(), 0));
    }
}
