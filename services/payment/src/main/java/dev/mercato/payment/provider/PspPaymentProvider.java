package dev.mercato.payment.provider;

import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.PaymentProvider;
import dev.mercato.payment.domain.ProviderPayment;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * psp-sim behind a retry (outermost: bounded, exponential backoff with jitter, same idempotency key every attempt),
 * a circuit breaker (fails fast while the provider is down) and a bulkhead (a slow provider holds at most N callers).
 * Every attempt has its own deadline ({@link PspClient}). A decline is a 201 and never retried.
 */
class PspPaymentProvider implements PaymentProvider {

    private final PspClient client;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;

    PspPaymentProvider(PspClient client, Retry retry, CircuitBreaker circuitBreaker, Bulkhead bulkhead) {
        this.client = client;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
    }

    @Override
    public ProviderPayment authorize(String idempotencyKey, String token, Money amount, String merchantReference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("amount", amount.minor());
        body.put("currency", amount.currency());
        body.put("merchantReference", merchantReference);
        return PspJson.payment(call(() -> client.post("/v1/payments", idempotencyKey, body)));
    }

    @Override
    public ProviderPayment capture(String idempotencyKey, String paymentId) {
        return PspJson.payment(call(() -> client.post("/v1/payments/" + paymentId + "/capture", idempotencyKey, null)));
    }

    @Override
    public ProviderPayment voidPayment(String idempotencyKey, String paymentId) {
        return PspJson.payment(call(() -> client.post("/v1/payments/" + paymentId + "/void", idempotencyKey, null)));
    }

    @Override
    public ProviderPayment refund(String idempotencyKey, String paymentId, Long amount) {
        Map<String, Object> body = amount == null ? Map.of() : Map.of("amount", amount);
        return PspJson.payment(call(() -> client.post("/v1/payments/" + paymentId + "/refunds", idempotencyKey, body)));
    }

    @Override
    public List<ProviderPayment> findByMerchantReference(String merchantReference) {
        JsonNode page = call(() -> client.get("/v1/payments", "merchantReference", merchantReference));
        List<ProviderPayment> payments = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            payments.add(PspJson.payment(item));
        }
        return payments;
    }

    private JsonNode call(Supplier<JsonNode> call) {
        Supplier<JsonNode> guarded = Retry.decorateSupplier(
                retry, CircuitBreaker.decorateSupplier(circuitBreaker, Bulkhead.decorateSupplier(bulkhead, call)));
        try {
            return guarded.get();
        } catch (TransientProviderFailure e) {
            throw new ProviderUnavailable("payment provider unavailable after retries: " + e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            throw new ProviderUnavailable("payment provider circuit is open", e);
        } catch (BulkheadFullException e) {
            throw new ProviderUnavailable("too many calls to the payment provider in flight", e);
        }
    }
}
