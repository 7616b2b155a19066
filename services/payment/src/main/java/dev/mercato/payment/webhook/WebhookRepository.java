package dev.mercato.payment.webhook;

import dev.mercato.payment.domain.ProviderPayment;
import dev.mercato.payment.payment.EarlyDeliveries;
import dev.mercato.payment.provider.PspJson;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Received webhook events by id, with what became of each (APPLIED, STALE, UNMATCHED, APPLIED_LATE). */
@Repository
class WebhookRepository implements EarlyDeliveries {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WebhookRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return false when this event id was received before: a duplicate delivery */
    boolean insert(WebhookEvent event, String outcome) {
        return jdbc.sql("insert into webhook_event (event_id, event_type, provider_payment_id, payment_version,"
                                + " payload, outcome, resolved_at) values (?, ?, ?, ?, ?::jsonb, ?,"
                                + " case when ? = 'UNMATCHED' then null else now() end) on conflict do nothing")
                        .params(
                                event.id(),
                                event.type(),
                                event.payment().id(),
                                event.payment().version(),
                                event.rawJson(),
                                outcome,
                                outcome)
                        .update()
                == 1;
    }

    @Override
    public List<ProviderPayment> claim(String providerPaymentId) {
        return jdbc
                .sql("update webhook_event set outcome = 'APPLIED_LATE', resolved_at = now()"
                        + " where provider_payment_id = ? and outcome = 'UNMATCHED' returning payload")
                .param(providerPaymentId)
                .query((rs, n) -> PspJson.payment(
                        json.readTree(rs.getString("payload")).path("data").path("payment")))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingInt(ProviderPayment::version))
                .toList();
    }
}
