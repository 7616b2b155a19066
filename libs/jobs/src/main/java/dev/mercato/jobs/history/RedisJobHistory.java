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
 * id|instance|startedAt|endedAt|outcome|summary} (epoch milliseconds; the summary last, so it may hold anything).
 */
public final class RedisJobHistory implements JobHistory {

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
                null);
        redis.opsForZSet().add(running(job), line(run), run.startedAt().toEpochMilli());
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
                JobHistory.cut(summary));
        redis.opsForList().leftPush(runs(run.job()), line(ended));
        redis.opsForList().trim(runs(run.job()), 0, kept - 1);
        redis.opsForZSet().remove(running(run.job()), line(run));
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

    private static String line(JobRun run) {
        return String.join(
                "|",
                run.id(),
                run.instance(),
                String.valueOf(run.startedAt().toEpochMilli()),
                run.endedAt() == null ? "" : String.valueOf(run.endedAt().toEpochMilli()),
                run.outcome().name(),
                run.summary() == null ? "" : run.summary());
    }

    private static JobRun parse(String job, String line) {
        String[] parts = line.split("\\|", 6);
        return new JobRun(
                parts[0],
                job,
                parts[1],
                Instant.ofEpochMilli(Long.parseLong(parts[2])),
                parts[3].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[3])),
                Outcome.valueOf(parts[4]),
                parts[4].equals(Outcome.RUNNING.name()) ? null : parts[5]);
    }
}
