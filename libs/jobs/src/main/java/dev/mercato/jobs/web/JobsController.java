package dev.mercato.jobs.web;

import dev.mercato.jobs.history.JobHistory;
import dev.mercato.jobs.job.Job;
import dev.mercato.web.problem.ProblemException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators: this service's jobs, their schedules and their latest runs (on any instance), read-only. Needs the
 * {@code admin} role, checked here with {@code @PreAuthorize} (the auto-configuration refuses to start a service whose
 * method security is off). Through the gateway: {@code /v1/admin/<service>/jobs}.
 */
@RestController
public class JobsController {

    static final int DEFAULT_RUNS = 5;
    static final int MAX_RUNS = 100;

    private final String service;
    private final List<Job> jobs;
    private final JobHistory history;

    public JobsController(String service, List<Job> jobs, JobHistory history) {
        this.service = service;
        this.jobs = List.copyOf(jobs);
        this.history = history;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping(path = "/v1/admin/jobs", produces = "application/json")
    public JobViews.Jobs list(@RequestParam(name = "runs", required = false) String runs) {
        int limit = runs(runs);
        return new JobViews.Jobs(
                service,
                jobs.stream()
                        .map(job -> JobViews.JobView.of(job, history.recent(job.name(), limit)))
                        .toList());
    }

    private static int runs(String value) {
        if (value == null) {
            return DEFAULT_RUNS;
        }
        try {
            int runs = Integer.parseInt(value.trim());
            if (runs >= 1 && runs <= MAX_RUNS) {
                return runs;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid("runs", "must be an integer from 1 to " + MAX_RUNS + ", was '" + value + "'");
    }
}
