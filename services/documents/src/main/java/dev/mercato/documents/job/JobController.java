package dev.mercato.documents.job;

import dev.mercato.documents.DateRange;
import dev.mercato.web.problem.ProblemException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Bulk invoice jobs for admins: start one over the orders confirmed in a range, then follow its progress. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class JobController {

    private final BulkJobs jobs;

    JobController(BulkJobs jobs) {
        this.jobs = jobs;
    }

    record RangeRequest(@Nullable String from, @Nullable String to) {}

    @PostMapping("/v1/admin/documents/invoices")
    ResponseEntity<Map<String, UUID>> start(@RequestBody RangeRequest request) {
        DateRange range = DateRange.parse(request.from(), request.to());
        UUID job = jobs.invoices(range.from(), range.to());
        return ResponseEntity.accepted()
                .location(URI.create("/v1/admin/documents/jobs/" + job))
                .body(Map.of("jobId", job));
    }

    @GetMapping("/v1/admin/documents/jobs/{id}")
    JobView job(@PathVariable UUID id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.notFound("Job", id));
    }
}
