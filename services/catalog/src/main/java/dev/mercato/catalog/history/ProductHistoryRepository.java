package dev.mercato.catalog.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProductHistoryRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProductHistoryRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** At most once per message: a redelivered event changes nothing. */
    void insert(
            UUID messageId,
            UUID productId,
            String change,
            int version,
            Instant occurredAt,
            String requestId,
            JsonNode snapshot) {
        jdbc.sql("""
                        insert into product_change
                            (message_id, product_id, change, version, occurred_at, request_id, snapshot)
                        values (:message, :product, :change, :version, :occurredAt, :requestId, cast(:snapshot as jsonb))
                        on conflict (message_id) do nothing
                        """)
                .param("message", messageId)
                .param("product", productId)
                .param("change", change)
                .param("version", version)
                .param("occurredAt", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .param("requestId", requestId)
                .param("snapshot", json.writeValueAsString(snapshot))
                .update();
    }

    /** Newest first; a deletion sorts before the update that carried the same version. */
    List<ProductHistory.Change> of(UUID productId) {
        return jdbc.sql("""
                        select change, version, occurred_at, request_id, snapshot::text as snapshot
                        from product_change
                        where product_id = :product
                        order by version desc, occurred_at desc, change = 'deleted' desc
                        """)
                .param("product", productId)
                .query((rs, row) -> new ProductHistory.Change(
                        rs.getString("change"),
                        rs.getInt("version"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("request_id"),
                        json.readTree(rs.getString("snapshot"))))
                .list();
    }
}
