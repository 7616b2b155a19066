package dev.mercato.web.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules for {@code X-Request-Id}: a client-supplied id is echoed when it is safe to log and to forward, otherwise a
 * fresh one is made. Shared by the servlet filter and the gateway so both treat ids alike.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    public static String acceptOrCreate(String supplied) {
        if (supplied != null && SAFE.matcher(supplied).matches()) {
            return supplied;
        }
        return UUID.randomUUID().toString();
    }
}
