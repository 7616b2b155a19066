package dev.mercato.ordering.order;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of the order listing (newest first): the position of the last order on the previous page. The
 * next page holds strictly older orders, so orders placed while a client pages never shift what it has not seen.
 */
record OrderCursor(long beforePosition) {

    private static final String PREFIX = "o1:";

    static final OrderCursor START = new OrderCursor(Long.MAX_VALUE);

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + beforePosition).getBytes(StandardCharsets.US_ASCII));
    }

    static OrderCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith(PREFIX)) {
                long position = Long.parseLong(raw.substring(PREFIX.length()));
                if (position > 0) {
                    return new OrderCursor(position);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the same answer as any other cursor we did not issue
        }
        throw ProblemException.invalid(
                "cursor", "is not a cursor this API issued; use nextCursor from a previous page");
    }
}
