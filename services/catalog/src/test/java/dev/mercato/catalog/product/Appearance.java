package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import java.time.Duration;
import java.time.Instant;

/** Watches the public read of one scheduled product to tell when it appeared, and that it did not before its time. */
final class Appearance {

    private Appearance() {}

    /**
     * Polls {@code GET /v1/products/{id}} until it answers 200 and returns when it did; every read that started before
     * {@code notBefore} must have answered 404. Fails if the product has not appeared 5 s after {@code notBefore}.
     */
    static Instant await(HttpJson http, Object id, Instant notBefore) {
        Instant deadline = notBefore.plusSeconds(5);
        while (Instant.now().isBefore(deadline)) {
            Instant asked = Instant.now();
            int status = http.get("/v1/products/" + id).status();
            if (status == 200) {
                assertThat(asked).as("visible only once its time has come").isAfterOrEqualTo(notBefore);
                Instant appeared = Instant.now();
                System.out.println("EVIDENCE product " + id + " appeared "
                        + Duration.between(notBefore, appeared).toMillis() + " ms after its publishAt");
                return appeared;
            }
            assertThat(status).as("hidden before it appears").isEqualTo(404);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("product " + id + " did not appear by " + deadline);
    }
}
