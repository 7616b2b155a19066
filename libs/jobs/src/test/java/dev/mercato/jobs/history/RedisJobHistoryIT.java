package dev.mercato.jobs.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The runs of a service without a database (cart), on the local Redis under keys of this test's own. */
class RedisJobHistoryIT {

    private final String prefix = "it:jobs:" + UUID.randomUUID() + ":";
    private final LettuceConnectionFactory connections = connect();
    private final StringRedisTemplate redis = new StringRedisTemplate(connections);
    private final RedisJobHistory history = new RedisJobHistory(redis, prefix, 10, List.of("sweep"), Clock.systemUTC());

    @AfterEach
    void cleanUp() {
        redis.delete(redis.keys(prefix + "*"));
        connections.destroy();
    }

    @Test
    void aSweepsIdleRunsInARowShareOneRecordAndARunThatDidSomethingStandsApart() {
        history.idle("sweep", "a/1", Duration.ZERO, "swept 0");
        history.idle("sweep", "b/2", Duration.ZERO, "swept 0");
        history.recorded("sweep", "a/1", Duration.ZERO, Outcome.SUCCEEDED, "swept 3 | with a pipe");
        history.idle("sweep", "a/1", Duration.ZERO, "swept 0");
        history.recorded("sweep", "b/2", Duration.ZERO, Outcome.FAILED, "IllegalStateException: full");

        List<JobRun> recent = history.recent("sweep", 10);

        assertThat(recent)
                .extracting(run -> run.outcome() + " " + run.summary() + " x" + run.runs() + " by " + run.instance())
                .containsExactly(
                        "FAILED IllegalStateException: full x1 by b/2",
                        "SUCCEEDED swept 0 x1 by a/1",
                        "SUCCEEDED swept 3 | with a pipe x1 by a/1",
                        "SUCCEEDED swept 0 x2 by b/2");
        JobRun firstSpell = recent.getLast();
        assertThat(firstSpell.endedAt()).isAfterOrEqualTo(firstSpell.startedAt());
    }

    private static LettuceConnectionFactory connect() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                "localhost", Integer.parseInt(System.getenv().getOrDefault("MERCATO_REDIS_PORT", "6379"))));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
