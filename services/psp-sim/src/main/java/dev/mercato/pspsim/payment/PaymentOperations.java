package dev.mercato.pspsim.payment;

import dev.mercato.pspsim.Ids;
import dev.mercato.pspsim.idempotency.Idempotency;
import dev.mercato.pspsim.idempotency.IdempotencyKeys;
import dev.mercato.pspsim.idempotency.StoredResponse;
import dev.mercato.pspsim.payment.domain.Change;
import dev.mercato.pspsim.payment.domain.IllegalTransition;
import dev.mercato.pspsim.payment.domain.Payment;
import dev.mercato.pspsim.payment.domain.TestToken;
import dev.mercato.pspsim.webhook.WebhookEvents;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Currency;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's mutating operations. Each runs once per idempotency key, writes the payment and its webhook event
 * in one transaction, and answers the same stored JSON on every replay.
 */
@Service
class PaymentOperations {

    private static final String KNOWN_TOKENS =
            Arrays.stream(TestToken.values()).map(TestToken::value).collect(Collectors.joining(", "));

    private final PaymentRepository payments;
    private final FlakyAttemptRepository flakyAttempts;
    private final Idempotency idempotency;
    private final WebhookEvents webhooks;
    private final TokenProperties tokens;
    private final JsonMapper json;
    private final Clock clock;

    PaymentOperations(
            PaymentRepository payments,
            FlakyAttemptRepository flakyAttempts,
            Idempotency idempotency,
            WebhookEvents webhooks,
            TokenProperties tokens,
            JsonMapper json,
            Clock clock) {
        this.payments = payments;
        this.flakyAttempts = flakyAttempts;
        this.idempotency = idempotency;
        this.webhooks = webhooks;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
    }

    ResponseEntity<String> authorize(String key, AuthorizeRequest request) {
        TestToken token = TestToken.parse(request.token())
                .orElseThrow(
                        () -> ProblemException.invalid("token", "is not a test token; use one of " + KNOWN_TOKENS));
        requireCurrency(request.currency());
        String fingerprint = IdempotencyKeys.fingerprint("POST", "/v1/payments", json.writeValueAsString(request));
        // Before any transaction: a slow provider must not hold a database connection while it dawdles.
        if (token == TestToken.SLOW) {
            sleep(tokens.slowDelay().toMillis());
        }
        if (token == TestToken.FLAKY && flakyAttempts.failNext(key, tokens.flakyFailures())) {
            throw new ProblemException(Problems.of(
                            ProblemType.UNAVAILABLE,
                            "tok_flaky: transient provider failure; retry with the same Idempotency-Key"))
                    .withHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        return idempotency.execute(key, fingerprint, () -> {
            Change change = Payment.authorize(
                    Ids.next("pay"), request.merchantReference(), token, request.amount(), request.currency(), now());
            payments.insert(change.payment());
            return publish(change, 201);
        });
    }

    ResponseEntity<String> capture(String key, String id) {
        return transition(key, "capture", id, payment -> payment.capture(now()));
    }

    ResponseEntity<String> voidAuthorization(String key, String id) {
        return transition(key, "void", id, payment -> payment.voidAuthorization(now()));
    }

    ResponseEntity<String> refund(String key, String id, RefundRequest request) {
        Long amount = request == null ? null : request.amount();
        String fingerprint = IdempotencyKeys.fingerprint(
                "POST", "/v1/payments/" + id + "/refunds", json.writeValueAsString(new RefundRequest(amount)));
        return idempotency.execute(
                key,
                fingerprint,
                () -> apply(id, payment -> {
                    Change change = payment.refund(Ids.next("re"), amount, now());
                    payments.insertRefund(id, change.payment().refunds().getLast());
                    return change;
                }));
    }

    private ResponseEntity<String> transition(String key, String action, String id, Function<Payment, Change> change) {
        String fingerprint = IdempotencyKeys.fingerprint("POST", "/v1/payments/" + id + "/" + action, "");
        return idempotency.execute(key, fingerprint, () -> apply(id, change));
    }

    private StoredResponse apply(String id, Function<Payment, Change> transition) {
        Payment payment = payments.lock(id).orElseThrow(() -> ProblemException.notFound("Payment", id));
        Change change;
        try {
            change = transition.apply(payment);
        } catch (IllegalTransition e) {
            throw new ProblemException(Problems.of(ProblemType.CONFLICT, e.getMessage()));
        }
        payments.update(change.payment());
        return publish(change, 200);
    }

    private StoredResponse publish(Change change, int status) {
        PaymentView view = PaymentView.of(change.payment());
        webhooks.record(change.event().wire(), view.id(), view.version(), view.updatedAt(), view);
        return new StoredResponse(status, json.writeValueAsString(view));
    }

    // PostgreSQL keeps microseconds: the stored response and a later read must show the same instants.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireCurrency(String code) {
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("currency", "is not an ISO 4217 currency code");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating a slow provider", e);
        }
    }
}
