package dev.mercato.e2e.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One request the suite sends: which operation and credential, what was made hostile, and the exact bytes. */
public record FuzzRequest(
        ApiOperation operation,
        String credential,
        String mutation,
        byte[] target,
        Map<String, byte[]> headers,
        byte[] body) {

    /** For the report: the target and mutation, cut short and with raw bytes made visible. */
    public String describe() {
        String path = new String(target, StandardCharsets.ISO_8859_1);
        return operation.name() + " [" + credential + "] " + mutation + " -> " + operation.method() + " "
                + (path.length() > 160 ? path.substring(0, 160) + "…" : path);
    }
}
