package dev.mercato.jobs.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The runs of a service without a database, in its Redis: per job a sorted set of the runs in progress
 * ({@code <prefix>running:<job>}, scored by start time) and a list of the ended ones, newest first
 * ({@code <prefix>runs:<job>}, trimmed to {@code kept} entries). A run is one line, {@code
 * id|instance|startedAt|endedAt|outcome|runs|kind|summary} (epoch milliseconds; kind {@code idle} for a sweep's idle
 * spell, else {@code run}; the summary last, so it may hold anything). Each job has one writer at a time (its lock), so
 * extending the newest line is not a race.
 */
public final class RedisJobHistory implements JobHistory {

    private static final int FIELDS = 8;
    private static final String IDLE = "idle";
    private static final String RUN = "run";

    private final StringRedisTemplate redis;
    private final String prefix;
    private final int kept;
    private final Collection<String> jobs;
    private final Clock clock;

    /** @param jobs the jobs whose runs {@link #prune} looks at */
    public RedisJobHistory(StringRedisTemplate redis, String prefix, int kept, Collection<String> jobs, Clock clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.kept = kept;
        this.jobs = List.copyOf(jobs);
        this.clock = clock;
    }

    @Override
    public JobRun started(String job, String instance) {
        JobRun run = new JobRun(
                UUID.randomUUID().toString(),
                job,
                instance.replace('|', '/'),
                clock.instant(),
                null,
                Outcome.RUNNING,
                null,
                1);
        redis.opsForZSet().add(running(job), line(run, false), run.startedAt().toEpochMilli());
        return run;
    }

    @Override
    public void ended(JobRun run, Outcome outcome, String summary) {
        JobRun ended = new JobRun(
                run.id(),
                run.job(),
                run.instance(),
                run.startedAt(),
                clock.instant(),
                outcome,
                JobHistory.cut(summary),
                1);
        push(run.job(), line(ended, false));
        redis.opsForZSet().remove(running(run.job()), line(run, false));
    }

    @Override
    public JobRun recorded(String job, String instance, Duration took, Outcome outcome, String summary) {
        JobRun run = endedNow(job, instance, took, outcome, summary);
        push(job, line(run, false));
        return run;
    }

    @Override
    public void idle(String job, String instance, Duration took, String summary) {
        String newest = redis.opsForList().index(runs(job), 0);
        if (newest == null || !isIdle(newest)) {
            push(job, line(endedNow(job, instance, took, Outcome.SUCCEEDED, summary), true));
            return;
        }
        JobRun spell = parse(job, newest);
        JobRun extended = new JobRun(
                spell.id(),
                job,
                instance.replace('|', '/'),
                spell.startedAt(),
                clock.instant(),
                Outcome.SUCCEEDED,
                JobHistory.cut(summary),
                spell.runs() + 1);
        redis.opsForList().set(runs(job), 0, line(extended, true));
    }

    private JobRun endedNow(String job, String instance, Duration took, Outcome outcome, String summary) {
        Instant end = clock.instant();
        return new JobRun(
                UUID.randomUUID().toString(),
                job,
                instance.replace('|', '/'),
                end.minus(took),
                end,
                outcome,
                JobHistory.cut(summary),
                1);
    }

    private void push(String job, String line) {
        redis.opsForList().leftPush(runs(job), line);
        redis.opsForList().trim(runs(job), 0, kept - 1);
    }

    @Override
    public List<JobRun> recent(String job, int limit) {
        List<JobRun> recent = new ArrayList<>();
        Set<String> inProgress = redis.opsForZSet().reverseRange(running(job), 0, limit - 1);
        if (inProgress != null) {
            inProgress.forEach(line -> recent.add(parse(job, line)));
        }
        List<String> ended = redis.opsForList().range(runs(job), 0, limit - 1);
        if (ended != null) {
            ended.forEach(line -> recent.add(parse(job, line)));
        }
        recent.sort(Comparator.comparing(JobRun::startedAt).reversed());
        return recent.size() <= limit ? recent : recent.subList(0, limit);
    }

    /** Ended runs are trimmed by count as they are added; this forgets runs whose instance died in them. */
    @Override
    public long prune(Duration retention) {
        long cutoff = clock.instant().minus(retention).toEpochMilli();
        long removed = 0;
        for (String job : jobs) {
            Long count = redis.opsForZSet().removeRangeByScore(running(job), Double.NEGATIVE_INFINITY, cutoff);
            removed += count == null ? 0 : count;
        }
        return removed;
    }

    private String running(String job) {
        return prefix + "running:" + job;
    }

    private String runs(String job) {
        return prefix + "runs:" + job;
    }

    private static String line(JobRun run, boolean idle) {
        return String.join(
                "|",
                run.id(),
                run.instance(),
                String.valueOf(run.startedAt().toEpochMilli()),
                run.endedAt() == null ? "" : String.valueOf(run.endedAt().toEpochMilli()),
                run.outcome().name(),
                String.valueOf(run.runs()),
                idle ? IDLE : RUN,
                run.summary() == null ? "" : run.summary());
    }

    private static boolean isIdle(String line) {
        return IDLE.equals(line.split("\\|", FIELDS)[6]);
    }

    private static JobRun parse(String job, String line) {
        String[] parts = line.split("\\|", FIELDS);
        return new JobRun(
                parts[0],
                job,
                parts[1],
                Instant.ofEpochMilli(Long.parseLong(parts[2])),
                parts[3].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[3])),
                Outcome.valueOf(parts[4]),
                parts[4].equals(Outcome.RUNNING.name()) ? null : parts[7],
                Integer.parseInt(parts[5]));
    }
}
