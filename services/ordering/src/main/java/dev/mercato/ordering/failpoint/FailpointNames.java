package dev.mercato.ordering.failpoint;

import dev.mercato.ordering.domain.SagaStep;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Every failpoint name the service checks. */
public final class FailpointNames {

    /** After the checkout transaction committed, before the saga's first step is started. */
    public static final String CHECKOUT_AFTER_COMMIT = "checkout.after-commit";

    private FailpointNames() {}

    /** Before the step's gRPC call, with the saga leased. */
    public static String beforeCall(SagaStep step) {
        return "saga.before-call." + step.name();
    }

    /** After the step's gRPC call returned, before its result is recorded. */
    public static String afterCall(SagaStep step) {
        return "saga.after-call." + step.name();
    }

    /** Alias of {@link #afterCall}: the same spot, named for what has not happened yet. */
    public static String beforeRecord(SagaStep step) {
        return "saga.before-record." + step.name();
    }

    /** After the step's result was committed (state advanced, events in the outbox), before the next step. */
    public static String afterRecord(SagaStep step) {
        return "saga.after-record." + step.name();
    }

    public static List<String> all() {
        List<String> names = new ArrayList<>();
        names.add(CHECKOUT_AFTER_COMMIT);
        for (SagaStep step : SagaStep.values()) {
            if (step != SagaStep.COMPLETED) {
                names.add(beforeCall(step));
                names.add(afterCall(step));
                names.add(beforeRecord(step));
                names.add(afterRecord(step));
            }
        }
        return names;
    }

    static List<String> unknown(Collection<String> armed) {
        List<String> known = all();
        return armed.stream().filter(name -> !known.contains(name)).toList();
    }
}
