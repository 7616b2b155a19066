package dev.mercato.notifications.delivery;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of the notification listing (newest first, docs/adr/003): the position of the last row of the
 * previous page. The next page holds strictly older rows, so mails sent while an admin pages shift nothing.
 */
record NotificationCursor(long beforePosition) {

    private static final String PREFIX = "n1:";

    static final NotificationCursor START = new NotificationCursor(Long.MAX_VALUE);

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + beforePosition).getBytes(StandardCharsets.US_ASCII));
    }

    static NotificationCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith(PREFIX)) {
                long position = Long.parseLong(raw.substring(PREFIX.length()));
                if (position > 0) {
                    return new NotificationCursor(position);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the same answer as any other cursor we did not issue
        }
        throw ProblemException.invalid(
                "cursor", "is not a cursor this API issued; use nextCursor from a previous page");
    }
}
