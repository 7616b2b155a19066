package dev.mercato.jobs.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.jobs.JobsTestApp;
import dev.mercato.testsupport.postgres.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of one service (two application contexts, each with its own scheduler and pool) on one PostgreSQL
 * database they both migrate: each turn of a job runs on one of them only, every run is recorded with how it ended,
 * a sweep's idle runs as spells.
 */
class ClusterJobsIT {

    static TestDatabase database;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static JdbcClient jdbc;

    @BeforeAll
    static void twoInstances() throws Exception {
        // an empty database: both instances migrate the library's schema as they start
        database = TestDatabase.create("jobs");
        first = instance("first");
        second = instance("second");
        jdbc = first.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    static ConfigurableApplicationContext instance(String name) {
        return new SpringApplicationBuilder(JobsTestApp.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url", database.jdbcUrl(),
                        "spring.datasource.username", database.server().user(),
                        "spring.datasource.password", database.server().password(),
                        "mercato.jobs.instance", name))
                .run();
    }

    @Test
    void eachTurnOfTheScheduleRunsOnOneInstance() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> succeeded("tick") >= 6);

        List<Map<String, Object>> perSecond = jdbc.sql("""
                        select date_trunc('second', started_at) as second, count(*) as runs
                        from jobs.job_run where job = 'tick' group by 1 having count(*) > 1
                        """).query().listOfRows();
        assertThat(perSecond).as("seconds in which both instances ran the job").isEmpty();

        long runs = succeeded("tick");
        double skipped = skipped(first) + skipped(second);
        assertThat(skipped)
                .as("the other instance's timer fired too, found the lock taken and skipped its turn")
                .isGreaterThanOrEqualTo(runs - 2);
        assertThat(jdbc.sql("select distinct summary from jobs.job_run where job = 'tick' and outcome = 'SUCCEEDED'")
                        .query(String.class)
                        .list())
                .containsExactly("ticked");
        assertThat(jdbc.sql("select distinct instance from jobs.job_run")
                        .query(String.class)
                        .list())
                .isSubsetOf("first", "second");
    }

    @Test
    void aFailedRunIsRecordedWithItsReasonAndTheScheduleGoesOn() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from jobs.job_run where job = 'broken' and outcome = 'FAILED'")
                                .query(Long.class)
                                .single()
                        >= 3);

        assertThat(jdbc.sql("select distinct summary from jobs.job_run where job = 'broken' and outcome = 'FAILED'")
                        .query(String.class)
                        .list())
                .containsExactly("IllegalStateException: the disk is full");
        assertThat(jdbc.sql("select count(*) from jobs.job_run where ended_at < started_at")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aSweepRecordsWhatItHandledAndItsIdleRunsAsSpells() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> idle(first) + idle(second) >= 5);
        JobsTestApp.DUE.set(3);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> succeeded("sweep") >= 2);
        double idleBefore = idle(first) + idle(second);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> idle(first) + idle(second) >= idleBefore + 3);

        List<String> records = jdbc.sql("""
                        select summary || ' x' || runs from jobs.job_run where job = 'sweep' and ended_at >= started_at
                        order by started_at
                        """).query(String.class).list();
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).matches("swept 0 x([5-9]|\\d{2,})");
        assertThat(records.get(1)).isEqualTo("swept 3 x1");
        assertThat(records.get(2)).matches("swept 0 x([3-9]|\\d{2,})");
        long idleRecorded = jdbc.sql("select sum(runs) from jobs.job_run where job = 'sweep' and idle")
                .query(Long.class)
                .single();
        assertThat(idleRecorded)
                .as("every idle run of either instance is in a spell")
                .isBetween((long) idleBefore, (long) (idle(first) + idle(second)));
    }

    private static double idle(ConfigurableApplicationContext instance) {
        return counted(instance, "mercato.jobs.idle", "sweep");
    }

    private static long succeeded(String job) {
        return jdbc.sql("select count(*) from jobs.job_run where job = ? and outcome = 'SUCCEEDED'")
                .param(job)
                .query(Long.class)
                .single();
    }

    private static double skipped(ConfigurableApplicationContext instance) {
        return counted(instance, "mercato.jobs.skipped", "tick");
    }

    private static double counted(ConfigurableApplicationContext instance, String counter, String job) {
        var found = instance.getBean(MeterRegistry.class)
                .find(counter)
                .tag("job", job)
                .counter();
        return found == null ? 0 : found.count();
    }
}
