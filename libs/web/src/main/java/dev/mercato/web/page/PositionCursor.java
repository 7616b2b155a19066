package dev.mercato.web.page;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The opaque cursor of a listing ordered by a monotonic position (docs/adr/003): base64url of {@code <prefix><position>},
 * the prefix naming the listing and its format version (e.g. {@code n1:}). Anything a client sends that this listing
 * did not issue is a 400 naming {@code cursor}. Also the page size every listing accepts.
 */
public final class PositionCursor {

    private PositionCursor() {}

    public static String encode(String prefix, long position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((prefix + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position in {@code cursor}, or {@code start} without one; positions below {@code min} are refused. */
    public static long decode(String prefix, @Nullable String cursor, long start, long min) {
        if (cursor == null || cursor.isEmpty()) {
            return start;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith(prefix)) {
                long position = Long.parseLong(raw.substring(prefix.length()));
                if (position >= min) {
                    return position;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the same answer as any other cursor we did not issue
        }
        throw ProblemException.invalid(
                "cursor", "is not a cursor this API issued; use nextCursor from a previous page");
    }

    /** {@code limit} from the query: 20 when absent, 1 to 100, anything else a 400 naming {@code limit}. */
    public static int limit(@Nullable String limit) {
        if (limit == null) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be a number from 1 to 100");
    }
}
