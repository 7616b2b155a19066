package dev.mercato.messaging.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.mercato.messaging.config.MessagingSchema;
import dev.mercato.testsupport.postgres.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A scenario's own database on the real PostgreSQL: the library's tables, {@code scenario_effect} (one row per time a
 * scenario consumer's handler committed, never deduplicated, so a second effect would show) and
 * {@code state_change} (the business rows written together with outbox messages). Dropped on close.
 */
final class ScenarioDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;

    private ScenarioDatabase(TestDatabase database) {
        this.database = database;
        this.dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.server().user());
        dataSource.setPassword(database.server().password());
        dataSource.setMaximumPoolSize(2);
        this.jdbc = JdbcClient.create(dataSource);
    }

    static ScenarioDatabase create(String purpose) {
        var created = new ScenarioDatabase(TestDatabase.create(purpose));
        MessagingSchema.migrate(created.dataSource);
        created.jdbc.sql("""
                        create table scenario_effect (
                            message_id uuid not null,
                            consumer text not null,
                            handled_at timestamptz not null default clock_timestamp())
                        """).update();
        created.jdbc.sql("""
                        create table state_change (
                            id bigserial primary key,
                            message_id uuid not null unique,
                            written_at timestamptz not null default clock_timestamp())
                        """).update();
        return created;
    }

    /** Where a {@link ScenarioNode} finds this database. */
    Map<String, String> nodeProperties() {
        return Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.server().user(),
                "spring.datasource.password", database.server().password(),
                "spring.datasource.hikari.maximum-pool-size", "4");
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    Instant now() {
        return jdbc.sql("select clock_timestamp()")
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    long effects() {
        return count("select count(*) from scenario_effect");
    }

    long effectsBy(String consumer) {
        return jdbc.sql("select count(*) from scenario_effect where consumer = ?")
                .param(consumer)
                .query(Long.class)
                .single();
    }

    /** Effects per consumer whose handler started in {@code [from, to)}, by the database clock. */
    Map<String, Long> effectsBetween(Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select consumer, count(*) from scenario_effect
                        where handled_at >= ? and handled_at < ? group by consumer order by consumer
                        """).params(Timestamp.from(from), Timestamp.from(to)).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    long stateChanges() {
        return count("select count(*) from state_change");
    }

    List<UUID> stateChangeMessageIds() {
        return jdbc.sql("select message_id from state_change order by id")
                .query(UUID.class)
                .list();
    }

    long unpublishedOutboxMessages() {
        return count("select count(*) from messaging.outbox_message where published_at is null");
    }

    long inboxRecords(String consumer) {
        return jdbc.sql("select count(*) from messaging.inbox_message where consumer = ?")
                .param(consumer)
                .query(Long.class)
                .single();
    }

    /** How the effects compare with the messages that should have had exactly one each. */
    EffectCheck check(Collection<UUID> expected) {
        Map<UUID, Long> perMessage = new HashMap<>();
        jdbc.sql("select message_id, count(*) from scenario_effect group by message_id")
                .query(rs -> {
                    perMessage.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        Set<UUID> wanted = new HashSet<>(expected);
        long missing = wanted.stream().filter(id -> !perMessage.containsKey(id)).count();
        long repeated = perMessage.values().stream().filter(count -> count > 1).count();
        long unexpected =
                perMessage.keySet().stream().filter(id -> !wanted.contains(id)).count();
        long total = perMessage.values().stream().mapToLong(Long::longValue).sum();
        return new EffectCheck(wanted.size(), total, missing, repeated, unexpected);
    }

    /**
     * @param expected distinct messages that should each have had one effect
     * @param effects effect rows
     * @param missing messages without an effect (lost)
     * @param repeated messages with more than one effect
     * @param unexpected effects of messages nobody sent
     */
    record EffectCheck(long expected, long effects, long missing, long repeated, long unexpected) {

        boolean exactlyOnce() {
            return effects == expected && missing == 0 && repeated == 0 && unexpected == 0;
        }

        @Override
        public String toString() {
            return "%d messages, %d effects, %d without an effect, %d with more than one, %d unknown"
                    .formatted(expected, effects, missing, repeated, unexpected);
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Override
    public void close() {
        dataSource.close();
        database.drop();
    }
}
