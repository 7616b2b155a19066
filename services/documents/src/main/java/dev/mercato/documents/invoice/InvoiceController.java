package dev.mercato.documents.invoice;

import dev.mercato.web.problem.ProblemException;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An order's invoice for its owner; anyone else, or an order not invoiced yet, gets 404 (nothing to learn). */
@RestController
class InvoiceController {

    private final Invoices invoices;

    InvoiceController(Invoices invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/v1/orders/{id}/invoice")
    ResponseEntity<byte[]> invoice(@PathVariable UUID id, @AuthenticationPrincipal Jwt caller) {
        byte[] pdf = invoices.pdf(id, UUID.fromString(caller.getSubject()))
                .orElseThrow(() -> ProblemException.notFound("The invoice of order", id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "inline; filename=\"invoice-" + id + ".pdf\"")
                .body(pdf);
    }
}
