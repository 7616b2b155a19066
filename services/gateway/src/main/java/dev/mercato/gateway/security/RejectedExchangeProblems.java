package dev.mercato.gateway.security;

import dev.mercato.gateway.problem.ProblemWriter;
import dev.mercato.web.problem.ProblemType;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses paths it considers unsafe (an encoded {@code %}, {@code ;}, an empty segment):
 * with a problem document, like every other refusal at the edge, instead of its default bare 400.
 */
@Component
class RejectedExchangeProblems implements ServerExchangeRejectedHandler {

    private final ProblemWriter problems;

    RejectedExchangeProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(
                exchange, ProblemType.VALIDATION, "The request has a path, header or parameter that is not allowed");
    }
}
