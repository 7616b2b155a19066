package dev.mercato.gateway.ratelimit;

import dev.mercato.gateway.edge.Caller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whom a request is counted against: the verified user, else a known API key, else the client's address. The user id
 * comes from the token the edge verified, never from a client header.
 */
class CallerKeys {

    static final String API_KEY_HEADER = "X-Api-Key";

    private final Map<String, String> apiKeyNames;
    private final XForwardedRemoteAddressResolver addresses;

    CallerKeys(RateLimitProperties properties) {
        this.apiKeyNames = properties.apiKeys().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getValue().toLowerCase(), Map.Entry::getKey));
        this.addresses = properties.trustedProxies() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxies())
                : null;
    }

    String of(ServerWebExchange exchange) {
        Caller user = Caller.of(exchange);
        if (user != null) {
            return "user:" + user.userId();
        }
        String apiKey = exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
        if (apiKey != null) {
            String name = apiKeyNames.get(sha256(apiKey));
            if (name != null) {
                return "key:" + name;
            }
        }
        InetSocketAddress remote = addresses != null
                ? addresses.resolve(exchange)
                : exchange.getRequest().getRemoteAddress();
        return "ip:"
                + (remote == null || remote.getAddress() == null
                        ? "unknown"
                        : remote.getAddress().getHostAddress());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
