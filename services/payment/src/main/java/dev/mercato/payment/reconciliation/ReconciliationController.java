package dev.mercato.payment.reconciliation;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators: the drift report, and a reconciliation run on demand. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/v1/payments/reconciliation/drifts")
    List<Drift> drifts(@RequestParam(defaultValue = "100") int limit) {
        return reconciliation.recent(Math.clamp(limit, 1, 1000));
    }

    @PostMapping("/v1/payments/reconciliation/runs")
    Reconciliation.Run run() {
        return reconciliation.run(true);
    }
}
