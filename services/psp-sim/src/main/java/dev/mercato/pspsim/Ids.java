package dev.mercato.pspsim;

import java.util.UUID;

/** Provider-style opaque ids: a type prefix and 32 hex characters, e.g. {@code pay_3f2a…}. */
public final class Ids {

    private Ids() {}

    public static String next(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }
}
