package dev.mercato.catalog.product;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque pagination cursor: the position of the last product on the previous page. Positions only grow, so rows
 * inserted while a client pages never shift what it has not seen yet.
 */
record ProductCursor(long afterPosition) {

    private static final String PREFIX = "p1:";

    static final ProductCursor START = new ProductCursor(0);

    String encode() {
        byte[] raw = (PREFIX + afterPosition).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static ProductCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith(PREFIX)) {
                long position = Long.parseLong(raw.substring(PREFIX.length()));
                if (position >= 0) {
                    return new ProductCursor(position);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the same answer as any other cursor we did not issue
        }
        throw ProblemException.invalid(
                "cursor", "is not a cursor this API issued; use nextCursor from a previous page");
    }
}
