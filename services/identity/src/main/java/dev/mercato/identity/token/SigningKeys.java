package dev.mercato.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mercato.identity.IdentityProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The RSA keys access tokens are signed with. The newest key signs; every loaded key is published in the JWKS, so
 * tokens signed by the previous key stay valid until they expire. Rotation: add a new key file (names sort by age,
 * e.g. {@code 2026-11-21.pem}), roll the instances, and remove the old file once the access-token lifetime has passed.
 * Without a directory (local runs, tests) one key is generated at start.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final List<RSAKey> keys;

    @Autowired
    public SigningKeys(IdentityProperties properties) {
        String directory = properties.keysDirectory();
        this.keys = directory == null || directory.isBlank() ? List.of(generate()) : load(Path.of(directory));
        log.info("Signing with key {} ({} key(s) published)", signing().getKeyID(), keys.size());
    }

    private SigningKeys(List<RSAKey> keys) {
        this.keys = List.copyOf(keys);
    }

    static SigningKeys of(List<RSAKey> keys) {
        return new SigningKeys(keys);
    }

    /** The key new tokens are signed with: the newest. */
    public RSAKey signing() {
        return keys.getLast();
    }

    /** Every key that verifies, private parts removed. */
    public JWKSet publicJwks() {
        return new JWKSet(keys.stream()
                .map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK())
                .toList());
    }

    List<RSAKey> all() {
        return keys;
    }

    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static List<RSAKey> load(Path directory) {
        List<RSAKey> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pem"))
                    .sorted(Comparator.comparing(Path::getFileName))
                    .toList()) {
                loaded.add(fromPem(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read signing keys from " + directory, e);
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("No *.pem signing keys in " + directory);
        }
        return List.copyOf(loaded);
    }

    static RSAKey fromPem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            BigInteger modulus = privateKey.getModulus();
            var publicKey =
                    (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            throw new IllegalStateException("Not a PKCS#8 RSA private key in PEM form", e);
        }
    }
}
