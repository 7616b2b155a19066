package dev.mercato.pspsim.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestTokenTest {

    @Test
    void parsesOnlyTheKnownTokensExactly() {
        assertThat(TestToken.parse("tok_ok")).contains(TestToken.OK);
        assertThat(TestToken.parse("tok_flaky")).contains(TestToken.FLAKY);
        assertThat(TestToken.parse("TOK_OK")).isEmpty();
        assertThat(TestToken.parse("tok_visa")).isEmpty();
    }

    @Test
    void onlyTheDeclineTokenDeclines() {
        assertThat(TestToken.DECLINE.approves()).isFalse();
        assertThat(TestToken.SLOW.approves()).isTrue();
        assertThat(TestToken.FLAKY.approves()).isTrue();
    }
}
