package dev.mercato.inventory.stock;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque cursor of the movement listing: the id of the last movement on the previous page (docs/adr/003). */
record MovementCursor(long afterId) {

    private static final String PREFIX = "m1:";

    static final MovementCursor START = new MovementCursor(0);

    String encode() {
        byte[] raw = (PREFIX + afterId).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static MovementCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith(PREFIX)) {
                long id = Long.parseLong(raw.substring(PREFIX.length()));
                if (id >= 0) {
                    return new MovementCursor(id);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the same answer as any other cursor we did not issue
        }
        throw ProblemException.invalid(
                "cursor", "is not a cursor this API issued; use nextCursor from a previous page");
    }
}
