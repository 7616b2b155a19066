package dev.mercato.testsupport.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for identity: publishes a test key as its JWKS ({@link #jwksUri()}), signs user and service tokens with
 * it, and answers {@code POST /internal/v1/service-tokens} like identity does (body
 * {@code {clientId, clientSecret, audience}}, answer {@code {accessToken, tokenType, expiresIn}}).
 *
 * <p>Service clients: until one is registered with {@link #registerServiceClient}, any client id with a non-blank
 * secret gets a token for any audience. Once clients are registered, only they are accepted (401 for an unknown
 * client or a wrong secret, 403 for an audience they may not call), as identity does.
 */
public final class TestIdentity {

    public static final String ISSUER = "mercato-identity";

    private final RSAKey key = TokenForge.newKey();
    private final TokenForge forge = new TokenForge(ISSUER, "mercato");
    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ServiceClient> serviceClients = new ConcurrentHashMap<>();
    private final AtomicInteger serviceTokensIssued = new AtomicInteger();
    private volatile Duration serviceTokenTtl = Duration.ofMinutes(5);

    private record ServiceClient(String secret, Set<String> audiences) {}

    private TestIdentity() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> respond(exchange, 200, jwks));
        server.createContext("/internal/v1/service-tokens", this::issueServiceToken);
        server.start();
    }

    public static TestIdentity start() {
        return new TestIdentity();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where the public key is published, for {@code IDENTITY_JWKS_URI}. */
    public String jwksUri() {
        return url() + "/.well-known/jwks.json";
    }

    /** The service-token endpoint, for {@code mercato.grpc.client.token-uri}. */
    public String serviceTokenUri() {
        return url() + "/internal/v1/service-tokens";
    }

    /** Makes the service-token endpoint strict: only registered clients, only for their audiences. */
    public TestIdentity registerServiceClient(String clientId, String secret, String... audiences) {
        serviceClients.put(clientId, new ServiceClient(secret, Set.of(audiences)));
        return this;
    }

    /** Lifetime of the service tokens the endpoint issues from now on (identity's is 5 minutes). */
    public TestIdentity serviceTokenTtl(Duration ttl) {
        this.serviceTokenTtl = ttl;
        return this;
    }

    /** How many service tokens the endpoint has issued. */
    public int serviceTokensIssued() {
        return serviceTokensIssued.get();
    }

    public void stop() {
        server.stop(0);
    }

    /** {@code Authorization} header name and value, for a user with these roles. */
    public String[] bearer(String... roles) {
        return new String[] {"Authorization", "Bearer " + token(roles)};
    }

    public String token(String... roles) {
        return sign(forge.claims(UUID.randomUUID(), List.of(roles)).build());
    }

    /** Signed by a key identity never published. */
    public String rogueToken(String... roles) {
        return signWithRogueKey(forge.claims(UUID.randomUUID(), List.of(roles)).build());
    }

    /** A service token like identity issues: {@code sub} service:CLIENT, {@code aud} AUDIENCE, token_use service. */
    public String serviceToken(String client, String audience) {
        return sign(serviceClaims(client, audience, serviceTokenTtl).build());
    }

    /** The claims of a service token, to be altered and {@link #sign signed} by a test. */
    public JWTClaimsSet.Builder serviceClaims(String client, String audience, Duration ttl) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject("service:" + client)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "service");
    }

    /** These claims, signed with the published key. */
    public String sign(JWTClaimsSet claims) {
        try {
            return forge.signed(key, key.getKeyID(), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** These claims, signed with a key identity never published. */
    public String signWithRogueKey(JWTClaimsSet claims) {
        RSAKey rogue = TokenForge.newKey();
        try {
            return forge.signed(rogue, rogue.getKeyID(), claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void issueServiceToken(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, new byte[0]);
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(exchange.getRequestBody().readAllBytes());
        } catch (RuntimeException e) {
            respond(exchange, 400, problem(400, "Malformed request"));
            return;
        }
        String clientId = text(request, "clientId");
        String secret = text(request, "clientSecret");
        String audience = text(request, "audience");
        if (clientId.isBlank() || secret.isBlank() || audience.isBlank()) {
            respond(exchange, 400, problem(400, "clientId, clientSecret and audience are required"));
            return;
        }
        if (!serviceClients.isEmpty()) {
            ServiceClient client = serviceClients.get(clientId);
            if (client == null || !client.secret().equals(secret)) {
                respond(exchange, 401, problem(401, "Unknown client or wrong secret"));
                return;
            }
            if (!client.audiences().contains(audience)) {
                respond(exchange, 403, problem(403, "Client " + clientId + " may not call " + audience));
                return;
            }
        }
        Duration ttl = serviceTokenTtl;
        String token = sign(serviceClaims(clientId, audience, ttl).build());
        serviceTokensIssued.incrementAndGet();
        byte[] body = json.writeValueAsBytes(
                Map.of("accessToken", token, "tokenType", "Bearer", "expiresIn", Math.max(1, ttl.toSeconds())));
        respond(exchange, 200, body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private byte[] problem(int status, String detail) {
        return json.writeValueAsBytes(Map.of("status", status, "detail", detail));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }
}
