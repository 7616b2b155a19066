package dev.mercato.documents.report;

import dev.mercato.documents.DateRange;
import dev.mercato.web.problem.ProblemException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sales reports (CSV) for admins: requested, rendered by the report consumer, then fetched (404 until then). */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class ReportController {

    private final SalesReports reports;

    ReportController(SalesReports reports) {
        this.reports = reports;
    }

    record RangeRequest(@Nullable String from, @Nullable String to) {}

    @PostMapping("/v1/admin/documents/reports")
    ResponseEntity<Map<String, UUID>> request(@RequestBody RangeRequest request) {
        DateRange range = DateRange.parse(request.from(), request.to());
        UUID report = reports.request(range.from(), range.to());
        return ResponseEntity.accepted()
                .location(URI.create("/v1/admin/documents/reports/" + report))
                .body(Map.of("reportId", report));
    }

    @GetMapping("/v1/admin/documents/reports/{id}")
    ResponseEntity<byte[]> report(@PathVariable UUID id) {
        byte[] csv = reports.csv(id).orElseThrow(() -> ProblemException.notFound("Rendered report", id));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv")).body(csv);
    }
}
