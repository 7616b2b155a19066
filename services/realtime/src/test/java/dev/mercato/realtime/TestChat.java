package dev.mercato.realtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the chat service's {@code GET /v1/chat/conversations} (the caller's conversations with their members,
 * in pages with a cursor), for the one question realtime asks chat: who shares a conversation with the caller. The
 * caller is the token's subject (the token was verified by realtime before it is passed on). Answers 503 while
 * {@link #down(boolean)}.
 */
public final class TestChat {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<UUID, Set<UUID>> conversations = new ConcurrentHashMap<>();
    private final List<String> pagesAsked = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private TestChat() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/conversations", this::list);
        server.start();
    }

    public static TestChat start() {
        return new TestChat();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A conversation of these members; returns its id. */
    public UUID conversation(UUID... members) {
        UUID id = UUID.randomUUID();
        conversations.put(id, Set.of(members));
        return id;
    }

    public void down(boolean down) {
        this.down = down;
    }

    public List<String> pagesAsked() {
        return pagesAsked;
    }

    private void list(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        pagesAsked.add(query == null ? "" : query);
        if (down) {
            respond(exchange, 503, "{}");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            respond(exchange, 401, "{}");
            return;
        }
        String payload = authorization.substring(7).split("\\.")[1];
        UUID caller = UUID.fromString(
                JSON.readTree(Base64.getUrlDecoder().decode(payload)).get("sub").asString());
        int limit = Integer.parseInt(param(query, "limit", "20"));
        int from = Integer.parseInt(param(query, "cursor", "0"));
        List<Map.Entry<UUID, Set<UUID>>> mine = new ArrayList<>();
        conversations.entrySet().stream()
                .filter(entry -> entry.getValue().contains(caller))
                .sorted(Map.Entry.comparingByKey())
                .forEach(mine::add);
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        for (int i = from; i < Math.min(mine.size(), from + limit); i++) {
            ObjectNode item = items.addObject().put("id", mine.get(i).getKey().toString());
            ArrayNode members = item.putArray("members");
            mine.get(i).getValue().forEach(member -> members.add(member.toString()));
        }
        if (from + limit < mine.size()) {
            page.put("nextCursor", Integer.toString(from + limit));
        } else {
            page.putNull("nextCursor");
        }
        respond(exchange, 200, JSON.writeValueAsString(page));
    }

    private static String param(String query, String name, String otherwise) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return otherwise;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
