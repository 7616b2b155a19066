package dev.mercato.ordering.failpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.ordering.domain.SagaStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailpointsTest {

    private final List<Integer> halts = new ArrayList<>();

    @Test
    void crashesOnlyAtTheArmedName() {
        Failpoints failpoints = Failpoints.parse(
                "saga.after-call.AUTHORIZE_PAYMENT=crash, saga.before-call.CAPTURE_PAYMENT=error", halts::add);

        failpoints.hit(FailpointNames.beforeCall(SagaStep.AUTHORIZE_PAYMENT));
        assertThat(halts).isEmpty();
        failpoints.hit(FailpointNames.afterCall(SagaStep.AUTHORIZE_PAYMENT));
        assertThat(halts).containsExactly(137);
        assertThatThrownBy(() -> failpoints.hit("saga.before-call.CAPTURE_PAYMENT"))
                .isInstanceOf(FailpointError.class);
    }

    @Test
    void parsesDelays() {
        Failpoints failpoints = Failpoints.parse("checkout.after-commit=delay:5", halts::add);

        assertThat(failpoints.armed().get("checkout.after-commit"))
                .isEqualTo(new Failpoints.Action(Failpoints.Action.Kind.DELAY, 5));
        failpoints.hit("checkout.after-commit");
        assertThat(halts).isEmpty();
    }

    @Test
    void firesOnlyTheFirstNTimesWithACount() {
        Failpoints failpoints = Failpoints.parse("saga.after-call.CAPTURE_PAYMENT=error@2", halts::add);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> failpoints.hit("saga.after-call.CAPTURE_PAYMENT"))
                    .isInstanceOf(FailpointError.class);
        }
        failpoints.hit("saga.after-call.CAPTURE_PAYMENT");
        assertThat(failpoints.armed().get("saga.after-call.CAPTURE_PAYMENT")).hasToString("error@2");
    }

    @Test
    void isEmptyWhenNothingIsConfigured() {
        assertThat(Failpoints.parse("").isEmpty()).isTrue();
        assertThat(Failpoints.parse(null).isEmpty()).isTrue();
        Failpoints.parse(" , ").hit("saga.after-call.RESERVE_STOCK");
    }

    @Test
    void rejectsMalformedSpecifications() {
        assertThatThrownBy(() -> Failpoints.parse("saga.after-call.RESERVE_STOCK"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Failpoints.parse("x=explode")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Failpoints.parse("x=delay:-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Failpoints.parse("x=crash@0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesEveryStepIncludingCompensations() {
        assertThat(FailpointNames.all())
                .contains(
                        "checkout.after-commit",
                        "saga.before-call.RESERVE_STOCK",
                        "saga.after-call.COMMIT_STOCK",
                        "saga.before-record.CAPTURE_PAYMENT",
                        "saga.after-record.AUTHORIZE_PAYMENT",
                        "saga.after-call.REFUND_PAYMENT",
                        "saga.before-call.VOID_PAYMENT",
                        "saga.after-call.RELEASE_STOCK")
                .noneMatch(name -> name.contains("COMPLETED"));
        assertThat(FailpointNames.unknown(List.of("saga.after-call.TYPO", "checkout.after-commit")))
                .containsExactly("saga.after-call.TYPO");
    }
}
