package dev.mercato.bench.messaging;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

@Component
class PhaseRunner implements ApplicationRunner {

    private final BenchSettings settings;
    private final List<Phase> phases;

    PhaseRunner(BenchSettings settings, List<Phase> phases) {
        this.settings = settings;
        this.phases = phases;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Phase phase = phases.stream()
                .filter(candidate -> candidate.name().equals(settings.phase()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("bench.phase must be one of "
                        + phases.stream().map(Phase::name).toList() + ", was " + settings.phase()));
        phase.run();
    }
}
