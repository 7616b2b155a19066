package dev.mercato.payment.webhook;

import dev.mercato.payment.provider.PspJson;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's webhook endpoint (called by the provider, not through the gateway; authenticated by the signature
 * alone). The signature is checked over the raw bytes before anything is parsed. Rejections are security events:
 * logged on {@code dev.mercato.security} and counted in {@code mercato.payment.webhooks.rejected{reason}}.
 */
@RestController
class WebhookController {

    private static final Logger security = LoggerFactory.getLogger("dev.mercato.security");

    private final WebhookSignature signature;
    private final Webhooks webhooks;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;

    WebhookController(WebhookProperties properties, Webhooks webhooks, JsonMapper json, MeterRegistry meters) {
        this.signature = new WebhookSignature(properties.secret(), properties.tolerance());
        this.webhooks = webhooks;
        this.json = json;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    @PostMapping("/webhooks/psp")
    Map<String, String> receive(
            @RequestHeader(name = "Psp-Signature", required = false) String header,
            @RequestHeader(name = "Psp-Event-Id", required = false) String eventIdHeader,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        WebhookSignature.Result result = signature.verify(header, raw, clock.instant());
        if (result != WebhookSignature.Result.VALID) {
            reject(result, eventIdHeader);
        }
        WebhookEvent event = parse(raw);
        Webhooks.Outcome outcome = webhooks.receive(event);
        meters.counter(
                        "mercato.payment.webhooks.received",
                        "outcome",
                        outcome.name().toLowerCase())
                .increment();
        return Map.of("eventId", event.id(), "outcome", outcome.name());
    }

    private void reject(WebhookSignature.Result result, String eventId) {
        String reason = result.name().toLowerCase();
        meters.counter("mercato.payment.webhooks.rejected", "reason", reason).increment();
        security.warn("security event: webhook rejected, signature {} (claimed event id {})", reason, eventId);
        if (result == WebhookSignature.Result.MISSING || result == WebhookSignature.Result.MALFORMED) {
            throw ProblemException.invalid("Psp-Signature", "missing or malformed signature header");
        }
        throw new ProblemException(Problems.of(
                ProblemType.UNAUTHORIZED,
                result == WebhookSignature.Result.STALE
                        ? "signature timestamp outside the tolerance"
                        : "signature does not match"));
    }

    private WebhookEvent parse(byte[] raw) {
        try {
            JsonNode root = json.readTree(raw);
            return new WebhookEvent(
                    root.get("id").asString(),
                    root.get("type").asString(),
                    PspJson.payment(root.get("data").get("payment")),
                    new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ProblemException(Problems.of(ProblemType.MALFORMED_BODY, "not a provider webhook event"));
        }
    }
}
