package dev.mercato.jobs.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param instance how this instance signs its runs and locks; empty: {@code <host>/<pid>}
 * @param scheduling whether this instance takes turns at all (false: the jobs are listed, never run here)
 * @param history how long runs are kept
 * @param redis where a service without a database keeps its locks and runs
 * @param shutdownWait how long a run in progress may go on when the service stops
 */
@ConfigurationProperties("mercato.jobs")
public record JobsProperties(
        @DefaultValue("") String instance,
        @DefaultValue Scheduling scheduling,
        @DefaultValue History history,
        @DefaultValue Redis redis,
        @DefaultValue("10s") Duration shutdownWait) {

    public record Scheduling(@DefaultValue("true") boolean enabled) {}

    /**
     * @param retention runs older than this are forgotten (checked about once an hour)
     * @param redisKept in Redis, the ended runs kept per job
     */
    public record History(
            @DefaultValue("7d") Duration retention,
            @DefaultValue("1000") int redisKept) {}

    /** @param keyPrefix empty: {@code mercato:jobs:<spring.application.name>:} */
    public record Redis(@DefaultValue("") String keyPrefix) {}
}
