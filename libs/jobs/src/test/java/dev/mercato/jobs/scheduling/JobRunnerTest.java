package dev.mercato.jobs.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.jobs.history.JobHistory;
import dev.mercato.jobs.history.JobRun;
import dev.mercato.jobs.history.Outcome;
import dev.mercato.jobs.job.Job;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a sweep's turn records, for each way it can end (the lock always granted, the history kept in a list). */
class JobRunnerTest {

    private final List<String> recorded = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JobRunner runner =
            new JobRunner(lock -> Optional.of(() -> {}), new ListHistory(), "here", Duration.ofDays(7), meters);

    @Test
    void aSweepIsRecordedOnItsOwnWhenItHandledSomethingAsPartOfASpellWhenNotAndWithItsReasonWhenItFailed() {
        AtomicInteger due = new AtomicInteger();
        Job sweep = Job.named("sweep")
                .every(Duration.ofSeconds(1))
                .sweeps(
                        () -> {
                            int now = due.getAndSet(0);
                            if (now < 0) {
                                throw new IllegalStateException("the disk is full");
                            }
                            return now;
                        },
                        n -> "swept " + n);

        assertThat(runner.turn(sweep)).isNull();
        due.set(3);
        JobRun worked = runner.turn(sweep);
        due.set(-1);
        JobRun failed = runner.turn(sweep);

        assertThat(worked.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(worked.summary()).isEqualTo("swept 3");
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.summary()).isEqualTo("IllegalStateException: the disk is full");
        assertThat(recorded)
                .containsExactly(
                        "idle sweep: swept 0",
                        "recorded sweep SUCCEEDED: swept 3",
                        "recorded sweep FAILED: " + "IllegalStateException: the disk is full");
        assertThat(meters.counter("mercato.jobs.idle", "job", "sweep").count()).isEqualTo(1);
        assertThat(meters.timer("mercato.jobs.runs", "job", "sweep", "outcome", "FAILED")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aTaskIsRecordedWhenItStartsAndWhenItEnds() {
        Job task = Job.named("task").every(Duration.ofMinutes(1)).runs(() -> "done");

        assertThat(runner.turn(task).summary()).isEqualTo("done");
        assertThat(recorded).containsExactly("started task", "ended task SUCCEEDED: done");
    }

    private final class ListHistory implements JobHistory {

        @Override
        public JobRun started(String job, String instance) {
            recorded.add("started " + job);
            return new JobRun("1", job, instance, Instant.now(), null, Outcome.RUNNING, null, 1);
        }

        @Override
        public void ended(JobRun run, Outcome outcome, String summary) {
            recorded.add("ended " + run.job() + " " + outcome + ": " + summary);
        }

        @Override
        public JobRun recorded(String job, String instance, Duration took, Outcome outcome, String summary) {
            recorded.add("recorded " + job + " " + outcome + ": " + summary);
            Instant end = Instant.now();
            return new JobRun("2", job, instance, end.minus(took), end, outcome, summary, 1);
        }

        @Override
        public void idle(String job, String instance, Duration took, String summary) {
            recorded.add("idle " + job + ": " + summary);
        }

        @Override
        public List<JobRun> recent(String job, int limit) {
            return List.of();
        }

        @Override
        public long prune(Duration retention) {
            return 0;
        }
    }
}
