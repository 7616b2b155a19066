package dev.mercato.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.ofEpochSecond(1700000000);
    private static final String VECTOR = "c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925";

    private final WebhookSignature signature = new WebhookSignature("whsec_test", Duration.ofMinutes(5));

    @Test
    void acceptsThePspSimTestVector() {
        assertThat(signature.verify("t=1700000000,v1=" + VECTOR, BODY, AT)).isEqualTo(WebhookSignature.Result.VALID);
        assertThat(signature.header(1700000000, BODY)).isEqualTo("t=1700000000,v1=" + VECTOR);
    }

    @Test
    void acceptsWhenAnyV1MatchesAndIgnoresOtherSchemes() {
        String header = "t=1700000000,v0=abc,v1=" + "00".repeat(32) + ",v1=" + VECTOR;

        assertThat(signature.verify(header, BODY, AT)).isEqualTo(WebhookSignature.Result.VALID);
    }

    @Test
    void rejectsAnotherBodyOrSecret() {
        byte[] other = "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(signature.verify("t=1700000000,v1=" + VECTOR, other, AT))
                .isEqualTo(WebhookSignature.Result.MISMATCH);
        assertThat(new WebhookSignature("whsec_other", Duration.ofMinutes(5))
                        .verify("t=1700000000,v1=" + VECTOR, BODY, AT))
                .isEqualTo(WebhookSignature.Result.MISMATCH);
    }

    @Test
    void rejectsATimestampOutsideTheTolerance() {
        assertThat(signature.verify("t=1700000000,v1=" + VECTOR, BODY, AT.plusSeconds(301)))
                .isEqualTo(WebhookSignature.Result.STALE);
        assertThat(signature.verify("t=1700000000,v1=" + VECTOR, BODY, AT.minusSeconds(301)))
                .isEqualTo(WebhookSignature.Result.STALE);
        assertThat(signature.verify("t=1700000000,v1=" + VECTOR, BODY, AT.plusSeconds(300)))
                .isEqualTo(WebhookSignature.Result.VALID);
    }

    @Test
    void rejectsMissingAndMalformedHeaders() {
        assertThat(signature.verify(null, BODY, AT)).isEqualTo(WebhookSignature.Result.MISSING);
        assertThat(signature.verify("", BODY, AT)).isEqualTo(WebhookSignature.Result.MISSING);
        assertThat(signature.verify("v1=" + VECTOR, BODY, AT)).isEqualTo(WebhookSignature.Result.MALFORMED);
        assertThat(signature.verify("t=1700000000", BODY, AT)).isEqualTo(WebhookSignature.Result.MALFORMED);
        assertThat(signature.verify("t=abc,v1=" + VECTOR, BODY, AT)).isEqualTo(WebhookSignature.Result.MALFORMED);
        assertThat(signature.verify("t=1700000000,v1=zz", BODY, AT)).isEqualTo(WebhookSignature.Result.MALFORMED);
    }
}
