package dev.mercato.e2e.fuzz;

import java.util.List;
import java.util.Optional;

/**
 * What a hostile request may get back: a 2xx, or a 4xx problem document, with a status the operation's document lists,
 * in time, and with nothing of the server's internals in it.
 */
public final class Verdict {

    private static final List<String> INTERNALS =
            List.of("<html", "<!doctype", "Exception", "\tat ", "at dev.mercato", "org.springframework", "Whitelabel");

    private Verdict() {}

    /** Why the answer is wrong, or empty when it is acceptable. */
    public static Optional<String> of(FuzzRequest request, RawHttp.Response response) {
        if (response.timedOut()) {
            return Optional.of("no answer in time (hang)");
        }
        int status = response.status();
        if (status >= 500) {
            return Optional.of(status + " server error");
        }
        if (status >= 400 && !response.contentType().startsWith("application/problem+json")) {
            return Optional.of(status + " with Content-Type '" + response.contentType() + "', not a problem document");
        }
        String text = response.text();
        for (String internal : INTERNALS) {
            if (text.contains(internal)) {
                return Optional.of(status + " body shows internals ('" + internal + "')");
            }
        }
        if (status < 200 || (status >= 300 && status < 400 && status != 304)) {
            return Optional.of(status + " is neither a success nor a client error");
        }
        if (!request.operation().lists(status)) {
            return Optional.of(status + " is not in the operation's document "
                    + request.operation().statuses());
        }
        return Optional.empty();
    }
}
