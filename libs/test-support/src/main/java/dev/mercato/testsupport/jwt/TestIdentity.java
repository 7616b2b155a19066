package dev.mercato.testsupport.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A stand-in for identity: publishes a test key as its JWKS and signs access tokens with it. */
public final class TestIdentity {

    private final RSAKey key = TokenForge.newKey();
    private final TokenForge forge = new TokenForge("mercato-identity", "mercato");
    private final HttpServer server;

    private TestIdentity() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    public static TestIdentity start() {
        return new TestIdentity();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code Authorization} header name and value, for a user with these roles. */
    public String[] bearer(String... roles) {
        return new String[] {"Authorization", "Bearer " + token(roles)};
    }

    public String token(String... roles) {
        try {
            return forge.signed(
                    key,
                    key.getKeyID(),
                    forge.claims(UUID.randomUUID(), List.of(roles)).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a key identity never published. */
    public String rogueToken(String... roles) {
        RSAKey rogue = TokenForge.newKey();
        try {
            return forge.signed(
                    rogue,
                    rogue.getKeyID(),
                    forge.claims(UUID.randomUUID(), List.of(roles)).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
