package dev.mercato.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    @Test
    void loadsAPkcs8PemKeyWithAThumbprintKid() throws Exception {
        var generated = SigningKeys.generate();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generated.toPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        var loaded = SigningKeys.fromPem(pem);

        assertThat(loaded.getKeyID()).isEqualTo(generated.getKeyID());
        assertThat(loaded.isPrivate()).isTrue();
    }

    @Test
    void signsWithTheNewestAndPublishesAllWithoutPrivateParts() {
        var previous = SigningKeys.generate();
        var current = SigningKeys.generate();
        var keys = SigningKeys.of(List.of(previous, current));

        assertThat(keys.signing().getKeyID()).isEqualTo(current.getKeyID());
        assertThat(keys.publicJwks().getKeys())
                .extracting(k -> k.getKeyID())
                .containsExactly(previous.getKeyID(), current.getKeyID());
        assertThat(keys.publicJwks().getKeys()).noneMatch(k -> k.isPrivate());
    }

    @Test
    void refusesWhatIsNotAKey() {
        assertThatThrownBy(
                        () -> SigningKeys.fromPem("-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalStateException.class);
    }
}
