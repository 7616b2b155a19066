package dev.mercato.pspsim.fault;

import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/** Applies the injected latency, then the injected failure rate, to provider API requests before they run. */
class FaultInterceptor implements HandlerInterceptor {

    private final Faults faults;

    FaultInterceptor(Faults faults) {
        this.faults = faults;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        FaultSettings settings = faults.current();
        var random = ThreadLocalRandom.current();
        long delay = settings.latencyMs() + (settings.jitterMs() > 0 ? random.nextLong(settings.jitterMs() + 1) : 0);
        if (delay > 0) {
            Thread.sleep(delay);
        }
        if (settings.failureRate() > 0 && random.nextDouble() < settings.failureRate()) {
            throw new ProblemException(Problems.of(
                            ProblemType.UNAVAILABLE,
                            "Injected provider failure (admin failure rate); nothing was done"))
                    .withHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        return true;
    }
}
