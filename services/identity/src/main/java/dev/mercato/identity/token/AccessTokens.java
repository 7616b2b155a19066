package dev.mercato.identity.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.mercato.identity.IdentityProperties;
import dev.mercato.identity.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Issues short-lived RS256 access tokens that every service verifies against the JWKS, without calling identity. */
@Component
public class AccessTokens {

    /** Tells user tokens from service tokens; each kind is accepted only where it belongs. */
    public static final String TOKEN_USE = "token_use";

    public static final String SERVICE_SUBJECT_PREFIX = "service:";

    private final SigningKeys keys;
    private final JwtEncoder encoder;
    private final IdentityProperties properties;
    private final Clock clock;

    AccessTokens(SigningKeys keys, IdentityProperties properties, Clock clock) {
        this.keys = keys;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(List.copyOf(keys.all()))));
        this.properties = properties;
        this.clock = clock;
    }

    public Issued issue(User user) {
        Instant now = clock.instant();
        Duration ttl = properties.accessTokenTtl();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(user.id().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim("roles", user.roles())
                .claim("email", user.email())
                .claim(TOKEN_USE, "user")
                .build();
        return new Issued(sign(claims), ttl.toSeconds());
    }

    /**
     * A token one service presents to another: {@code sub} {@code service:<client>}, {@code aud} the one target
     * service, {@code token_use} {@code service} so it can never pass as a user's token, and a short lifetime.
     */
    public Issued issueForService(String clientId, String audience) {
        Instant now = clock.instant();
        Duration ttl = properties.serviceTokenTtl();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(audience))
                .subject(SERVICE_SUBJECT_PREFIX + clientId)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim(TOKEN_USE, "service")
                .build();
        return new Issued(sign(claims), ttl.toSeconds());
    }

    private String sign(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.signing().getKeyID())
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public record Issued(String token, long expiresInSeconds) {}
}
