package dev.mercato.pspsim.webhook;

import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Lists the webhooks sent and redelivers one on demand (late duplicates for the webhook-replay scenario). */
@RestController
@RequestMapping("/admin/webhooks")
class WebhookAdminController {

    record EventList(List<WebhookEventView> items) {}

    private final WebhookRepository repository;
    private final WebhookEvents events;

    WebhookAdminController(WebhookRepository repository, WebhookEvents events) {
        this.repository = repository;
        this.events = events;
    }

    @GetMapping
    EventList list(
            @RequestParam(required = false) @Size(max = 64) String paymentId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new EventList(views(repository.events(paymentId, limit)));
    }

    @GetMapping("/{eventId}")
    WebhookEventView get(@PathVariable String eventId) {
        return views(List.of(find(eventId))).getFirst();
    }

    @PostMapping("/{eventId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    WebhookEventView redeliver(@PathVariable String eventId) {
        var event = find(eventId);
        if (!events.scheduleDeliveries(eventId)) {
            throw new ProblemException(Problems.of(
                    ProblemType.CONFLICT,
                    "No webhook endpoint is configured (psp-sim.webhooks.url); nothing to redeliver to"));
        }
        return views(List.of(event)).getFirst();
    }

    private WebhookRepository.EventRow find(String eventId) {
        return repository.findEvent(eventId).orElseThrow(() -> ProblemException.notFound("Webhook event", eventId));
    }

    private List<WebhookEventView> views(List<WebhookRepository.EventRow> rows) {
        var deliveries = repository.deliveries(
                rows.stream().map(WebhookRepository.EventRow::id).toList());
        var attempts = repository.attempts(
                deliveries.stream().map(WebhookRepository.DeliveryRow::id).toList());
        return WebhookEventView.of(rows, deliveries, attempts);
    }
}
