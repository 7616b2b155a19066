package dev.mercato.pspsim.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/** Forgets every payment, idempotency key and webhook: a clean provider for the next scenario run. */
@RestController
class DataAdminController {

    private final DataRepository data;

    DataAdminController(DataRepository data) {
        this.data = data;
    }

    @DeleteMapping("/admin/data")
    ResponseEntity<Void> wipe() {
        data.wipe();
        return ResponseEntity.noContent().build();
    }
}
