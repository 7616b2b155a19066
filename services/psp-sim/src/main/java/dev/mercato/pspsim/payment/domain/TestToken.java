package dev.mercato.pspsim.payment.domain;

import java.util.Arrays;
import java.util.Optional;

/** The card tokens the simulator understands, each standing for one provider behaviour. */
public enum TestToken {
    OK("tok_ok"),
    DECLINE("tok_decline"),
    FLAKY("tok_flaky"),
    SLOW("tok_slow");

    private final String value;

    TestToken(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean approves() {
        return this != DECLINE;
    }

    public static Optional<TestToken> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
