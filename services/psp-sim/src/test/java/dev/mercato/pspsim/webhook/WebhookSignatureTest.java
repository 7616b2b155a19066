package dev.mercato.pspsim.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"id\":\"evt_1\"}";
    private static final long T = 1_700_000_000L;

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // Computed independently: python3 hmac.new(b'whsec_test', b'1700000000.{"id":"evt_1"}', sha256)
        assertThat(WebhookSignature.header(SECRET, T, BODY))
                .isEqualTo("t=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925");
    }

    @Test
    void verifiesItsOwnSignatureWithinTheTolerance() {
        String header = WebhookSignature.header(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, T + 299, 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, T + 301, 300)).isFalse();
    }

    @Test
    void rejectsTamperingAndForgery() {
        String header = WebhookSignature.header(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("1", "2"), T, 300))
                .isFalse();
        assertThat(WebhookSignature.verify("other", header, BODY, T, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=1700000000", "t=1700000001"), BODY, T, 300))
                .isFalse();
    }

    @Test
    void rejectsMalformedHeaders() {
        assertThat(WebhookSignature.verify(SECRET, null, BODY, T, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "", BODY, T, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=abc,v1=00", BODY, T, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=zz", BODY, T, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=1700000000,v1=" + "zz".repeat(32), BODY, T, 300))
                .isFalse();
    }
}
