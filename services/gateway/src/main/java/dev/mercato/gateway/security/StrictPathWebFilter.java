package dev.mercato.gateway.security;

import dev.mercato.gateway.problem.ProblemWriter;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.text.PercentDecoding;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, at the edge, a path no service can route: a broken percent escape, bytes that are not UTF-8, a control
 * character, or an encoded slash, backslash or dot (a traversal attempt). Passed on, such a path is refused by the
 * service's container before any of its handlers run, with a bare status and no problem document.
 */
@Component
public class StrictPathWebFilter implements WebFilter, Ordered {

    private final ProblemWriter problems;

    public StrictPathWebFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw != null && !acceptable(raw)) {
            return problems.write(
                    exchange,
                    ProblemType.VALIDATION,
                    "path: must be percent-encoded UTF-8 without control characters or encoded '/', '\\' or '.'");
        }
        return chain.filter(exchange);
    }

    static boolean acceptable(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return !hasControlCharacter(rawPath); // the usual path: nothing to decode, nothing allocated
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e")) {
            return false;
        }
        String decoded = PercentDecoding.decode(rawPath, false);
        if (decoded == null) {
            return false;
        }
        return !hasControlCharacter(decoded);
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
