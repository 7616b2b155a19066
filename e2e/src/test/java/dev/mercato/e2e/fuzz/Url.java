package dev.mercato.e2e.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

final class Url {

    private Url() {}

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
