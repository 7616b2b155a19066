package dev.mercato.pspsim.fault;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin")
class FaultAdminController {

    private final Faults faults;

    FaultAdminController(Faults faults) {
        this.faults = faults;
    }

    @GetMapping("/faults")
    FaultSettings get() {
        return faults.current();
    }

    @PutMapping("/faults")
    FaultSettings set(@Valid @RequestBody FaultSettings settings) {
        faults.set(settings);
        return settings;
    }

    /** Back to the configured faults (none by default). Stored payments and webhooks stay: see DELETE /admin/data. */
    @PostMapping("/reset")
    FaultSettings reset() {
        return faults.reset();
    }
}
