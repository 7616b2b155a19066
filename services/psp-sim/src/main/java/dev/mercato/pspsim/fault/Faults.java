package dev.mercato.pspsim.fault;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The current fault settings. Process memory only: a restarted simulator starts from the configured ones. */
@Component
class Faults {

    private final FaultProperties defaults;
    private final AtomicReference<FaultSettings> current;

    Faults(FaultProperties defaults) {
        this.defaults = defaults;
        this.current = new AtomicReference<>(defaults.settings());
    }

    FaultSettings current() {
        return current.get();
    }

    void set(FaultSettings settings) {
        current.set(settings);
    }

    FaultSettings reset() {
        current.set(defaults.settings());
        return current.get();
    }
}
